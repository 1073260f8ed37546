/**
 * How engine values become cell inputs without Excel reinterpreting them: text never turns into a
 * formula, a number or a date; numbers and booleans stay what they are.
 */
import type { CellValue, ColumnFormat } from "../sync/ports";

export const NUMBER_FORMATS: Partial<Record<ColumnFormat, string>> = {
  money: "#,##0.00",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  text: "@",
};

export const TEXT_FORMAT = "@";

/** Text Excel would read as something else when typed into a General cell: formulas, numbers, dates, booleans, percentages. */
export function excelWouldReinterpret(text: string): boolean {
  if (text === "") return false;
  if (/^[=+\-@\t\r\n']/.test(text)) return true;
  const t = text.trim();
  return (
    /^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t) ||
    /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?([ T]\d{1,2}:\d{2}(:\d{2})?)?$/.test(t) ||
    /^\d{1,2}:\d{2}(:\d{2})?( ?[ap]m)?$/i.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^\(\d[\d,.]*\)$/.test(t)
  );
}

/**
 * The value to put into `Range.values` for an engine value. In Text ("@") cells Excel keeps strings
 * literally; elsewhere a leading apostrophe makes Excel store the rest as text.
 * `null` from the engine clears the cell ("" in Office.js; `null` there would mean "leave unchanged").
 */
export function toCellInput(value: CellValue, cellFormat: string | null): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  if (cellFormat === TEXT_FORMAT && !value.startsWith("'")) return value;
  return excelWouldReinterpret(value) ? `'${value}` : value;
}

/** An Office.js cell value as the engine sees it: empty cells are null. */
export function fromCellValue(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}
