/** Pure three-way planning of one object's sync: sheet table + CRM records + last agreed base → ObjectPlan. */
import type { CrmRecord, ObjectMetadata } from "../metadata";
import type { CellValue, SheetRow, SheetTable } from "../ports";
import type { ObjectMapping, Strategy } from "../settings";
import { columnSpecFor, resolveColumns, type ResolvedColumn } from "../fields/columns";
import { buildPayload } from "../fields/payload";
import { parseCell, readCrmValue, sameValue, toCell, type Canonical } from "../fields/values";
import { updatedRecord, type ObjectState, type RecordState } from "../state/object-state";
import { resolutionKey, type Resolution } from "../state/resolutions";
import { decideField, isSheetNewer } from "./decide-field";
import { settledReason, type SheetEditTime } from "./settled-reason";
import { isBlankRow, readRow, tableHeaders, type ReadRow } from "./read-rows";
import { rowFingerprint } from "./fingerprint";
import { indexRows, mappingSignature, resolvedIdsOf, unchangedSinceAgreed, type UnchangedCheck } from "./unchanged-rows";
import type { Conflict, ObjectPlan, PlannedAppend, PlannedCreate, PlannedCrmUpdate, PlannedDelete, PlannedSheetUpdate, RowError, SheetAfter, SyncMode } from "./types";

export interface PlanInput {
  mode: SyncMode;
  meta: ObjectMetadata;
  mapping: ObjectMapping;
  /** Overrides the mapping's strategy for this run. */
  strategy?: Strategy;
  table: SheetTable | null;
  /** Every live record; with `delta`, only those changed since the state's cursor plus those fetched by id. */
  crmRecords: CrmRecord[];
  /**
   * Set when `crmRecords` came from a delta read: a record in state that it lacks is unchanged in Twenty since the
   * last sync, unless it is `gone` (deleted since). The caller has fetched every record a changed row needs, and may
   * pass the rows it already found unchanged.
   */
  delta?: { gone: ReadonlySet<string>; unchangedRows?: ReadonlySet<SheetRow> };
  state: ObjectState | null;
  resolutions: Resolution[];
  now: Date;
  /** Source of client-chosen ids for new rows (crypto.randomUUID in production). */
  newId: () => string;
  massChangeGuardShare: number;
  confirmMassChanges?: boolean;
}

interface Builder {
  input: PlanInput;
  columns: ResolvedColumn[];
  writable: ResolvedColumn[];
  headers: string[];
  plan: ObjectPlan;
  /** Per-cell warnings beyond the first few are only counted, so a run over lost state stays readable. */
  cellWarnings: number;
  /** Records that would lose at least one value on either side (for the mass-change guard). */
  clearedRecords: Set<string>;
  resolutions: Map<string, Resolution>;
}

/** Canonical values of every writable column of a CRM record (the base after both sides agree on it). */
export function recordBase(columns: ResolvedColumn[], record: Record<string, unknown>): Record<string, Canonical> {
  const base: Record<string, Canonical> = {};
  for (const c of columns) if (!c.readOnly) base[c.header] = readCrmValue(c, record);
  return base;
}

/** The cells a CRM record shows in the sheet. */
export function recordCells(columns: ResolvedColumn[], record: Record<string, unknown>): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  for (const c of columns) cells[c.header] = toCell(c, readCrmValue(c, record));
  return cells;
}

/** A plan that does nothing: the start of every plan, and what a report carries when planning never happened. */
export function emptyPlan(mapping: ObjectMapping, mode: SyncMode, strategy?: Strategy, columns: ResolvedColumn[] = [], warnings: string[] = []): ObjectPlan {
  return {
    mappingSignature: mappingSignature(columns),
    object: mapping.object,
    sheetName: mapping.sheetName,
    mode,
    strategy: strategy ?? mapping.strategy,
    columns: columns.map(columnSpecFor),
    toCrm: { creates: [], updates: [], deletes: [] },
    toSheet: { appends: [], updates: [], deletes: [] },
    conflicts: [],
    autoResolved: [],
    skipped: [],
    warnings,
    summary: { crmCreates: 0, crmUpdates: 0, crmDeletes: 0, crmDeletesProposed: 0, sheetAppends: 0, sheetUpdates: 0, sheetDeletes: 0, sheetDeletesProposed: 0, conflicts: 0, skippedRows: 0, crm: { creates: 0, updates: 0, deletes: 0 }, sheet: { appends: 0, updates: 0, deletes: 0 } },
    nextRecords: new Map(),
    pendingCreates: {},
    usedResolutions: [],
  };
}

export function planObjectSync(input: PlanInput): ObjectPlan {
  const { columns, warnings } = resolveColumns(input.meta, input.mapping.columns);
  const b: Builder = {
    input,
    columns,
    writable: columns.filter((c) => !c.readOnly),
    headers: columns.map((c) => c.header),
    plan: emptyPlan(input.mapping, input.mode, input.strategy, columns, warnings),
    clearedRecords: new Set(),
    cellWarnings: 0,
    resolutions: new Map(input.resolutions.filter((r) => r.object === input.mapping.object).map((r) => [resolutionKey(r), r])),
  };
  const { table, state, crmRecords } = input;
  const headers = tableHeaders(table);
  const missing = columns.filter((c) => table && !headers.has(c.header)).map((c) => c.header);
  if (missing.length > 0 && table) b.plan.warnings.push(`Sheet "${table.sheetName}" has no column ${missing.map((m) => `"${m}"`).join(", ")}; it will be added.`);
  if (!table && state && state.records.size > 0) {
    b.plan.warnings.push(`Sheet "${input.mapping.sheetName}" is missing; its records are written again and nothing is deleted in Twenty.`);
  }

  if (table && !headers.has("id") && state && state.records.size > 0) {
    // Without ids every row would look new and be created again in Twenty.
    b.plan.blocked = { reason: `Sheet "${table.sheetName}" has lost its "id" column, which links rows to Twenty records. Add the column back (undo) before syncing.` };
    finishSummary(b.plan);
    return b.plan;
  }
  const crmById = new Map(crmRecords.map((r) => [r.id.toLowerCase(), r]));
  const baseRecords = state?.records ?? new Map<string, RecordState>();
  const pending = state?.pendingCreates ?? {};
  const sheetRows = table?.rows ?? [];
  const index = indexRows(sheetRows);
  const { rowById, duplicated } = index;
  const unchanged: UnchangedCheck = {
    state,
    signature: b.plan.mappingSignature,
    headers: b.headers,
    index,
    crmById,
    resolvedIds: resolvedIdsOf(input.resolutions, input.mapping.object),
    delta: input.delta,
    known: input.delta?.unchangedRows,
  };
  const nowIso = input.now.toISOString();

  let newRowsInPull = 0;
  sheetRows.forEach((row, i) => {
    const agreed = unchangedSinceAgreed(unchanged, row, index.ids[i] ?? null);
    if (agreed) {
      b.plan.nextRecords.set(index.ids[i]!, updatedRecord(agreed, { syncedAt: nowIso }));
      return;
    }
    if (isBlankRow(row, columns)) {
      if (columns.some((c) => typeof row.values[c.header] === "string" && row.values[c.header] !== "")) cellWarning(b, `Row ${row.rowNumber} holds only spaces; it was skipped.`);
      return;
    }
    const r = readRow(row, columns, headers);
    const base = r.id ? baseRecords.get(r.id) : undefined;
    // A row that is not compared this run is not agreed: its next run compares it again.
    const keepBase = () => {
      if (r.id && base) b.plan.nextRecords.set(r.id, updatedRecord(base, { agreed: false }));
    };
    if (r.id && duplicated.has(r.id)) {
      const others = duplicated.get(r.id)!.filter((n) => n !== row.rowNumber);
      skip(b, { row: row.rowNumber, column: "id", id: r.id, reason: `id ${r.id} also appears on row ${others.join(", ")}; duplicated rows are not synced` });
      keepBase();
      return;
    }
    if (r.problems.length > 0) {
      r.problems.forEach((p) => skip(b, p));
      keepBase();
      if (r.id && pending[r.id] && !crmById.has(r.id)) b.plan.pendingCreates[r.id] = pending[r.id]!;
      return;
    }
    if (r.id === null) {
      if (input.mode === "pull") newRowsInPull++;
      else planCreate(b, r, input.newId(), true);
      return;
    }
    const crm = crmById.get(r.id);
    if (crm) planMatched(b, r, crm, base);
    else if (base) planCrmDeleted(b, r, base);
    else if (pending[r.id]) {
      b.plan.pendingCreates[r.id] = pending[r.id]!;
      if (input.mode === "pull") newRowsInPull++;
      else planCreate(b, r, r.id, false);
    } else {
      skip(b, { row: r.row.rowNumber, column: "id", id: r.id, reason: `id ${r.id} does not exist in Twenty; clear the id to create a new record` });
    }
  });
  if (newRowsInPull > 0) b.plan.warnings.push(`${newRowsInPull} new row(s) without a Twenty record were not sent (pull only reads from Twenty).`);

  for (const record of crmRecords) {
    const id = record.id.toLowerCase();
    if (rowById.has(id)) continue;
    const base = baseRecords.get(id);
    if (base && table && input.mode !== "pull") planSheetRowDeleted(b, id, record.updatedAt ?? null, base);
    else if (input.mode !== "push") planAppend(b, id, record);
  }
  if (input.delta) {
    // Records the delta read did not return are unchanged in Twenty; those whose rows are gone were deleted in the sheet.
    for (const [id, base] of baseRecords) {
      if (rowById.has(id) || crmById.has(id) || input.delta.gone.has(id)) continue;
      if (table && input.mode !== "pull") planSheetRowDeleted(b, id, base.crmUpdatedAt, base);
      else b.plan.nextRecords.set(id, base);
    }
  }

  if (state && state.damagedRecords.length > 0) {
    b.plan.warnings.push(`The sync state of ${state.damagedRecords.length} record(s) could not be read (damaged); they were compared as if never synced.`);
  }
  if (b.cellWarnings > MAX_CELL_WARNINGS) b.plan.warnings.push(`…and ${b.cellWarnings - MAX_CELL_WARNINGS} more cell warning(s) like these.`);
  guardMassChanges(b);
  finishSummary(b.plan);
  return b.plan;
}

const MAX_CELL_WARNINGS = 20;

function cellWarning(b: Builder, text: string): void {
  if (++b.cellWarnings <= MAX_CELL_WARNINGS) b.plan.warnings.push(text);
}

/** A field both sides changed differently that the strategy settled; `sheet`/`crm` are the two values before the run. */
interface Settled {
  id: string;
  base: Canonical | undefined;
  sheet: Canonical;
  crm: Canonical;
  crmUpdatedAt: string | null;
  sheetEditedAt: SheetEditTime;
  kept: "sheet" | "crm";
}

function recordSettled(b: Builder, r: ReadRow, column: ResolvedColumn, c: Settled): void {
  b.plan.autoResolved.push({
    object: b.plan.object,
    id: c.id,
    rowNumber: r.row.rowNumber,
    column: column.header,
    base: c.base === undefined ? null : toCell(column, c.base),
    withoutBase: c.base === undefined,
    sheet: toCell(column, c.sheet),
    crm: toCell(column, c.crm),
    crmUpdatedAt: c.crmUpdatedAt,
    sheetEditedAt: c.sheetEditedAt.at,
    kept: c.kept,
    reason: settledReason(b.plan.strategy, c.kept, c.crmUpdatedAt, c.sheetEditedAt),
  });
}

function skip(b: Builder, problem: RowError): void {
  b.plan.skipped.push(problem);
}

function sheetTime(b: Builder, r: ReadRow, base: RecordState | undefined): string | null {
  return r.row.editedAt ?? b.input.table?.lastModifiedAt ?? base?.syncedAt ?? null;
}

function planMatched(b: Builder, r: ReadRow, crm: CrmRecord, base: RecordState | undefined): void {
  const { input, plan } = b;
  const id = r.id!;
  const crmUpdatedAt = crm.updatedAt ?? null;
  const sheetEditedAt = sheetTime(b, r, base);
  const sheetIsNewer = isSheetNewer(sheetEditedAt, crmUpdatedAt);
  const nextBase: Record<string, Canonical> = { ...(base?.base ?? {}) };
  const sheetWrites: Record<string, CellValue> = {};
  const crmChanges: Record<string, Canonical> = {};
  const sheetAfter: SheetAfter = Object.fromEntries(r.values);
  /** Turns false when a difference stays after this run (held by the mode, a conflict, a formula in the way). */
  let agreed = true;

  const writeSheet = (column: ResolvedColumn, value: Canonical): boolean => {
    if (r.formulaColumns.has(column.header)) {
      agreed = false;
      cellWarning(b, `Row ${r.row.rowNumber}, column "${column.header}" holds a formula; the Twenty value ${JSON.stringify(toCell(column, value))} was not written over it.`);
      return false;
    }
    const shown = r.values.get(column.header);
    if (value === null && shown !== undefined && shown !== null) b.clearedRecords.add(id);
    sheetWrites[column.header] = toCell(column, value);
    if (value === null) delete sheetAfter[column.header];
    else sheetAfter[column.header] = value;
    return true;
  };
  const sheetEdit: SheetEditTime = { at: sheetEditedAt, tracked: r.row.editedAt !== null };
  const settle = (column: ResolvedColumn, sheetValue: Canonical, crmValue: Canonical, kept: "sheet" | "crm") => {
    const baseValue = base !== undefined && column.header in base.base ? base.base[column.header] : undefined;
    recordSettled(b, r, column, { id, base: baseValue, sheet: sheetValue, crm: crmValue, crmUpdatedAt, sheetEditedAt: sheetEdit, kept });
  };
  const pushCrm = (column: ResolvedColumn, value: Canonical) => {
    if (value === null && readCrmValue(column, crm) !== null) b.clearedRecords.add(id);
    crmChanges[column.header] = value;
  };

  for (const column of b.columns) {
    if (column.header === "id") continue;
    const crmValue = readCrmValue(column, crm);
    if (column.readOnly) {
      const shown = r.values.get(column.header);
      const stale = r.unreadable.has(column.header) || (shown === undefined ? crmValue !== null : !sameValue(shown, crmValue));
      if (stale && input.mode !== "push") writeSheet(column, crmValue);
      else if (stale) agreed = false;
      continue;
    }
    const hasBase = base !== undefined && column.header in base.base;
    let sheet = r.values.get(column.header);
    // Without a base an empty cell is no evidence of a deliberate clear, even with clearWhenEmpty.
    if (!hasBase && sheet === null) sheet = undefined;
    const key = b.resolutions.size > 0 ? resolutionKey({ object: plan.object, id, column: column.header }) : "";
    const resolution = b.resolutions.size > 0 ? b.resolutions.get(key) : undefined;
    const resolutionValue = resolution?.choice === "value" ? parseResolutionValue(b, r, column, resolution) : undefined;
    const usable = resolution && (resolution.choice !== "value" || resolutionValue !== undefined) ? { choice: resolution.choice, value: resolutionValue } : undefined;
    const decision = decideField({
      mode: input.mode,
      strategy: plan.strategy,
      sheet,
      crm: crmValue,
      base: hasBase ? base!.base[column.header] : undefined,
      resolution: usable,
      sheetIsNewer,
    });
    // A sync overwriting an edit without a usable resolution means the strategy chose: the replaced value is recorded.
    const settledByStrategy = input.mode === "sync" && !usable;
    // A resolution is used up once the cell is no longer in conflict, whichever way that happened.
    if (resolution && decision.kind !== "conflict") {
      plan.usedResolutions.push(resolution);
      b.resolutions.delete(key);
    }
    switch (decision.kind) {
      case "same":
        nextBase[column.header] = crmValue;
        break;
      case "held":
        agreed = false;
        break;
      case "toSheet":
        if (decision.overwritesSheetEdit && input.mode === "pull") {
          cellWarning(b, `Row ${r.row.rowNumber}, column "${column.header}": your edit ${JSON.stringify(toCell(column, sheet ?? null))} was replaced by the Twenty value ${JSON.stringify(toCell(column, crmValue))}.`);
        }
        if (writeSheet(column, crmValue)) {
          nextBase[column.header] = crmValue;
          if (decision.overwritesSheetEdit && settledByStrategy) settle(column, sheet ?? null, crmValue, "crm");
        }
        break;
      case "toCrm":
        if (decision.overwritesCrmEdit && settledByStrategy) settle(column, decision.value, crmValue, "sheet");
        if (decision.overwritesCrmEdit && input.mode === "push") {
          cellWarning(b, `Row ${r.row.rowNumber}, column "${column.header}": the Twenty value ${JSON.stringify(toCell(column, crmValue))} was replaced by your edit ${JSON.stringify(toCell(column, decision.value))}.`);
        }
        pushCrm(column, decision.value);
        nextBase[column.header] = decision.value;
        break;
      case "both":
        pushCrm(column, decision.value);
        if (writeSheet(column, decision.value)) nextBase[column.header] = decision.value;
        break;
      case "conflict":
        agreed = false;
        plan.conflicts.push({
          object: plan.object,
          id,
          rowNumber: r.row.rowNumber,
          column: column.header,
          base: hasBase ? toCell(column, base!.base[column.header]) : null,
          sheet: toCell(column, sheet ?? null),
          crm: toCell(column, crmValue),
          crmUpdatedAt,
          sheetEditedAt,
        });
        break;
    }
  }

  if (Object.keys(sheetWrites).length > 0) plan.toSheet.updates.push({ rowNumber: r.row.rowNumber, id, sheetId: r.sheetId, values: sheetWrites });
  const formulaColumns = [...r.formulaColumns];
  if (Object.keys(crmChanges).length > 0) {
    const byHeader = new Map(b.columns.map((c) => [c.header, c]));
    plan.toCrm.updates.push({
      id,
      sheetId: r.sheetId,
      rowNumber: r.row.rowNumber,
      changes: crmChanges,
      data: buildPayload(Object.entries(crmChanges).map(([h, value]) => ({ column: byHeader.get(h)!, value }))),
      sheetAfter,
      formulaColumns,
    });
  }
  plan.nextRecords.set(id, {
    base: nextBase,
    crmUpdatedAt,
    fingerprint: rowFingerprint({ ...r.row.values, ...sheetWrites }, b.headers),
    syncedAt: input.now.toISOString(),
    agreed,
  });
}

function parseResolutionValue(b: Builder, r: ReadRow, column: ResolvedColumn, resolution: Resolution): Canonical | undefined {
  const parsed = parseCell(column, resolution.value ?? null);
  if (parsed.ok) return parsed.value;
  b.plan.warnings.push(`Row ${r.row.rowNumber}, column "${column.header}": the chosen value cannot be used (${parsed.reason}); the conflict remains.`);
  return undefined;
}

function planCreate(b: Builder, r: ReadRow, id: string, writeIdToSheet: boolean): void {
  const entries = b.writable.filter((c) => r.values.has(c.header) && r.values.get(c.header) !== null).map((c) => ({ column: c, value: r.values.get(c.header)! }));
  b.plan.pendingCreates[id] = { rowNumber: r.row.rowNumber, createdAt: b.input.now.toISOString() };
  b.plan.toCrm.creates.push({
    rowNumber: r.row.rowNumber,
    id,
    sheetId: writeIdToSheet ? id : r.sheetId,
    writeIdToSheet,
    data: { id, ...buildPayload(entries) },
    sheetAfter: Object.fromEntries(r.values),
    formulaColumns: [...r.formulaColumns],
  });
}

function rowMatchesBase(r: ReadRow, base: RecordState): boolean {
  return [...r.values].every(([header, value]) => !(header in base.base) || sameValue(value, base.base[header]));
}

/** The row's record is gone from Twenty: propose deleting the row (applied only with applyDeletes.inSheet). */
function planCrmDeleted(b: Builder, r: ReadRow, base: RecordState): void {
  const { plan, input } = b;
  const id = r.id!;
  const edited = !rowMatchesBase(r, base);
  const apply = input.mode !== "push" && input.mapping.applyDeletes.inSheet && !edited;
  const reason = edited ? "deleted in Twenty, but the row was edited since the last sync; it is kept" : "deleted in Twenty";
  plan.toSheet.deletes.push({ id, rowNumber: r.row.rowNumber, apply, reason });
  if (!apply) plan.nextRecords.set(id, updatedRecord(base, { agreed: false }));
}

/** The record's row is gone from the sheet: propose deleting it in Twenty (applied only with applyDeletes.inCrm). */
function planSheetRowDeleted(b: Builder, id: string, crmUpdatedAt: string | null, base: RecordState): void {
  const { plan, input } = b;
  const changedInCrm = crmUpdatedAt !== base.crmUpdatedAt;
  const apply = input.mapping.applyDeletes.inCrm && !changedInCrm;
  const reason = changedInCrm ? "row deleted in the sheet, but the record changed in Twenty since the last sync; it is kept" : "row deleted in the sheet";
  plan.toCrm.deletes.push({ id, rowNumber: null, apply, reason });
  if (!apply) plan.nextRecords.set(id, updatedRecord(base, { agreed: false }));
}

function planAppend(b: Builder, id: string, record: CrmRecord): void {
  const values = recordCells(b.columns, record);
  const append: PlannedAppend = { id, values };
  b.plan.toSheet.appends.push(append);
  b.plan.nextRecords.set(id, {
    base: recordBase(b.columns, record),
    crmUpdatedAt: record.updatedAt ?? null,
    fingerprint: rowFingerprint(values, b.headers),
    syncedAt: b.input.now.toISOString(),
    agreed: true,
  });
}

function guardMassChanges(b: Builder): void {
  const { plan, input } = b;
  const deletes = plan.toCrm.deletes.filter((d) => d.apply).length + plan.toSheet.deletes.filter((d) => d.apply).length;
  const total = Math.max(input.crmRecords.length, input.state?.records.size ?? 0);
  const cleared = b.clearedRecords.size;
  const changes = deletes + cleared;
  if (changes === 0 || input.confirmMassChanges) return;
  if (changes > input.massChangeGuardShare * total) {
    plan.blocked = {
      reason: `This run would delete ${deletes} record(s)/row(s) and clear values of ${cleared} record(s) of ${plan.object}, more than ${Math.round(input.massChangeGuardShare * 100)}% of its ${total} record(s). Confirm to go ahead.`,
    };
  }
}

function finishSummary(plan: ObjectPlan): void {
  const s = plan.summary;
  s.crmCreates = plan.toCrm.creates.length;
  s.crmUpdates = plan.toCrm.updates.length;
  s.crmDeletes = plan.toCrm.deletes.filter((d) => d.apply).length;
  s.crmDeletesProposed = plan.toCrm.deletes.length - s.crmDeletes;
  s.sheetAppends = plan.toSheet.appends.length;
  s.sheetUpdates = plan.toSheet.updates.length;
  s.sheetDeletes = plan.toSheet.deletes.filter((d) => d.apply).length;
  s.sheetDeletesProposed = plan.toSheet.deletes.length - s.sheetDeletes;
  s.conflicts = plan.conflicts.length;
  s.skippedRows = new Set(plan.skipped.map((p) => p.row)).size;
  s.crm = { creates: s.crmCreates, updates: s.crmUpdates, deletes: s.crmDeletes };
  s.sheet = { appends: s.sheetAppends, updates: s.sheetUpdates, deletes: s.sheetDeletes };
}

/** True when applying the plan would write anything to either side. */
export function planHasChanges(plan: ObjectPlan): boolean {
  const s = plan.summary;
  return s.crmCreates + s.crmUpdates + s.crmDeletes + s.sheetAppends + s.sheetUpdates + s.sheetDeletes > 0;
}

export type { PlannedCreate, PlannedCrmUpdate, PlannedDelete, PlannedSheetUpdate, Conflict };
