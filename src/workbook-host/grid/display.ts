/** How a cell's value is shown in the grid, following its number format the way Excel would. */
import type { CellValue } from "../../sync/ports";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

const pad = (n: number) => String(n).padStart(2, "0");

function formatDateParts(date: Date, withTime: boolean): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return withTime ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : day;
}

function decimalsOf(format: string): number {
  const match = /0\.(0+)/.exec(format);
  return match ? match[1].length : 0;
}

export function isDateFormat(numberFormat: string | null): boolean {
  return numberFormat !== null && /y{2,4}.*d{1,2}|d{1,2}.*y{2,4}/i.test(numberFormat);
}

export function displayText(value: CellValue, numberFormat: string | null): string {
  if (value === null || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const format = numberFormat ?? "General";
  if (isDateFormat(format) && Number.isFinite(value)) {
    return formatDateParts(serialToDate(value), /h{1,2}/i.test(format));
  }
  if (format.includes("%")) return `${(value * 100).toFixed(decimalsOf(format))}%`;
  if (/[#0]/.test(format) && format !== "@") {
    const decimals = decimalsOf(format);
    return format.includes(",")
      ? value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
      : value.toFixed(decimals);
  }
  return String(value);
}

export function isNumeric(value: CellValue): boolean {
  return typeof value === "number";
}
