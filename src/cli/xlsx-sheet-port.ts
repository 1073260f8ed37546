/**
 * SheetPort over an in-memory exceljs workbook, laid out exactly like the Excel adapter's workbooks
 * (src/workbook-layout): one worksheet per object with an Excel table whose header row starts at A1,
 * the very hidden `_twenty_sync` state sheet, conflict notes and row-error fills. Saving the file is
 * the caller's job (see xlsx-file.ts); this module only keeps the workbook model consistent.
 */
import type ExcelJS from "exceljs";
import { SyncError } from "../sync/errors";
import type { CellValue, ColumnSpec, SheetChanges, SheetMarks, SheetPort, SheetRow, SheetTable } from "../sync/ports";
import {
  ERROR_COLUMN_HEADER,
  MARK_COLORS,
  NOTE_PREFIX,
  STATE_SHEET_HEADERS,
  STATE_SHEET_NAME,
} from "../workbook-layout/layout";
import { stateRowsToTexts, StateSheetFormatError, textToStateRows } from "../workbook-layout/state-chunks";
import {
  argb,
  fillColor,
  restyleColumn,
  noteText,
  NUMBER_FORMATS,
  removeNote,
  restyle,
  solidFill,
  toCellValue,
  withoutFill,
} from "./xlsx-cells";

export interface XlsxSheetPort extends SheetPort {
  /** Sheet rows changed since the last save: new client ids may be on them, so save before the CRM sees them. */
  readonly rowsChangedSinceSave: boolean;
  /** Anything (rows, marks, hidden state) changed since the last save. */
  readonly changedSinceSave: boolean;
  /** Called by the file layer after it wrote the workbook to disk. */
  markSaved(): void;
}

export interface XlsxSheetPortOptions {
  /** ISO modification time of the file, the fallback edit time of every row (the CLI cannot track edits). */
  lastModifiedAt: string | null;
  /** Called after each hidden-state write: the engine's safe points, where the caller may save the file. */
  onStateWritten?: () => Promise<void>;
}

const ID_HEADER = "id";
const SELECT_LIST_MAX_CHARS = 255;

function tableOf(ws: ExcelJS.Worksheet): ExcelJS.Table | undefined {
  return ws.getTables()[0] as unknown as ExcelJS.Table | undefined;
}

/** The table's columns when the sheet has a table (as the add-in reads it), else row 1 up to a blank or the error column. */
function headersOf(ws: ExcelJS.Worksheet): string[] {
  const tableWidth = (tableOf(ws) as unknown as { model?: { columns?: unknown[] } } | undefined)?.model?.columns
    ?.length;
  const headers: string[] = [];
  for (let col = 1; tableWidth === undefined || col <= tableWidth; col++) {
    const value = toCellValue(ws.getCell(1, col).value);
    if (value === null || value === ERROR_COLUMN_HEADER) return headers;
    headers.push(String(value));
  }
  return headers;
}

function isEmptyRow(ws: ExcelJS.Worksheet, rowNumber: number, width: number): boolean {
  for (let col = 1; col <= width; col++) if (toCellValue(ws.getCell(rowNumber, col).value) !== null) return false;
  return true;
}

function lastDataRow(ws: ExcelJS.Worksheet, width: number): number {
  for (let r = ws.rowCount; r > 1; r--) if (!isEmptyRow(ws, r, width)) return r;
  return 1;
}

function tableNameFor(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet): string {
  const existing = tableOf(ws);
  if (existing?.name) return existing.name;
  const taken = new Set(
    workbook.worksheets.flatMap((s) => s.getTables().map((t) => (t as unknown as ExcelJS.Table).name)),
  );
  const base = `Twenty_${ws.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

/**
 * exceljs cannot grow a table it loaded from a file, so the table definition is rebuilt over the current
 * header row and data rows after every change. Excel needs at least one data row, so an empty table
 * keeps one blank row (which every reader skips as empty).
 */
function rebuildTable(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, headers: string[]): void {
  if (headers.length === 0) return;
  const name = tableNameFor(workbook, ws);
  for (const table of ws.getTables()) ws.removeTable((table as unknown as ExcelJS.Table).name);
  const last = Math.max(lastDataRow(ws, headers.length), 2);
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 2; r <= last; r++) {
    rows.push(headers.map((_, i) => ws.getCell(r, i + 1).value));
  }
  ws.addTable({
    name,
    displayName: name,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: headers.map((header) => ({ name: header, filterButton: true })),
    rows,
  });
}

function selectFormula(options: string[]): string | null {
  if (options.some((o) => /[",]/.test(o))) return null;
  const list = options.join(",");
  return list.length > 0 && list.length <= SELECT_LIST_MAX_CHARS ? `"${list}"` : null;
}

function styleColumn(ws: ExcelJS.Worksheet, col: number, spec: ColumnSpec, lastRow: number): void {
  const numFmt = NUMBER_FORMATS[spec.format];
  const font: Partial<ExcelJS.Font> | undefined = spec.readOnly
    ? { color: { argb: argb(MARK_COLORS.readOnlyFont) }, italic: true }
    : undefined;
  restyleColumn(ws.getColumn(col), { ...(numFmt ? { numFmt } : {}), ...(font ? { font } : {}) });
  const header = ws.getRow(1).getCell(col);
  if (spec.readOnly)
    restyle(header, {
      fill: solidFill(MARK_COLORS.readOnlyHeaderFill),
      font: { bold: true, color: { argb: argb(MARK_COLORS.readOnlyFont) } },
    });
  const formula = spec.options && !spec.readOnly ? selectFormula(spec.options) : null;
  for (let r = 2; r <= lastRow; r++) {
    const cell = ws.getRow(r).getCell(col);
    if (numFmt || font) restyle(cell, { ...(numFmt ? { numFmt } : {}), ...(font ? { font } : {}) });
    if (formula) cell.dataValidation = { type: "list", allowBlank: true, formulae: [formula] };
  }
}

function isEmptyColumn(ws: ExcelJS.Worksheet, col: number): boolean {
  for (let r = 1; r <= ws.rowCount; r++) if (toCellValue(ws.getCell(r, col).value) !== null) return false;
  return true;
}

/** The error column: the first "sync error" header right of the table (the add-in looks for it the same way). */
function findErrorColumn(ws: ExcelJS.Worksheet, width: number): number | null {
  for (let col = width + 1; col <= ws.columnCount; col++)
    if (toCellValue(ws.getCell(1, col).value) === ERROR_COLUMN_HEADER) return col;
  return null;
}

/** Makes the column just right of the table free, moving whatever is there (the error column, the user's own columns) right. */
function freeColumnRightOf(ws: ExcelJS.Worksheet, width: number): number {
  const col = width + 1;
  if (!isEmptyColumn(ws, col)) ws.spliceColumns(col, 0, []);
  return col;
}

function ensureColumns(ws: ExcelJS.Worksheet, specs: ColumnSpec[]): string[] {
  const headers = headersOf(ws);
  for (const spec of specs.filter((s) => !headers.includes(s.header))) {
    ws.getCell(1, freeColumnRightOf(ws, headers.length)).value = spec.header;
    headers.push(spec.header);
  }
  return headers;
}

function holdsFormula(ws: ExcelJS.Worksheet, row: number, col: number): boolean {
  const value = ws.getCell(row, col).value;
  return typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);
}

function findRowById(ws: ExcelJS.Worksheet, idCol: number, id: string, width: number): number | null {
  const last = lastDataRow(ws, width);
  for (let r = 2; r <= last; r++) if (toCellValue(ws.getRow(r).getCell(idCol).value) === id) return r;
  return null;
}

/** Cells holding the user's formulas are left alone, as the add-in does: the formula wins over a synced value. */
function writeValues(
  ws: ExcelJS.Worksheet,
  rowNumber: number,
  headers: string[],
  values: Record<string, CellValue>,
): void {
  for (const [header, value] of Object.entries(values)) {
    const col = headers.indexOf(header) + 1;
    if (col === 0) throw new SyncError("VALIDATION_ERROR", `Sheet "${ws.name}" has no column "${header}"`);
    if (!holdsFormula(ws, rowNumber, col)) ws.getCell(rowNumber, col).value = value;
  }
}

export function createXlsxSheetPort(workbook: ExcelJS.Workbook, options: XlsxSheetPortOptions): XlsxSheetPort {
  let rowsChanged = false;
  let anythingChanged = false;
  let hidden: Map<string, string> | null = null;

  const worksheet = (sheetName: string): ExcelJS.Worksheet | undefined => {
    if (sheetName === STATE_SHEET_NAME)
      throw new SyncError("VALIDATION_ERROR", `"${STATE_SHEET_NAME}" is reserved for sync state`);
    return workbook.getWorksheet(sheetName);
  };

  const hiddenTexts = (): Map<string, string> => {
    if (hidden) return hidden;
    const ws = workbook.getWorksheet(STATE_SHEET_NAME);
    const rows: unknown[][] = [];
    ws?.eachRow((row, rowNumber) => {
      if (rowNumber > 1) rows.push([1, 2, 3].map((col) => toCellValue(row.getCell(col).value)));
    });
    try {
      hidden = stateRowsToTexts(rows);
    } catch (error) {
      if (error instanceof StateSheetFormatError)
        throw new SyncError("VALIDATION_ERROR", `The workbook's sync state sheet is damaged: ${error.message}`, {
          cause: error,
        });
      throw error;
    }
    return hidden;
  };

  const rewriteStateSheet = (texts: Map<string, string>): void => {
    const old = workbook.getWorksheet(STATE_SHEET_NAME);
    if (old) workbook.removeWorksheet(old.id);
    const ws = workbook.addWorksheet(STATE_SHEET_NAME, { state: "veryHidden" });
    ws.addRow([...STATE_SHEET_HEADERS]);
    for (const key of [...texts.keys()].sort()) {
      for (const row of textToStateRows(key, texts.get(key) ?? "")) ws.addRow(row);
    }
  };

  return {
    get rowsChangedSinceSave() {
      return rowsChanged;
    },
    get changedSinceSave() {
      return anythingChanged;
    },
    markSaved() {
      rowsChanged = false;
      anythingChanged = false;
    },

    async readTable(sheetName: string): Promise<SheetTable | null> {
      const ws = worksheet(sheetName);
      if (!ws) return null;
      const headers = headersOf(ws);
      const rows: SheetRow[] = [];
      const last = lastDataRow(ws, headers.length);
      for (let r = 2; r <= last; r++) {
        if (isEmptyRow(ws, r, headers.length)) continue;
        const row = ws.getRow(r);
        const values: Record<string, CellValue> = {};
        headers.forEach((header, i) => (values[header] = toCellValue(row.getCell(i + 1).value)));
        rows.push({ rowNumber: r, values, editedAt: null });
      }
      return { sheetName: ws.name, headers, rows, lastModifiedAt: options.lastModifiedAt };
    },

    async applyChanges(sheetName: string, changes: SheetChanges) {
      const ws = worksheet(sheetName) ?? workbook.addWorksheet(sheetName);
      const headers = ensureColumns(ws, changes.columns);
      const idCol = headers.indexOf(ID_HEADER) + 1;

      for (const update of changes.updates) {
        let rowNumber = update.rowNumber;
        if (
          update.expectId !== undefined &&
          idCol > 0 &&
          toCellValue(ws.getRow(rowNumber).getCell(idCol).value) !== update.expectId
        ) {
          const found = findRowById(ws, idCol, update.expectId, headers.length);
          if (found === null)
            throw new SyncError("NOT_FOUND", `Sheet "${sheetName}" no longer has a row with id ${update.expectId}`);
          rowNumber = found;
        }
        writeValues(ws, rowNumber, headers, update.values);
      }

      for (const rowNumber of [...changes.deleteRows].sort((a, b) => b - a)) {
        if (rowNumber > 1) ws.spliceRows(rowNumber, 1);
      }

      const appendedRowNumbers: number[] = [];
      let next = lastDataRow(ws, headers.length) + 1;
      for (const values of changes.appends) {
        writeValues(ws, next, headers, values);
        appendedRowNumbers.push(next++);
      }

      const last = Math.max(lastDataRow(ws, headers.length), 2);
      for (const spec of changes.columns) styleColumn(ws, headers.indexOf(spec.header) + 1, spec, last);
      rebuildTable(workbook, ws, headers);
      rowsChanged = true;
      anythingChanged = true;
      return { appendedRowNumbers };
    },

    async setMarks(sheetName: string, marks: SheetMarks) {
      const ws = worksheet(sheetName);
      if (!ws) throw new SyncError("NOT_FOUND", `Sheet "${sheetName}" does not exist`);
      const headers = headersOf(ws);
      const ours = new Set([
        argb(MARK_COLORS.conflictFill),
        argb(MARK_COLORS.noticeFill),
        argb(MARK_COLORS.rowErrorFill),
      ]);
      for (let r = 2; r <= ws.rowCount; r++) {
        for (let col = 1; col <= headers.length; col++) {
          const cell = ws.getCell(r, col);
          if (noteText(cell)?.startsWith(NOTE_PREFIX)) removeNote(cell);
          const fill = fillColor(cell);
          if (fill && ours.has(fill)) withoutFill(cell);
        }
      }

      const messages = new Map<number, string[]>();
      for (const mark of marks.rowErrors)
        messages.set(mark.rowNumber, [...(messages.get(mark.rowNumber) ?? []), mark.message]);
      let errorCol = findErrorColumn(ws, headers.length);
      if (errorCol !== null)
        for (let r = messages.size > 0 ? 2 : 1; r <= ws.rowCount; r++) ws.getCell(r, errorCol).value = null;
      if (messages.size > 0) {
        errorCol ??= freeColumnRightOf(ws, headers.length);
        const header = ws.getCell(1, errorCol);
        header.value = ERROR_COLUMN_HEADER;
        restyle(header, { font: { bold: true } });
        for (const [rowNumber, texts] of messages) {
          const cell = ws.getCell(rowNumber, errorCol);
          cell.value = texts.join("; ");
          restyle(cell, { numFmt: "@" });
          for (let col = 1; col <= headers.length; col++)
            restyle(ws.getCell(rowNumber, col), { fill: solidFill(MARK_COLORS.rowErrorFill) });
        }
      }
      for (const mark of marks.conflicts) {
        const col = headers.indexOf(mark.column) + 1;
        if (col === 0) continue;
        const cell = ws.getRow(mark.rowNumber).getCell(col);
        restyle(cell, { fill: solidFill(mark.kind === "notice" ? MARK_COLORS.noticeFill : MARK_COLORS.conflictFill) });
        cell.note = mark.note.startsWith(NOTE_PREFIX) ? mark.note : `${NOTE_PREFIX}: ${mark.note}`;
      }
      anythingChanged = true;
    },

    async readHidden(key: string) {
      return hiddenTexts().get(key) ?? null;
    },

    async writeHidden(key: string, value: string) {
      const texts = hiddenTexts();
      texts.set(key, value);
      rewriteStateSheet(texts);
      anythingChanged = true;
      await options.onStateWritten?.();
    },
  };
}
