/**
 * How Excel turns what an add-in writes into a cell: formulas, numbers parsed from text, the "'" text
 * prefix and the Text ("@") number format that keeps everything literal.
 */
import { columnIndex } from "../workbook-layout/a1";

export type Scalar = string | number | boolean;

export interface CellContent {
  value: Scalar;
  formula?: string;
}

export const TEXT_FORMAT = "@";

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel's serial number for an ISO date or date-time (UTC), or null when the text is not one. */
export function isoToSerial(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d) return null;
  return (ms - EXCEL_EPOCH_MS) / 86_400_000;
}

/** Interprets a value written to `Range.values` for a cell with the given number format. */
export function interpretInput(input: Scalar, numberFormat: string): CellContent {
  if (typeof input !== "string") return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (numberFormat === TEXT_FORMAT) return { value: input };
  if (input.length > 1 && (input.startsWith("=") || input.startsWith("+") || input.startsWith("-") || input.startsWith("@"))) {
    if (NUMERIC.test(input.trim())) return { value: Number(input.trim()) };
    const formula = input.startsWith("=") ? input : input.startsWith("@") ? `=${input.slice(1)}` : `=${input}`;
    return { value: "", formula };
  }
  if (NUMERIC.test(input.trim())) return { value: Number(input.trim()) };
  const serial = isoToSerial(input.trim());
  if (serial !== null) return { value: serial };
  if (/^(true|false)$/i.test(input)) return { value: input.toUpperCase() === "TRUE" };
  return { value: input };
}

export type CellLookup = (row: number, column: number) => Scalar;

/** Evaluates the tiny formula language of the fake: numbers, "text", A1 references, + - * / & and parentheses. */
export function evaluateFormula(formula: string, lookup: CellLookup): Scalar {
  try {
    const parser = new FormulaParser(formula.slice(1), lookup);
    const result = parser.parseExpression();
    parser.expectEnd();
    return result;
  } catch {
    return "#NAME?";
  }
}

class FormulaParser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly lookup: CellLookup,
  ) {}

  expectEnd(): void {
    this.skipSpaces();
    if (this.pos !== this.text.length) throw new Error("trailing input");
  }

  parseExpression(): Scalar {
    let left = this.parseTerm();
    for (;;) {
      const op = this.peek();
      if (op !== "+" && op !== "-" && op !== "&") return left;
      this.pos++;
      const right = this.parseTerm();
      left = op === "&" ? `${String(left)}${String(right)}` : op === "+" ? toNumber(left) + toNumber(right) : toNumber(left) - toNumber(right);
    }
  }

  private parseTerm(): Scalar {
    let left = this.parseFactor();
    for (;;) {
      const op = this.peek();
      if (op !== "*" && op !== "/") return left;
      this.pos++;
      const right = toNumber(this.parseFactor());
      if (op === "/" && right === 0) throw new Error("#DIV/0!");
      left = op === "*" ? toNumber(left) * right : toNumber(left) / right;
    }
  }

  private parseFactor(): Scalar {
    const ch = this.peek();
    if (ch === "-" || ch === "+") {
      this.pos++;
      const v = toNumber(this.parseFactor());
      return ch === "-" ? -v : v;
    }
    if (ch === "(") {
      this.pos++;
      const v = this.parseExpression();
      if (this.peek() !== ")") throw new Error("missing )");
      this.pos++;
      return v;
    }
    const rest = this.text.slice(this.pos);
    const str = /^"((?:[^"]|"")*)"/.exec(rest);
    if (str) {
      this.pos += str[0].length;
      return str[1].replace(/""/g, '"');
    }
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const ref = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?![A-Za-z0-9(])/.exec(rest);
    if (ref) {
      this.pos += ref[0].length;
      return this.lookup(Number(ref[2]) - 1, columnIndex(ref[1]));
    }
    throw new Error("unsupported formula");
  }

  private peek(): string {
    this.skipSpaces();
    return this.text[this.pos] ?? "";
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }
}

function toNumber(v: Scalar): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "") return 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error("#VALUE!");
  return n;
}
