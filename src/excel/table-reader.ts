/**
 * Finds a synced sheet's table and reads its rows in blocks, one `context.sync()` per block, halving the
 * block when Excel says the payload is too large.
 */
import type { CellValue, SheetChanges } from "../sync/ports";
import { ERROR_COLUMN_HEADER } from "../workbook-layout/layout";
import { fromCellValue } from "./cell-writing";
import { ID_HEADER, isBlankRow } from "./change-plan";
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

interface Span {
  start: number;
  count: number;
}

/** Sorted offsets merged into spans: neighbours (gaps up to 8 rows) share a span of at most `maxRows` rows. */
function spansOf(offsets: readonly number[], maxRows: number): Span[] {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const spans: Span[] = [];
  for (const offset of sorted) {
    const last = spans[spans.length - 1];
    if (last && offset - (last.start + last.count) <= 8 && offset - last.start < maxRows) last.count = offset - last.start + 1;
    else spans.push({ start: offset, count: 1 });
  }
  return spans;
}

/** Sorted column indexes cut into runs of neighbours, each read as one range. */
function columnRuns(columns: readonly number[]): Span[] {
  const runs: Span[] = [];
  for (const column of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && column === last.start + last.count) last.count++;
    else runs.push({ start: column, count: 1 });
  }
  return runs;
}

/**
 * Reads the given data rows (offsets under the header) into `into`: values (formulas computed) and which
 * cells hold formulas; only the given columns when `columns` is set (the others read as null). Spans are grouped
 * about 50,000 cells per round trip; a group Excel refuses as too large is split and retried.
 */
export async function readRowSet(
  context: Excel.RequestContext,
  location: TableLocation,
  offsets: readonly number[],
  into: Map<number, SnapshotRow>,
  columns?: readonly number[],
): Promise<void> {
  const width = location.headers.length;
  const runs = columnRuns(columns ?? Array.from({ length: width }, (_, j) => j)).filter((run) => run.start < width);
  const readWidth = runs.reduce((n, run) => n + run.count, 0);
  const wanted = offsets.filter((o) => o >= 0 && o < location.dataRowCount && !into.has(o));
  if (readWidth === 0 || wanted.length === 0) return;
  const sheet = context.workbook.worksheets.getItem(location.sheetName);
  const cellBudget = readBlockRows(readWidth) * readWidth;
  const queue: Span[][] = [];
  let group: Span[] = [];
  let cells = 0;
  for (const span of spansOf(wanted, readBlockRows(readWidth))) {
    if (group.length > 0 && cells + span.count * readWidth > cellBudget) {
      queue.push(group);
      [group, cells] = [[], 0];
    }
    group.push(span);
    cells += span.count * readWidth;
  }
  queue.push(group);
  while (queue.length > 0) {
    const spans = queue.shift()!;
    const ranges = spans.map((span) => ({
      span,
      parts: runs.map((run) => ({
        run,
        range: sheet.getRangeByIndexes(location.headerRow + 1 + span.start, location.column + run.start, span.count, run.count).load("values,formulas"),
      })),
    }));
    try {
      // One round trip per group is the point: groups keep each response under Excel's payload limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (!isPayloadLimit(error)) throw error;
      if (spans.length > 1) queue.unshift(spans.slice(0, spans.length / 2), spans.slice(spans.length / 2));
      else if (spans[0].count > 1) {
        const half = Math.floor(spans[0].count / 2);
        queue.unshift([{ start: spans[0].start, count: half }], [{ start: spans[0].start + half, count: spans[0].count - half }]);
      } else throw error;
      continue;
    }
    for (const { span, parts } of ranges) {
      for (let i = 0; i < span.count; i++) {
        const values = new Array<CellValue>(width).fill(null);
        const formulaColumns: number[] = [];
        for (const { run, range } of parts) {
          range.values[i].forEach((value, k) => {
            values[run.start + k] = fromCellValue(value);
            const formula = range.formulas[i][k];
            if (typeof formula === "string" && formula.startsWith("=") && value !== formula) formulaColumns.push(run.start + k);
          });
        }
        into.set(span.start + i, { values, formulaColumns });
      }
    }
  }
}

/** Every data row of the located table, in order. */
export async function readRows(context: Excel.RequestContext, location: TableLocation): Promise<SnapshotRow[]> {
  const rows = new Map<number, SnapshotRow>();
  await readRowSet(context, location, Array.from({ length: location.dataRowCount }, (_, i) => i), rows);
  return Array.from({ length: location.dataRowCount }, (_, i) => rows.get(i)!).filter(Boolean);
}

/** One column's values for every data row (ids, to find rows the user moved). */
export async function readColumn(context: Excel.RequestContext, location: TableLocation, index: number): Promise<CellValue[]> {
  const sheet = context.workbook.worksheets.getItem(location.sheetName);
  const values: CellValue[] = [];
  for (let start = 0; start < location.dataRowCount; start += 50_000) {
    const count = Math.min(50_000, location.dataRowCount - start);
    const range = sheet.getRangeByIndexes(location.headerRow + 1 + start, location.column + index, count, 1).load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one round trip per 50,000 ids
    await context.sync();
    values.push(...range.values.map(([v]) => fromCellValue(v)));
  }
  return values;
}

/** Rows read per step when looking for the last non-blank row above a table's trailing blank rows. */
const TAIL_ROWS = 64;

/** What `applyChanges` needs to know: only the rows it touches, the rows it must find by id, and the table's tail. */
export interface ChangeSnapshot extends TableLocation {
  /** Rows updated (id and written columns only, others null) and the table's tail (whole rows). */
  rows: Map<number, SnapshotRow>;
  /** The id column, read only when some row was not where the engine expected it. */
  ids: CellValue[] | null;
}

export async function readForChanges(context: Excel.RequestContext, sheetName: string, changes: SheetChanges): Promise<ChangeSnapshot | null> {
  const location = await locateTable(context, sheetName);
  if (!location) return null;
  const offsetOf = (rowNumber: number) => rowNumber - location.headerRow - 2;
  // Updated rows: only their id (to check nothing moved) and the columns written (to spare formula cells).
  const idIndex = location.headers.indexOf(ID_HEADER);
  const updateColumns = [idIndex, ...changes.updates.flatMap((u) => Object.keys(u.values).map((h) => location.headers.indexOf(h)))].filter((j) => j >= 0);
  const updated = new Map<number, SnapshotRow>();
  await readRowSet(context, location, changes.updates.map((u) => offsetOf(u.rowNumber)), updated, updateColumns);

  let ids: CellValue[] | null = null;
  const moved = changes.updates.some((u) => u.expectId !== undefined && updated.get(offsetOf(u.rowNumber))?.values[idIndex] !== u.expectId);
  if (moved && idIndex >= 0) {
    const column = await readColumn(context, location, idIndex);
    ids = column;
    await readRowSet(context, location, changes.updates.map((u) => (u.expectId === undefined ? -1 : column.indexOf(u.expectId))), updated, updateColumns);
  }

  // The tail, read whole, says where appends land; its rows replace partial reads of the same rows.
  const tail = new Map<number, SnapshotRow>();
  if (changes.appends.length > 0) {
    const deleted = new Set(changes.deleteRows.map(offsetOf));
    for (let end = location.dataRowCount; end > 0; end -= TAIL_ROWS) {
      const offsets = Array.from({ length: Math.min(TAIL_ROWS, end) }, (_, i) => end - 1 - i);
      await readRowSet(context, location, offsets, tail);
      if (offsets.some((o) => !deleted.has(o) && !isBlankRow(tail.get(o)!.values))) break;
    }
  }
  return { ...location, rows: new Map([...updated, ...tail]), ids };
}

export async function readSnapshot(context: Excel.RequestContext, sheetName: string): Promise<SheetSnapshot | null> {
  const location = await locateTable(context, sheetName);
  if (!location) return null;
  return { ...location, rows: await readRows(context, location) };
}
