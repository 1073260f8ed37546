/**
 * The two ports the engine talks to. The engine never knows whether the sheet is Excel, an .xlsx file
 * or an in-memory table, nor whether the CRM is Twenty over HTTP or a fake.
 */
import type { ErrorInfo } from "./errors";
import type { CrmRecord, ObjectMetadata } from "./metadata";

export type CellValue = string | number | boolean | null;

export interface SheetRow {
  /** 1-based worksheet row number, as the user sees it. */
  rowNumber: number;
  /** Cell values keyed by column header. Formulas are read as their computed values. */
  values: Record<string, CellValue>;
  /** ISO time of the last local edit recorded by edit tracking, or null when unknown. */
  editedAt: string | null;
  /**
   * Headers of the cells in this row that hold formulas (optional; adapters that can tell should fill it).
   * The engine pushes their computed values but never plans to overwrite them.
   */
  formulaColumns?: string[];
}

export interface SheetTable {
  sheetName: string;
  /** Headers of the synced table, in sheet order. */
  headers: string[];
  rows: SheetRow[];
  /** Fallback edit time for rows without `editedAt` (e.g. the file's modification time in the CLI). */
  lastModifiedAt: string | null;
}

export type ColumnFormat = "text" | "number" | "money" | "date" | "datetime" | "boolean" | "general";

export interface ColumnSpec {
  header: string;
  readOnly: boolean;
  format: ColumnFormat;
  /** Values for an in-sheet dropdown (select fields). */
  options?: string[];
}

export interface RowUpdate {
  rowNumber: number;
  /** When set, the adapter checks the row still holds this id (the user may have moved rows) and finds it by id otherwise. */
  expectId?: string;
  /** Only these cells change. */
  values: Record<string, CellValue>;
}

/**
 * One write to a sheet. Adapters apply it in this order: ensure columns, updates (by the row numbers
 * read), deletions (bottom-up), appends at the end of the table.
 */
export interface SheetChanges {
  columns: ColumnSpec[];
  updates: RowUpdate[];
  deleteRows: number[];
  appends: Record<string, CellValue>[];
}

export interface ConflictMark {
  rowNumber: number;
  column: string;
  /**
   * Text of the cell note: for a conflict the base, sheet and CRM values; for a notice which value was kept, why,
   * and the replaced value.
   */
  note: string;
  /** `notice`: both sides changed and the strategy settled it; MARK_COLORS.noticeFill instead of conflictFill. Default `conflict`. */
  kind?: "conflict" | "notice";
}

export interface RowErrorMark {
  rowNumber: number;
  message: string;
}

/** The full set of marks the add-in wants on a sheet; it replaces whatever marks were there before. */
export interface SheetMarks {
  /** Open conflicts, and notices (`kind: "notice"`) on cells where the strategy settled a both-sides change. */
  conflicts: ConflictMark[];
  rowErrors: RowErrorMark[];
}

export interface SheetPort {
  /** null when the sheet does not exist yet. */
  readTable(sheetName: string): Promise<SheetTable | null>;
  /** Returns the worksheet row numbers the appended rows landed on, in order. */
  applyChanges(sheetName: string, changes: SheetChanges): Promise<{ appendedRowNumbers: number[] }>;
  setMarks(sheetName: string, marks: SheetMarks): Promise<void>;
  /** Text stored under `key` in the workbook's very hidden state sheet, or null. */
  readHidden(key: string): Promise<string | null>;
  writeHidden(key: string, value: string): Promise<void>;
}

export interface ListRecordsOptions {
  /**
   * Only records changed at or after this ISO time (Twenty's clock): updated ones, and soft-deleted ones, which come
   * back with `deletedAt` set.
   */
  changedSince?: string;
  /** Only these records (live ones); long lists are split over several requests. */
  ids?: string[];
  /** Projection; `id` is always returned. */
  fields?: string[];
  /** Also list soft-deleted records. */
  includeDeleted?: boolean;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called after each batch lands, so callers can persist progress batch by batch. */
  onBatch?: (outcome: WriteOutcome) => Promise<void> | void;
}

/** Indexes refer to positions in the input array. Every input appears in exactly one list. */
export interface WriteOutcome {
  succeeded: { index: number; record: CrmRecord }[];
  failed: { index: number; error: ErrorInfo }[];
}

export interface CrmPort {
  listObjects(signal?: AbortSignal): Promise<ObjectMetadata[]>;
  listRecords(objectPlural: string, options?: ListRecordsOptions): Promise<CrmRecord[]>;
  /** Creates records; each may carry a client-chosen `id`. With `upsert`, records matching an id or unique field are updated instead. */
  createRecords(
    objectPlural: string,
    records: Record<string, unknown>[],
    options?: WriteOptions & { upsert?: boolean },
  ): Promise<WriteOutcome>;
  /** Partial updates: only the keys (and composite sub-keys) given are written. */
  updateRecords(
    objectPlural: string,
    updates: { id: string; data: Record<string, unknown> }[],
    options?: WriteOptions,
  ): Promise<WriteOutcome>;
  deleteRecords(objectPlural: string, ids: string[], options?: WriteOptions & { soft?: boolean }): Promise<WriteOutcome>;
}
