/**
 * Finds a synced sheet's table and reads its rows in blocks, one `context.sync()` per block, halving the
 * block when Excel says the payload is too large.
 */
import type { CellValue } from "../sync/ports";
import { ERROR_COLUMN_HEADER } from "../workbook-layout/layout";
import { fromCellValue } from "./cell-writing";
import { isPayloadLimit } from "./office-errors";

export interface TableLocation {
  sheetName: string;
  /** null when the user removed the table: the header row is then row 1 from column A. */
  tableName: string | null;
  /** Zero-based header row and first column. */
  headerRow: number;
  column: number;
  headers: string[];
  /** Data rows under the header (the table's data body, or the used rows), trailing blank rows included. */
  dataRowCount: number;
  /** Zero-based column just right of the used range (for placing columns that must not overwrite user data). */
  usedRightEdge: number;
}

export interface SnapshotRow {
  values: CellValue[];
  /** Indexes (into headers) of the cells holding a formula. */
  formulaColumns: number[];
}

export interface SheetSnapshot extends TableLocation {
  /** Row i is worksheet row `headerRow + 2 + i` (1-based). */
  rows: SnapshotRow[];
}

/** Rows per read block: about 50,000 cells, at most 5,000 rows (the docs' starting point). */
export function readBlockRows(columnCount: number): number {
  return Math.max(1, Math.min(5_000, Math.floor(50_000 / Math.max(1, columnCount))));
}

export async function locateTable(context: Excel.RequestContext, sheetName: string): Promise<TableLocation | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load("name");
  // Nothing is navigated from the sheet until it is known to exist: hosts differ on null-object navigation.
  await context.sync();
  if (sheet.isNullObject) return null;
  const tables = sheet.tables.load("items/name");
  const used = sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  const usedRightEdge = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
  const table = tables.items[0];
  if (table) {
    const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex");
    const body = table.getDataBodyRange().load("rowCount");
    await context.sync();
    return {
      sheetName: sheet.name,
      tableName: table.name,
      headerRow: header.rowIndex,
      column: header.columnIndex,
      headers: (header.values[0] ?? []).map((h) => String(h)),
      dataRowCount: body.rowCount,
      usedRightEdge,
    };
  }
  if (used.isNullObject) return { sheetName: sheet.name, tableName: null, headerRow: 0, column: 0, headers: [], dataRowCount: 0, usedRightEdge };
  const headerCells = sheet.getRangeByIndexes(0, 0, 1, Math.max(1, usedRightEdge)).load("values");
  await context.sync();
  const headers: string[] = [];
  for (const cell of headerCells.values[0]) {
    if (cell === "" || cell === ERROR_COLUMN_HEADER) break;
    headers.push(String(cell));
  }
  return { sheetName: sheet.name, tableName: null, headerRow: 0, column: 0, headers, dataRowCount: used.rowIndex + used.rowCount - 1, usedRightEdge };
}

/** Reads every data row of the located table: values (formulas computed) and which cells are formulas. */
export async function readRows(context: Excel.RequestContext, location: TableLocation): Promise<SnapshotRow[]> {
  const width = location.headers.length;
  const rows: SnapshotRow[] = [];
  if (width === 0 || location.dataRowCount === 0) return rows;
  const sheet = context.workbook.worksheets.getItem(location.sheetName);
  let blockRows = readBlockRows(width);
  let start = 0;
  while (start < location.dataRowCount) {
    const count = Math.min(blockRows, location.dataRowCount - start);
    const range = sheet.getRangeByIndexes(location.headerRow + 1 + start, location.column, count, width).load("values,formulas");
    try {
      // One round trip per block is the point: blocks keep each request under Excel's payload limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (!isPayloadLimit(error) || count === 1) throw error;
      blockRows = Math.max(1, Math.floor(count / 2));
      continue;
    }
    range.values.forEach((cells, i) => {
      const formulas = range.formulas[i];
      const formulaColumns: number[] = [];
      formulas.forEach((f, j) => {
        if (typeof f === "string" && f.startsWith("=") && cells[j] !== f) formulaColumns.push(j);
      });
      rows.push({ values: cells.map(fromCellValue), formulaColumns });
    });
    start += count;
  }
  return rows;
}

export async function readSnapshot(context: Excel.RequestContext, sheetName: string): Promise<SheetSnapshot | null> {
  const location = await locateTable(context, sheetName);
  if (!location) return null;
  return { ...location, rows: await readRows(context, location) };
}
