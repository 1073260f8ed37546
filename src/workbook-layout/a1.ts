/**
 * A1 addresses <-> zero-based indexes. Shared by the Excel adapter, the in-memory Excel and the .xlsx
 * adapter so every one of them names cells the same way.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface GridRange {
  /** Zero-based first row and column. */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) throw new RangeError(`column index ${index} is out of range`);
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`"${letters}" is not a column`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n > MAX_COLUMNS) throw new RangeError(`"${letters}" is beyond the last column`);
  return n - 1;
}

/** "B3" for row 2, column 1 (zero-based). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

export function rangeAddress(range: GridRange): string {
  const start = cellAddress(range.row, range.column);
  if (range.rowCount === 1 && range.columnCount === 1) return start;
  return `${start}:${cellAddress(range.row + range.rowCount - 1, range.column + range.columnCount - 1)}`;
}

/** Sheet names with anything but letters, digits and underscores are quoted, with inner quotes doubled. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, range: GridRange): string {
  return `${quoteSheetName(sheetName)}!${rangeAddress(range)}`;
}

/** Splits "Sheet!A1:B2" / "'My sheet'!A1" into the sheet name (if any) and the local address. */
export function splitSheetAddress(address: string): { sheetName: string | null; local: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(address);
  if (quoted) return { sheetName: quoted[1].replace(/''/g, "'"), local: quoted[2] };
  const bang = address.lastIndexOf("!");
  if (bang > 0) return { sheetName: address.slice(0, bang), local: address.slice(bang + 1) };
  return { sheetName: null, local: address };
}

/** Parses a local A1 address: "B3", "A1:C9", whole columns "A:C" and whole rows "2:5". Absolute markers ($) are ignored. */
export function parseRangeAddress(local: string): GridRange {
  const text = local.replace(/\$/g, "").toUpperCase();
  const [startText, endText = startText, extra] = text.split(":");
  if (extra !== undefined) throw new RangeError(`"${local}" is not a range address`);
  const cell = /^([A-Z]{1,3})(\d{1,7})$/;
  const col = /^([A-Z]{1,3})$/;
  const row = /^(\d{1,7})$/;
  const rowNumber = (digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > MAX_ROWS) throw new RangeError(`row ${digits} of "${local}" is out of range`);
    return n - 1;
  };
  let r1: number, c1: number, r2: number, c2: number;
  if (cell.test(startText) && cell.test(endText)) {
    const [, a, b] = cell.exec(startText)!;
    const [, c, d] = cell.exec(endText)!;
    [r1, c1, r2, c2] = [rowNumber(b), columnIndex(a), rowNumber(d), columnIndex(c)];
  } else if (col.test(startText) && col.test(endText)) {
    [r1, c1, r2, c2] = [0, columnIndex(startText), MAX_ROWS - 1, columnIndex(endText)];
  } else if (row.test(startText) && row.test(endText)) {
    [r1, c1, r2, c2] = [rowNumber(startText), 0, rowNumber(endText), MAX_COLUMNS - 1];
  } else {
    throw new RangeError(`"${local}" is not a range address`);
  }
  const [top, bottom] = r1 <= r2 ? [r1, r2] : [r2, r1];
  const [left, right] = c1 <= c2 ? [c1, c2] : [c2, c1];
  return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}
