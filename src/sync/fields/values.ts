/**
 * Conversions between the three shapes a field value takes:
 * - the cell (what the sheet port reads and writes),
 * - the canonical value (what the engine compares and stores as base: Twenty's own representation, normalised),
 * - the wire value (what goes into a create/update payload).
 */
import { z } from "zod";
import type { CellValue } from "../ports";
import type { SelectOption } from "../metadata";
import type { FieldColumn } from "./catalog";
import { decimalToMicros, microsToSheetAmount, microsToWire, numberToMicros } from "./money";
import { epochMsToDateOnly, epochMsToIso, epochMsToSerial, parseDateText, serialToEpochMs } from "./dates";

export type Canonical = z.infer<ReturnType<typeof z.json>>;
export const canonicalSchema = z.json();

export type ParseResult = { ok: true; value: Canonical } | { ok: false; reason: string };

export const MAX_TEXT_LENGTH = 10_000;
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

const ok = (value: Canonical): ParseResult => ({ ok: true, value });
const fail = (reason: string): ParseResult => ({ ok: false, reason });

export function isEmptyCell(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** Key under which two canonical values are equal exactly when they mean the same thing. */
export function canonicalKey(value: Canonical | undefined): string {
  return JSON.stringify(sortKeys(value ?? null));
}

function sortKeys(value: Canonical): Canonical {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k] as Canonical)]));
  }
  return value;
}

export function sameValue(a: Canonical | undefined, b: Canonical | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return x === y;
  return canonicalKey(x) === canonicalKey(y);
}

function cellText(cell: CellValue): string {
  return typeof cell === "string" ? cell : String(cell);
}

function findOption(options: SelectOption[], raw: string): SelectOption | undefined {
  const t = raw.trim();
  const lower = t.toLowerCase();
  return options.find((o) => o.value === t) ?? options.find((o) => o.value.toLowerCase() === lower) ?? options.find((o) => o.label.toLowerCase() === lower);
}

function allowedOptions(options: SelectOption[]): string {
  return options.map((o) => o.label).join(", ");
}

/**
 * Lists are shown as `a; b; c`. A list whose items contain `;` (or are empty) is shown as JSON instead.
 * Both forms are read back, so is a single comma-free item.
 */
export function listToText(items: string[]): string {
  return items.some((i) => i.includes(";") || i.trim() !== i || i === "") ? JSON.stringify(items) : items.join("; ");
}

export function textToList(text: string): string[] | null {
  const t = text.trim();
  if (t.startsWith("[")) {
    const parsed = z.array(z.union([z.string(), z.number()])).safeParse(safeJson(t));
    return parsed.success ? parsed.data.map(String) : null;
  }
  return t.split(";").map((s) => s.trim()).filter((s) => s !== "");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function emptyListToNull(items: string[]): Canonical {
  return items.length === 0 ? null : items;
}

/** Parses a non-empty cell into the column's canonical value, or says why it cannot. */
export function parseCell(column: FieldColumn, cell: CellValue): ParseResult {
  if (isEmptyCell(cell)) return ok(null);
  const c = cell as string | number | boolean;
  switch (column.kind) {
    case "text": {
      const text = cellText(c);
      return text.length > MAX_TEXT_LENGTH ? fail(`text is longer than ${MAX_TEXT_LENGTH} characters (${text.length})`) : ok(text);
    }
    case "email": {
      const text = cellText(c).trim().toLowerCase();
      return EMAIL.test(text) ? ok(text) : fail(`"${cellText(c)}" is not a valid email address`);
    }
    case "uuid": {
      const text = cellText(c).trim().toLowerCase();
      return UUID.test(text) ? ok(text) : fail(`"${cellText(c)}" is not a valid UUID`);
    }
    case "number": {
      if (typeof c === "boolean") return fail("expected a number, got a true/false value");
      const n = typeof c === "number" ? c : Number(c.trim());
      return Number.isFinite(n) ? ok(n) : fail(`"${cellText(c)}" is not a number`);
    }
    case "money": {
      if (typeof c === "boolean") return fail("expected an amount, got a true/false value");
      const micros = typeof c === "number" ? numberToMicros(c) : decimalToMicros(c);
      return micros === null ? fail(`"${cellText(c)}" is not an amount`) : ok(micros.toString());
    }
    case "datetime": {
      const ms = typeof c === "number" ? serialToEpochMs(c) : typeof c === "string" ? parseDateText(c) : null;
      return ms === null || Number.isNaN(ms) ? fail(`"${cellText(c)}" is not a date and time (use e.g. 2024-03-05 14:30)`) : ok(epochMsToIso(ms));
    }
    case "date": {
      const ms = typeof c === "number" ? serialToEpochMs(Math.floor(c)) : typeof c === "string" ? parseDateText(c) : null;
      return ms === null || Number.isNaN(ms) ? fail(`"${cellText(c)}" is not a date (use e.g. 2024-03-05)`) : ok(epochMsToDateOnly(ms));
    }
    case "boolean": {
      if (typeof c === "boolean") return ok(c);
      const word = cellText(c).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return ok(true);
      if (FALSE_WORDS.has(word)) return ok(false);
      return fail(`"${cellText(c)}" is not true/false (use TRUE, FALSE, yes, no, 1 or 0)`);
    }
    case "select": {
      const option = findOption(column.options, cellText(c));
      return option ? ok(option.value) : fail(`"${cellText(c)}" is not an allowed value (allowed: ${allowedOptions(column.options)})`);
    }
    case "multiselect": {
      const items = textToList(cellText(c));
      if (items === null) return fail(`"${cellText(c)}" is not a list (use a; b or a JSON array)`);
      const values: string[] = [];
      for (const item of items) {
        const option = findOption(column.options, item);
        if (!option) return fail(`"${item}" is not an allowed value (allowed: ${allowedOptions(column.options)})`);
        if (!values.includes(option.value)) values.push(option.value);
      }
      return ok(emptyListToNull(values.sort()));
    }
    case "emailList": {
      const items = textToList(cellText(c));
      if (items === null) return fail(`"${cellText(c)}" is not a list (use a; b or a JSON array)`);
      const bad = items.find((i) => !EMAIL.test(i.toLowerCase()));
      return bad !== undefined ? fail(`"${bad}" is not a valid email address`) : ok(emptyListToNull(items.map((i) => i.toLowerCase())));
    }
    case "stringList": {
      const items = textToList(cellText(c));
      return items === null ? fail(`"${cellText(c)}" is not a list (use a; b or a JSON array)`) : ok(emptyListToNull(items));
    }
    case "json": {
      if (typeof c !== "string") return ok(c);
      const parsed = canonicalSchema.safeParse(safeJson(c));
      return parsed.success ? ok(normaliseJson(parsed.data)) : fail(`"${c.length > 40 ? `${c.slice(0, 40)}…` : c}" is not valid JSON`);
    }
  }
}

function normaliseJson(value: Canonical): Canonical {
  return Array.isArray(value) && value.length === 0 ? null : value;
}

/** Reads a column's value out of a CRM record (composites are nested objects) and normalises it. */
export function readCrmValue(column: FieldColumn, record: Record<string, unknown>): Canonical {
  const top = record[column.fieldName];
  const raw = column.subField === null ? top : top !== null && typeof top === "object" ? (top as Record<string, unknown>)[column.subField] : undefined;
  return normaliseCrmValue(column, raw);
}

function normaliseCrmValue(column: FieldColumn, raw: unknown): Canonical {
  if (raw === null || raw === undefined || raw === "") return null;
  switch (column.kind) {
    case "text":
      return typeof raw === "string" ? raw : String(raw);
    case "email":
    case "uuid":
      return String(raw).toLowerCase();
    case "number": {
      const n = typeof raw === "number" ? raw : Number(raw);
      return Number.isFinite(n) ? n : String(raw);
    }
    case "money": {
      const micros = typeof raw === "number" ? (Number.isFinite(raw) ? BigInt(Math.round(raw)) : null) : decimalToMicros(String(raw));
      return micros === null ? String(raw) : micros.toString();
    }
    case "datetime": {
      const ms = Date.parse(String(raw));
      return Number.isNaN(ms) ? String(raw) : epochMsToIso(ms);
    }
    case "date":
      return String(raw).slice(0, 10);
    case "boolean":
      return raw === true || raw === "true";
    case "select":
      return String(raw);
    case "multiselect":
      return Array.isArray(raw) ? emptyListToNull(raw.map(String).sort()) : null;
    case "emailList":
      return Array.isArray(raw) ? emptyListToNull(raw.map((i) => String(i).toLowerCase())) : null;
    case "stringList":
      return Array.isArray(raw) ? emptyListToNull(raw.map(String)) : null;
    case "json": {
      const parsed = canonicalSchema.safeParse(raw);
      return parsed.success ? normaliseJson(parsed.data) : null;
    }
  }
}

function labelOf(options: SelectOption[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

/** The cell the sheet should show for a canonical value. */
export function toCell(column: FieldColumn, value: Canonical | undefined): CellValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case "money":
      return typeof value === "string" && /^-?\d+$/.test(value) ? microsToSheetAmount(BigInt(value)) : String(value);
    case "datetime": {
      const ms = Date.parse(String(value));
      return Number.isNaN(ms) ? String(value) : epochMsToSerial(ms);
    }
    case "date": {
      const ms = parseDateText(String(value));
      return ms === null ? String(value) : epochMsToSerial(ms);
    }
    case "select":
      return labelOf(column.options, String(value));
    case "multiselect":
      return Array.isArray(value) ? listToText(value.map((v) => labelOf(column.options, String(v)))) : String(value);
    case "emailList":
    case "stringList":
      return Array.isArray(value) ? listToText(value.map(String)) : String(value);
    case "json":
      return JSON.stringify(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : value;
  }
}

/** The value a create/update payload carries for a canonical value. */
export function toWire(column: FieldColumn, value: Canonical): unknown {
  if (value === null) {
    return column.kind === "multiselect" || column.kind === "stringList" ? [] : null;
  }
  if (column.kind === "money" && typeof value === "string") return microsToWire(BigInt(value));
  return value;
}
