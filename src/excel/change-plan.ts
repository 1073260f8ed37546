/**
 * Plans one `applyChanges` against what the sheet holds now: which columns to add, which cells to write
 * in which row blocks, which rows to delete and where appends land. Pure: Excel is only touched by the writer.
 */
import { SyncError } from "../sync/errors";
import type { CellValue, ColumnSpec, SheetChanges } from "../sync/ports";
import { NUMBER_FORMATS, toCellInput } from "./cell-writing";
import type { ChangeSnapshot } from "./table-reader";

export type CellInput = string | number | boolean;

/** A rectangle of writes; `null` leaves a cell as it is (Office.js semantics). */
export interface CellBlock {
  /** Zero-based data row index of the first row (data row 0 is just under the header). */
  rowOffset: number;
  /** Zero-based index into the headers of the first column. */
  columnOffset: number;
  values: (CellInput | null)[][];
  formats: (string | null)[][];
  /** Estimated request bytes. */
  bytes: number;
}

export interface WriteLimits {
  /** Most rows in one block, and in one round trip of scattered update blocks. */
  blockRows: number;
  /** Estimated request bytes allowed per block and per round trip (kept well under Excel's 5 MB). */
  blockBytes: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = { blockRows: 5_000, blockBytes: 3_500_000 };

export interface WritePlan {
  sheetName: string;
  createSheet: boolean;
  /** True when the sheet has no table yet: headers and rows are written first, the table is added over them last. */
  createTable: boolean;
  tableName: string | null;
  headerRow: number;
  column: number;
  /** Headers after the change, in sheet order. */
  headers: string[];
  /** Headers added at the right end of the table. */
  newColumns: string[];
  /** Update blocks grouped per round trip: scattered edits go out together, not one request each. */
  updateBatches: CellBlock[][];
  /** Runs of data rows to delete, bottom-up; offsets are data row indexes before any deletion. */
  deleteRuns: { rowOffset: number; count: number }[];
  /** Worksheet row numbers (1-based) removed, for shifting row-keyed records. */
  deletedRowNumbers: number[];
  /** Data rows the table has after deletions (before appends). */
  dataRowsAfterDeletes: number;
  appendBlocks: CellBlock[];
  appendedRowNumbers: number[];
  /** Data rows the table must span at the end. */
  finalDataRowCount: number;
  columnSpecs: { columnOffset: number; spec: ColumnSpec }[];
  /** Cells not written because the user put a formula there. */
  skippedFormulaCells: { rowNumber: number; column: string }[];
}

export const ID_HEADER = "id";

export function isBlankRow(values: readonly CellValue[]): boolean {
  return values.every((v) => v === null);
}

export function tableNameFor(sheetName: string): string {
  return `Twenty_${sheetName.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * Rows of nulls worth sending to save a range command; a wider gap between written rows starts a new block. Blocks
 * share round trips anyway (`batchBlocks`), so filling a wide gap would only add payload.
 */
const MAX_GAP_ROWS = 8;

/** The range command around each block's arrays. */
const BLOCK_OVERHEAD_BYTES = 200;

function estimateBytes(row: readonly unknown[]): number {
  return JSON.stringify(row).length + 1;
}

/**
 * Cuts rows (given as data row offsets with their cells) into blocks no taller than `blockRows` and no
 * heavier than `blockBytes`; rows between two written rows of a block are filled with nulls.
 */
export function buildBlocks(
  rows: { rowOffset: number; cells: Map<number, { value: CellInput; format: string | null }> }[],
  limits: WriteLimits,
): CellBlock[] {
  const blocks: CellBlock[] = [];
  let current: typeof rows = [];
  let bytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0].rowOffset;
    const last = current[current.length - 1].rowOffset;
    let minCol = Infinity;
    let maxCol = -1;
    for (const row of current) for (const col of row.cells.keys()) [minCol, maxCol] = [Math.min(minCol, col), Math.max(maxCol, col)];
    const width = maxCol - minCol + 1;
    const values: (CellInput | null)[][] = Array.from({ length: last - first + 1 }, () => new Array<CellInput | null>(width).fill(null));
    const formats: (string | null)[][] = Array.from({ length: last - first + 1 }, () => new Array<string | null>(width).fill(null));
    for (const row of current) {
      for (const [col, cell] of row.cells) {
        values[row.rowOffset - first][col - minCol] = cell.value;
        formats[row.rowOffset - first][col - minCol] = cell.format;
      }
    }
    blocks.push({ rowOffset: first, columnOffset: minCol, values, formats, bytes: bytes + BLOCK_OVERHEAD_BYTES });
    current = [];
    bytes = 0;
  };
  const sorted = [...rows].sort((a, b) => a.rowOffset - b.rowOffset);
  for (const row of sorted) {
    const cells = [...row.cells.values()];
    const rowBytes = estimateBytes(cells.map((c) => c.value)) + estimateBytes(cells.map((c) => c.format));
    const start = current[0]?.rowOffset ?? row.rowOffset;
    const gapRows = current.length ? row.rowOffset - current[current.length - 1].rowOffset - 1 : 0;
    const gapBytes = gapRows * (row.cells.size * 10);
    const tooFar = gapRows > MAX_GAP_ROWS;
    if (current.length && (tooFar || row.rowOffset - start + 1 > limits.blockRows || bytes + rowBytes + gapBytes > limits.blockBytes)) flush();
    current.push(row);
    bytes += rowBytes + (current.length > 1 ? gapBytes : 0);
  }
  flush();
  return blocks;
}

/** Blocks grouped so each group is one round trip within the same row and byte limits as a single block. */
export function batchBlocks(blocks: readonly CellBlock[], limits: WriteLimits): CellBlock[][] {
  const batches: CellBlock[][] = [];
  let batch: CellBlock[] = [];
  let rows = 0;
  let bytes = 0;
  for (const block of blocks) {
    if (batch.length > 0 && (rows + block.values.length > limits.blockRows || bytes + block.bytes > limits.blockBytes)) {
      batches.push(batch);
      [batch, rows, bytes] = [[], 0, 0];
    }
    batch.push(block);
    rows += block.values.length;
    bytes += block.bytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function formatOf(spec: ColumnSpec | undefined): string | null {
  return spec ? (NUMBER_FORMATS[spec.format] ?? null) : null;
}

export function planChanges(sheetName: string, snapshot: ChangeSnapshot | null, changes: SheetChanges, limits: WriteLimits = DEFAULT_WRITE_LIMITS): WritePlan {
  const headerRow = snapshot?.headerRow ?? 0;
  const column = snapshot?.column ?? 0;
  const existing = snapshot?.headers ?? [];
  const newColumns = changes.columns.map((c) => c.header).filter((h, i, all) => !existing.includes(h) && all.indexOf(h) === i);
  const headers = [...existing, ...newColumns];
  const specByHeader = new Map(changes.columns.map((c) => [c.header, c]));
  const formats = headers.map((h) => formatOf(specByHeader.get(h)));
  const rows = snapshot?.rows ?? new Map();
  const dataRowCount = snapshot?.dataRowCount ?? 0;
  const rowAt = (offset: number) => {
    const row = rows.get(offset);
    if (!row) throw new Error(`data row ${offset} of "${sheetName}" was not read before planning`);
    return row;
  };
  const rowNumberOf = (offset: number) => headerRow + 2 + offset;
  const columnIndex = (header: string, where: string): number => {
    const index = headers.indexOf(header);
    if (index < 0) throw new SyncError("VALIDATION_ERROR", `Sheet "${sheetName}" has no column "${header}" (${where}).`);
    return index;
  };

  // Updates: relocate rows by id when they moved, never touch formula cells.
  const idIndex = headers.indexOf(ID_HEADER);
  const rowById = new Map<string, number>();
  (snapshot?.ids ?? []).forEach((id, offset) => {
    if (typeof id === "string" && id !== "" && !rowById.has(id)) rowById.set(id, offset);
  });
  const skippedFormulaCells: WritePlan["skippedFormulaCells"] = [];
  const updateRows = new Map<number, Map<number, { value: CellInput; format: string | null }>>();
  for (const update of changes.updates) {
    let offset = update.rowNumber - headerRow - 2;
    const idHere = offset >= 0 && offset < dataRowCount && idIndex >= 0 ? rowAt(offset).values[idIndex] : undefined;
    if (update.expectId !== undefined && idHere !== update.expectId) {
      const found = rowById.get(update.expectId);
      if (found === undefined) throw new SyncError("NOT_FOUND", `Sheet "${sheetName}" no longer has a row with id ${update.expectId} (expected on row ${update.rowNumber}).`);
      offset = found;
    }
    if (offset < 0 || offset >= dataRowCount) throw new SyncError("VALIDATION_ERROR", `Row ${update.rowNumber} is not a data row of the table on sheet "${sheetName}".`);
    const cells = updateRows.get(offset) ?? new Map();
    for (const [header, value] of Object.entries(update.values)) {
      const col = columnIndex(header, `update of row ${update.rowNumber}`);
      if (rowAt(offset).formulaColumns.includes(col)) {
        skippedFormulaCells.push({ rowNumber: rowNumberOf(offset), column: header });
        continue;
      }
      cells.set(col, { value: toCellInput(value, formats[col]), format: formats[col] });
    }
    if (cells.size > 0) updateRows.set(offset, cells);
  }
  const updateBatches = batchBlocks(buildBlocks([...updateRows].map(([rowOffset, cells]) => ({ rowOffset, cells })), limits), limits);

  // Deletions, bottom-up in contiguous runs.
  const deleteOffsets = [...new Set(changes.deleteRows)].map((n) => {
    const offset = n - headerRow - 2;
    if (offset < 0 || offset >= dataRowCount) throw new SyncError("VALIDATION_ERROR", `Row ${n} is not a data row of the table on sheet "${sheetName}" and cannot be deleted.`);
    return offset;
  });
  deleteOffsets.sort((a, b) => b - a);
  const deleteRuns: WritePlan["deleteRuns"] = [];
  for (const offset of deleteOffsets) {
    const last = deleteRuns[deleteRuns.length - 1];
    if (last && last.rowOffset === offset + 1) [last.rowOffset, last.count] = [offset, last.count + 1];
    else deleteRuns.push({ rowOffset: offset, count: 1 });
  }
  const deleted = new Set(deleteOffsets);

  // Appends go after the last non-blank row left, reusing the table's trailing blank rows.
  let lastKept = -1;
  for (let offset = changes.appends.length > 0 ? dataRowCount - 1 : -1; offset >= 0; offset--) {
    if (deleted.has(offset) || isBlankRow(rowAt(offset).values)) continue;
    lastKept = offset - deleteOffsets.filter((d) => d < offset).length;
    break;
  }
  const dataRowsAfterDeletes = snapshot?.tableName ? Math.max(1, dataRowCount - deleted.size) : dataRowCount - deleted.size;
  const appendStart = lastKept + 1;
  const appendRows = changes.appends.map((record, k) => {
    const cells = new Map<number, { value: CellInput; format: string | null }>();
    headers.forEach((_, col) => cells.set(col, { value: "", format: formats[col] }));
    for (const [header, value] of Object.entries(record)) {
      const col = columnIndex(header, `appended record ${k + 1}`);
      cells.set(col, { value: toCellInput(value, formats[col]), format: formats[col] });
    }
    return { rowOffset: appendStart + k, cells };
  });
  const appendBlocks = buildBlocks(appendRows, limits);
  const appendedRowNumbers = appendRows.map((r) => rowNumberOf(r.rowOffset));

  return {
    sheetName,
    createSheet: snapshot === null,
    createTable: !snapshot?.tableName,
    tableName: snapshot?.tableName ?? null,
    headerRow,
    column,
    headers,
    newColumns,
    updateBatches,
    deleteRuns,
    deletedRowNumbers: deleteOffsets.map(rowNumberOf).sort((a, b) => a - b),
    dataRowsAfterDeletes,
    appendBlocks,
    appendedRowNumbers,
    finalDataRowCount: Math.max(dataRowsAfterDeletes, appendStart + changes.appends.length),
    columnSpecs: changes.columns.map((spec) => ({ columnOffset: headers.indexOf(spec.header), spec })),
    skippedFormulaCells,
  };
}

/** Where a row-keyed record (edit times, marks) moves when `deletedRowNumbers` are removed; null if its row went. */
export function rowAfterDeletions(rowNumber: number, deletedRowNumbers: readonly number[]): number | null {
  let shift = 0;
  for (const d of deletedRowNumbers) {
    if (d === rowNumber) return null;
    if (d < rowNumber) shift++;
  }
  return rowNumber - shift;
}
