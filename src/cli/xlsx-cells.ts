/**
 * Translation between exceljs cell values/styles and the engine's plain cell values, so the .xlsx port
 * reads and writes the same shapes the Excel adapter does (dates as serial numbers, text never as formulas).
 */
import type ExcelJS from "exceljs";
import { epochMsToSerial } from "../sync/fields/dates";
import type { CellValue, ColumnFormat } from "../sync/ports";

/** Office.js reads dates as serial numbers; exceljs hands back Date objects for date-formatted cells. */
export function dateToSerial(date: Date): number {
  return epochMsToSerial(date.getTime());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function richTextToString(value: unknown): string | null {
  if (!isRecord(value) || !Array.isArray(value.richText)) return null;
  return value.richText.map((run) => (isRecord(run) && typeof run.text === "string" ? run.text : "")).join("");
}

/** What a formula, hyperlink, rich-text or error cell shows, as the Excel adapter's `values` would give it. */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateToSerial(value);
  const rich = richTextToString(value);
  if (rich !== null) return rich === "" ? null : rich;
  if (isRecord(value)) {
    if ("formula" in value || "sharedFormula" in value)
      return toCellValue(value.result as ExcelJS.CellValue | undefined);
    if ("hyperlink" in value) return toCellValue(value.text as ExcelJS.CellValue | undefined);
    if ("error" in value && typeof value.error === "string") return value.error;
  }
  return null;
}

export const NUMBER_FORMATS: Partial<Record<ColumnFormat, string>> = {
  money: "#,##0.00",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  text: "@",
};

/** "#FFC7CE" → "FFFFC7CE" (exceljs colours are ARGB). */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

export function solidFill(hex: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } };
}

export function fillColor(cell: ExcelJS.Cell): string | null {
  const fill = cell.style.fill;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return fill.fgColor?.argb?.toUpperCase() ?? null;
}

export function noteText(cell: ExcelJS.Cell): string | null {
  const note: unknown = cell.note;
  if (typeof note === "string") return note;
  if (isRecord(note) && Array.isArray(note.texts)) {
    return note.texts.map((run) => (isRecord(run) && typeof run.text === "string" ? run.text : "")).join("");
  }
  return null;
}

/**
 * exceljs has no public way to delete a note: setting `note` always creates one, and a loaded cell keeps
 * the note both in its private holder and in its value model. Rebuild the cell from a model without it.
 */
export function removeNote(cell: ExcelJS.Cell): void {
  const { comment: _comment, ...model } = cell.model as ExcelJS.CellModel & { comment?: unknown };
  cell.model = model as ExcelJS.CellModel;
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

/** Styles may be shared between cells after a load; always replace the style object, never mutate it. */
export function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

/** Cells created later in the column inherit its style (number format, read-only font). */
export function restyleColumn(column: ExcelJS.Column, patch: Partial<ExcelJS.Style>): void {
  column.style = { ...column.style, ...patch };
}

export function withoutFill(cell: ExcelJS.Cell): void {
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  delete style.fill;
  cell.style = style;
}
