/**
 * Carries out one object's plan through the ports, in an order that survives a crash at any point:
 * pending create ids are saved to state and written to the sheet before creates are sent (with upsert, so a re-run
 * never duplicates), progress is saved between CRM batches, the sheet gets one write, then marks, then the final state.
 * Records whose CRM write failed keep their old base, so they are retried next time.
 */
import type { CrmRecord } from "../metadata";
import type { CellValue, CrmPort, RowUpdate, SheetMarks, SheetPort, WriteOutcome } from "../ports";
import { NOTE_PREFIX } from "../../workbook-layout/layout";
import { describeCellProblem, type ErrorInfo } from "../errors";
import type { ResolvedColumn } from "../fields/columns";
import { readCrmValue, sameValue, toCell, type Canonical } from "../fields/values";
import { saveObjectState, updatedRecord, type ObjectState, type RecordState } from "../state/object-state";
import { recordBase, recordCells } from "../plan/plan-object-sync";
import { rowFingerprint } from "../plan/fingerprint";
import type { AutoResolved, ObjectPlan, RowError, SheetAfter } from "../plan/types";

export type ApplyPhase = "writing-crm" | "writing-sheet";

export interface ApplyContext {
  sheet: SheetPort;
  crm: CrmPort;
  plan: ObjectPlan;
  columns: ResolvedColumn[];
  /** The state the plan was made from (empty when there was none or it was distrusted). */
  previous: ObjectState;
  /** Where the next delta read starts, saved once the whole plan is applied (see ObjectState.crmCursor). */
  cursor: Pick<ObjectState, "crmCursor" | "lastFullCompareAt" | "clockAnchor">;
  /** Whether the sheet needs columns added (new sheet or missing headers). */
  sheetNeedsColumns: boolean;
  now: Date;
  signal?: AbortSignal;
  progress: (phase: ApplyPhase, done: number, total: number, message: string) => void;
}

export interface AppliedCounts {
  crmCreated: number;
  crmUpdated: number;
  crmDeleted: number;
  sheetAppended: number;
  sheetUpdated: number;
  sheetDeleted: number;
}

export interface ApplyResult {
  applied: AppliedCounts;
  rowErrors: RowError[];
  warnings: string[];
  /** The plan's settled both-sides changes whose winning value landed (a failed Twenty update replaced nothing). */
  autoResolved: AutoResolved[];
  /** Set when the apply stopped early (cancelled or a port failed); what landed is saved in state. */
  error?: ErrorInfo;
  cancelled: boolean;
}

export class ApplyStopped extends Error {}

const PROGRESS_SAVE_INTERVAL_MS = 2_000;

export function emptyCounts(): AppliedCounts {
  return { crmCreated: 0, crmUpdated: 0, crmDeleted: 0, sheetAppended: 0, sheetUpdated: 0, sheetDeleted: 0 };
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === "AbortError";
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e && typeof e === "object" && "toInfo" in e && typeof (e as { toInfo: unknown }).toInfo === "function") {
    return (e as { toInfo: () => ErrorInfo }).toInfo();
  }
  return { code: "UNKNOWN", message: e instanceof Error ? e.message : String(e), isRetryable: false };
}

/** Runs a CRM write and feeds every outcome (per batch, then the final one) through `handle` exactly once per index. */
async function writeInBatches(
  run: (onBatch: (o: WriteOutcome) => Promise<void>) => Promise<WriteOutcome>,
  handle: (o: WriteOutcome) => void,
  persist: () => Promise<void>,
): Promise<void> {
  const seen = new Set<number>();
  const take = (o: WriteOutcome): WriteOutcome => {
    const fresh = { succeeded: o.succeeded.filter((s) => !seen.has(s.index)), failed: o.failed.filter((f) => !seen.has(f.index)) };
    fresh.succeeded.forEach((s) => seen.add(s.index));
    fresh.failed.forEach((f) => seen.add(f.index));
    return fresh;
  };
  const final = await run(async (batch) => {
    handle(take(batch));
    await persist();
  });
  const rest = take(final);
  if (rest.succeeded.length + rest.failed.length > 0) {
    handle(rest);
    await persist();
  }
}

export async function applyObjectPlan(ctx: ApplyContext): Promise<ApplyResult> {
  const { sheet, crm, plan, columns, previous, now, signal } = ctx;
  const result: ApplyResult = { applied: emptyCounts(), rowErrors: [], warnings: [], autoResolved: [], cancelled: false };
  const headers = columns.map((c) => c.header);
  const baseHeaders = columns.filter((c) => !c.readOnly).map((c) => c.header);
  const byHeader = new Map(columns.map((c) => [c.header, c]));
  const syncedAt = now.toISOString();

  // What is true in the CRM right now, kept current batch by batch.
  const landed = new Map<string, RecordState>();
  const failed = new Set<string>();
  const deleted = new Set<string>();
  const pending = { ...plan.pendingCreates };
  const writeBacks = new Map<number, RowUpdate>();
  /** Existing records that new rows were matched to by upsert: they already have a row, so they are not appended. */
  const linked = new Set<string>();
  let sheetWritten = false;
  const landedSettlements = () => plan.autoResolved.filter((c) => (c.kept === "sheet" ? landed.has(c.id) : sheetWritten));

  // Mid-run saves keep the previous mapping signature: the records not yet written were agreed under it.
  const progressState = (): ObjectState => {
    const records = new Map(previous.records);
    for (const id of deleted) records.delete(id);
    for (const [id, record] of landed) records.set(id, record);
    return { ...previous, records, pendingCreates: pending };
  };
  const persist = () => saveObjectState(sheet, progressState(), baseHeaders);
  /** Twenty's answer holds every writable column at the recorded base (no concurrent edit slipped in). */
  const answerAgrees = (record: CrmRecord, base: Record<string, Canonical>) =>
    columns.every((c) => c.readOnly || (c.fieldName in record && c.header in base && sameValue(readCrmValue(c, record), base[c.header]!)));
  // Batch progress is saved at most every couple of seconds: the full state can be megabytes, and a lost progress
  // save is harmless (pending ids are saved before sending, and a re-run finds landed writes equal on both sides).
  let lastSave = Date.now();
  const persistProgress = async () => {
    if (Date.now() - lastSave < PROGRESS_SAVE_INTERVAL_MS) return;
    await persist();
    lastSave = Date.now();
  };
  const checkAbort = () => {
    if (signal?.aborted) throw new ApplyStopped("cancelled");
  };

  const writeBack = (rowNumber: number, sheetId: string, header: string, value: CellValue) => {
    const update = writeBacks.get(rowNumber) ?? { rowNumber, expectId: sheetId, values: {} };
    update.values[header] = value;
    writeBacks.set(rowNumber, update);
  };
  /** Puts into the sheet what the CRM answered where it differs from what the row will hold (normalised emails, new updatedAt…). */
  const reconcileRow = (rowNumber: number, sheetId: string, record: CrmRecord, after: SheetAfter, formulaColumns: string[], only: Set<string> | null) => {
    for (const column of columns) {
      if (column.header === "id" || formulaColumns.includes(column.header) || !(column.fieldName in record)) continue;
      if (only && !column.readOnly && !only.has(column.header)) continue;
      const answered = readCrmValue(column, record);
      const shown: Canonical | undefined = after[column.header];
      if (shown === undefined ? answered !== null : !sameValue(shown, answered)) writeBack(rowNumber, sheetId, column.header, toCell(column, answered));
    }
  };
  const crmFailure = (row: number, id: string, what: string, error: ErrorInfo) => {
    failed.add(id);
    result.rowErrors.push({ row, id, reason: `Twenty rejected the ${what}: ${error.message}`, error });
  };

  try {
    const { creates, updates, deletes } = plan.toCrm;
    const crmTotal = creates.length + updates.length + deletes.filter((d) => d.apply).length;
    let crmDone = 0;

    if (creates.length > 0) {
      checkAbort();
      await persist(); // pending ids are on record before they reach the sheet or the CRM
      const idWrites = creates.filter((c) => c.writeIdToSheet).map((c) => ({ rowNumber: c.rowNumber, values: { id: c.id } }));
      if (idWrites.length > 0) await sheet.applyChanges(plan.sheetName, { columns: plan.columns, updates: idWrites, deleteRows: [], appends: [] });
      ctx.progress("writing-crm", crmDone, crmTotal, `Creating ${creates.length} record(s) in Twenty`);
      await writeInBatches(
        (onBatch) => crm.createRecords(plan.object, creates.map((c) => c.data), { upsert: true, signal, onBatch }),
        (o) => {
          for (const { index, record } of o.succeeded) {
            const c = creates[index]!;
            delete pending[c.id];
            // An upsert that matched an existing record on a unique field (e.g. the email) keeps that record's id.
            const id = record.id.toLowerCase();
            if (id !== c.id) {
              linked.add(id);
              writeBack(c.rowNumber, c.sheetId, "id", id);
              result.warnings.push(`Row ${c.rowNumber} matched the existing Twenty record ${id} (same unique value), which was updated instead of creating a new one.`);
            }
            const base = recordBase(columns, record);
            for (const column of columns) if (!column.readOnly && !(column.fieldName in record)) base[column.header] = c.sheetAfter[column.header] ?? null;
            const fingerprint = rowFingerprint(recordCells(columns, record), headers);
            landed.set(id, { base, crmUpdatedAt: record.updatedAt ?? null, fingerprint, syncedAt, agreed: answerAgrees(record, base) });
            reconcileRow(c.rowNumber, c.sheetId, record, c.sheetAfter, c.formulaColumns, null);
            result.applied.crmCreated++;
          }
          for (const { index, error } of o.failed) crmFailure(creates[index]!.rowNumber, creates[index]!.id, "new record", error);
          crmDone += o.succeeded.length + o.failed.length;
          ctx.progress("writing-crm", crmDone, crmTotal, `Created ${result.applied.crmCreated} record(s)`);
        },
        persistProgress,
      );
    }

    if (updates.length > 0) {
      checkAbort();
      await writeInBatches(
        (onBatch) => crm.updateRecords(plan.object, updates.map((u) => ({ id: u.id, data: u.data })), { signal, onBatch }),
        (o) => {
          for (const { index, record } of o.succeeded) {
            const u = updates[index]!;
            const planned = plan.nextRecords.get(u.id);
            const base = { ...(planned?.base ?? {}) };
            for (const header of Object.keys(u.changes)) {
              const column = byHeader.get(header)!;
              // Trust the CRM's answer for what it stored, unless it did not echo the field back.
              if (column.fieldName in record) base[header] = readCrmValue(column, record);
            }
            const agreed = (planned?.agreed ?? false) && answerAgrees(record, base);
            landed.set(u.id, { base, crmUpdatedAt: record.updatedAt ?? null, fingerprint: planned?.fingerprint ?? "", syncedAt, agreed });
            const echoed = new Set(Object.keys(u.changes).filter((h) => byHeader.get(h)!.fieldName in record));
            reconcileRow(u.rowNumber, u.sheetId, record, u.sheetAfter, u.formulaColumns, echoed);
            result.applied.crmUpdated++;
          }
          for (const { index, error } of o.failed) crmFailure(updates[index]!.rowNumber, updates[index]!.id, "update", error);
          crmDone += o.succeeded.length + o.failed.length;
          ctx.progress("writing-crm", crmDone, crmTotal, `Updated ${result.applied.crmUpdated} record(s)`);
        },
        persistProgress,
      );
    }

    const toDelete = deletes.filter((d) => d.apply);
    if (toDelete.length > 0) {
      checkAbort();
      await writeInBatches(
        (onBatch) => crm.deleteRecords(plan.object, toDelete.map((d) => d.id), { soft: true, signal, onBatch }),
        (o) => {
          for (const { index } of o.succeeded) {
            deleted.add(toDelete[index]!.id);
            result.applied.crmDeleted++;
          }
          for (const { index, error } of o.failed) {
            failed.add(toDelete[index]!.id);
            result.warnings.push(`Deleting ${toDelete[index]!.id} in Twenty failed: ${error.message}`);
          }
          crmDone += o.succeeded.length + o.failed.length;
        },
        persistProgress,
      );
    }

    checkAbort();
    const sheetDeletes = plan.toSheet.deletes.filter((d) => d.apply && d.rowNumber !== null).map((d) => d.rowNumber!);
    const rowUpdates = mergeUpdates(plan.toSheet.updates.map((u) => ({ rowNumber: u.rowNumber, expectId: u.sheetId, values: u.values })), [...writeBacks.values()]);
    const appends = plan.toSheet.appends.filter((a) => !linked.has(a.id)).map((a) => a.values);
    if (rowUpdates.length + sheetDeletes.length + appends.length > 0 || ctx.sheetNeedsColumns) {
      ctx.progress("writing-sheet", 0, rowUpdates.length + sheetDeletes.length + appends.length, `Writing ${plan.sheetName}`);
      await sheet.applyChanges(plan.sheetName, { columns: plan.columns, updates: rowUpdates, deleteRows: sheetDeletes, appends });
      result.applied.sheetUpdated = rowUpdates.length;
      result.applied.sheetDeleted = sheetDeletes.length;
      result.applied.sheetAppended = appends.length;
    }
    sheetWritten = true;
    result.autoResolved = landedSettlements();

    await sheet.setMarks(plan.sheetName, buildMarks(plan, result.autoResolved, result.rowErrors, sheetDeletes));

    const records = new Map(plan.nextRecords);
    for (const id of failed) {
      const before = previous.records.get(id);
      if (before) records.set(id, updatedRecord(before, { agreed: false }));
      else records.delete(id);
    }
    for (const [id, record] of landed) records.set(id, record);
    for (const id of deleted) records.delete(id);
    const next: ObjectState = {
      ...ctx.cursor,
      object: plan.object,
      lastSyncAt: syncedAt,
      mappingSignature: plan.mappingSignature,
      records,
      pendingCreates: pending,
      damagedRecords: [],
    };
    await saveObjectState(sheet, next, baseHeaders);
  } catch (e) {
    result.cancelled = e instanceof ApplyStopped || isAbortError(e) || signal?.aborted === true;
    result.error = result.cancelled
      ? { code: "OPERATION_FAILED", message: "Sync cancelled; what already reached Twenty is recorded and the rest runs next time.", isRetryable: true }
      : toErrorInfo(e);
    result.autoResolved = landedSettlements();
    await persist();
  }
  return result;
}

function mergeUpdates(planned: RowUpdate[], writeBacks: RowUpdate[]): RowUpdate[] {
  const byRow = new Map<number, RowUpdate>();
  for (const u of [...planned, ...writeBacks]) {
    const existing = byRow.get(u.rowNumber);
    if (existing) existing.values = { ...existing.values, ...u.values };
    else byRow.set(u.rowNumber, { ...u, values: { ...u.values } });
  }
  return [...byRow.values()];
}

/** Row numbers after the deletions below them have shifted the rows up. */
function shiftRow(rowNumber: number, deletedRows: number[]): number {
  return rowNumber - deletedRows.filter((d) => d < rowNumber).length;
}

function buildMarks(plan: ObjectPlan, settled: AutoResolved[], crmErrors: RowError[], deletedRows: number[]): SheetMarks {
  const messages = new Map<number, string[]>();
  for (const problem of [...plan.skipped, ...crmErrors]) {
    const row = shiftRow(problem.row, deletedRows);
    messages.set(row, [...(messages.get(row) ?? []), describeCellProblem(problem)]);
  }
  return {
    conflicts: plan.conflicts.map((c) => ({
      rowNumber: shiftRow(c.rowNumber, deletedRows),
      column: c.column,
      note: `${NOTE_PREFIX} conflict\nLast synced: ${show(c.base)}\nSheet: ${show(c.sheet)}\nTwenty: ${show(c.crm)}${c.crmUpdatedAt ? ` (changed ${c.crmUpdatedAt})` : ""}`,
    })).concat(settled.map((c) => ({ rowNumber: shiftRow(c.rowNumber, deletedRows), column: c.column, kind: "notice" as const, note: noticeNote(c) }))),
    rowErrors: [...messages].map(([rowNumber, list]) => ({ rowNumber, message: list.join("\n") })),
  };
}

/** The note on a settled cell: what happened, why, and the replaced value so nothing is lost. */
function noticeNote(c: AutoResolved): string {
  const sheetKept = c.kept === "sheet";
  const what = c.withoutBase ? "The sheet and Twenty differed, with no earlier sync to compare with" : "Changed in both the sheet and Twenty since the last sync";
  return (
    `${NOTE_PREFIX} notice\n${what}; kept the ${sheetKept ? "sheet" : "Twenty"} value because ${c.reason}.\n` +
    `Replaced ${sheetKept ? "Twenty" : "sheet"} value: ${show(sheetKept ? c.crm : c.sheet)}` +
    (c.withoutBase ? "" : `\nLast synced: ${show(c.base)}`)
  );
}

function show(value: CellValue): string {
  return value === null ? "(empty)" : JSON.stringify(value);
}
