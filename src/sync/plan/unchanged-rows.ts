/**
 * Rows that need no comparison: unchanged on both sides since a sync in which both sides agreed. With a delta read,
 * also which records the planner still needs from Twenty (rows that did change, whose records did not).
 */
import type { CrmRecord, ObjectMetadata } from "../metadata";
import type { SheetRow, SheetTable } from "../ports";
import type { ObjectMapping } from "../settings";
import { resolveColumns } from "../fields/columns";
import type { ObjectState, RecordState } from "../state/object-state";
import type { Resolution } from "../state/resolutions";
import { rowFingerprint, textFingerprint } from "./fingerprint";
import { rowId } from "./read-rows";
import type { ResolvedColumn } from "../fields/columns";
import type { SyncMode } from "./types";

/**
 * Everything about the mapped columns that changes how a cell reads or shows: a row that was agreed under another
 * signature is compared again even when unchanged.
 */
export function mappingSignature(columns: ResolvedColumn[]): string {
  const parts = columns.map((c) => [c.header, c.fieldType, c.kind, c.readOnly, c.options, c.mapping.transforms, c.mapping.clearWhenEmpty]);
  return textFingerprint(JSON.stringify(parts));
}

export interface RowIndex {
  /** Each row's id (null: none or not a UUID), in sheet order. */
  ids: (string | null)[];
  /** Row number of each id's first row. */
  rowById: Map<string, number>;
  /** Ids on more than one row, with all their row numbers. */
  duplicated: Map<string, number[]>;
}

export function indexRows(rows: readonly SheetRow[]): RowIndex {
  const ids = rows.map(rowId);
  const rowById = new Map<string, number>();
  const duplicated = new Map<string, number[]>();
  ids.forEach((id, i) => {
    if (!id) return;
    const first = rowById.get(id);
    if (first === undefined) rowById.set(id, rows[i]!.rowNumber);
    else duplicated.set(id, [...(duplicated.get(id) ?? [first]), rows[i]!.rowNumber]);
  });
  return { ids, rowById, duplicated };
}

export interface UnchangedCheck {
  state: ObjectState | null;
  signature: string;
  headers: readonly string[];
  index: RowIndex;
  crmById: ReadonlyMap<string, CrmRecord>;
  /** Ids some resolution is waiting for: always compared. */
  resolvedIds: ReadonlySet<string>;
  /** Set for a delta read: a record it did not return is unchanged in Twenty, unless it is `gone`. */
  delta?: { gone: ReadonlySet<string> };
  /** Rows already found unchanged under this same check (recordsToFetch), so not fingerprinted twice. */
  known?: ReadonlySet<SheetRow>;
}

/** The stored record of a row unchanged on both sides since they last agreed, or null when the row must be compared. */
export function unchangedSinceAgreed(check: UnchangedCheck, row: SheetRow, id: string | null): RecordState | null {
  const { state, index, crmById, delta } = check;
  if (!id || !state || state.mappingSignature !== check.signature || index.duplicated.has(id) || check.resolvedIds.has(id)) return null;
  const base = state.records.get(id);
  if (!base?.agreed) return null;
  if (check.known?.has(row)) return base;
  const crm = crmById.get(id);
  if (crm) {
    if (!crm.updatedAt || crm.updatedAt !== base.crmUpdatedAt) return null;
  } else if (!delta || delta.gone.has(id)) return null;
  return rowFingerprint(row.values, check.headers) === base.fingerprint ? base : null;
}

export function resolvedIdsOf(resolutions: readonly Resolution[], object: string): Set<string> {
  return new Set(resolutions.filter((r) => r.object === object).map((r) => r.id.toLowerCase()));
}

export interface FetchInput {
  mode: SyncMode;
  meta: ObjectMetadata;
  mapping: ObjectMapping;
  table: SheetTable;
  state: ObjectState;
  resolutions: readonly Resolution[];
  /** Live records the delta read returned. */
  changed: readonly CrmRecord[];
  /** Records the delta read found deleted. */
  gone: ReadonlySet<string>;
}

export interface FetchNeeds {
  /** Ids of the records to fetch. */
  ids: string[];
  /** Rows found unchanged on both sides (no record needed). */
  unchanged: Set<SheetRow>;
}

/**
 * After a delta read: the records the planner needs that it did not return. Those of rows that changed (or were not
 * agreed), and on a pull those of rows removed from the sheet, which a pull writes back.
 */
export function recordsToFetch(input: FetchInput): FetchNeeds {
  const { columns } = resolveColumns(input.meta, input.mapping.columns);
  const index = indexRows(input.table.rows);
  const crmById = new Map(input.changed.map((r) => [r.id.toLowerCase(), r]));
  const check: UnchangedCheck = {
    state: input.state,
    signature: mappingSignature(columns),
    headers: columns.map((c) => c.header),
    index,
    crmById,
    resolvedIds: resolvedIdsOf(input.resolutions, input.mapping.object),
    delta: { gone: input.gone },
  };
  const known = (id: string) => crmById.has(id) || input.gone.has(id);
  const wanted = new Set<string>();
  const unchanged = new Set<SheetRow>();
  input.table.rows.forEach((row, i) => {
    const id = index.ids[i];
    if (!id || index.duplicated.has(id)) return;
    if (unchangedSinceAgreed(check, row, id)) unchanged.add(row);
    else if (!known(id)) wanted.add(id);
  });
  if (input.mode === "pull") for (const id of input.state.records.keys()) if (!index.rowById.has(id) && !known(id)) wanted.add(id);
  return { ids: [...wanted], unchanged };
}
