/** What a sync of one object would do: plain data, enough for a preview UI and for the apply step. */
import type { CellValue } from "../ports";
import type { Strategy } from "../settings";
import type { ColumnSpec } from "../ports";
import type { CellProblem, ErrorInfo } from "../errors";
import type { Canonical } from "../fields/values";
import type { RecordState } from "../state/object-state";
import type { Resolution } from "../state/resolutions";

export type SyncMode = "pull" | "push" | "sync";

export interface Conflict {
  object: string;
  id: string;
  rowNumber: number;
  column: string;
  base: CellValue;
  sheet: CellValue;
  crm: CellValue;
  crmUpdatedAt: string | null;
  sheetEditedAt: string | null;
}

/**
 * A field both sides changed differently that newest_wins, crm_wins or excel_wins settled on its own (sync mode, no
 * recorded resolution). `sheet` and `crm` are the values before the run; the one not `kept` was replaced and lives on
 * only here and in the cell's notice.
 */
export interface AutoResolved extends Conflict {
  kept: "sheet" | "crm";
  /** Why that side won, in words, e.g. "Twenty changed later (Twenty changed 2026-…; sheet edited 2026-…)". */
  reason: string;
  /** True when there was no last-synced value (first sync or lost state): the sides differed, which one changed is unknown. */
  withoutBase?: boolean;
}

export type RowError = CellProblem & { id?: string; error?: ErrorInfo };

/** A sheet row's values after the planned sheet writes, canonical; unknown (empty, not clearing) cells are absent. */
export type SheetAfter = Record<string, Canonical>;

/** The id exactly as the row's cell holds it (ids are compared lower-cased; adapters match `expectId` verbatim). */
type SheetId = { sheetId: string };

export interface PlannedCreate extends SheetId {
  rowNumber: number;
  /** Client-chosen id; written into the row before the create is sent. */
  id: string;
  /** True when the row has no id yet (false when re-sending a pending create after a crash). */
  writeIdToSheet: boolean;
  data: Record<string, unknown>;
  sheetAfter: SheetAfter;
  formulaColumns: string[];
}

export interface PlannedCrmUpdate extends SheetId {
  id: string;
  rowNumber: number;
  /** Changed columns → new canonical value. */
  changes: Record<string, Canonical>;
  /** Partial payload: only the changed keys and composite sub-keys. */
  data: Record<string, unknown>;
  sheetAfter: SheetAfter;
  formulaColumns: string[];
}

export interface PlannedDelete {
  id: string;
  rowNumber: number | null;
  /** False means proposed only (the object's applyDeletes option is off, or the other side changed). */
  apply: boolean;
  reason: string;
}

export interface PlannedSheetUpdate extends SheetId {
  rowNumber: number;
  id: string;
  values: Record<string, CellValue>;
}

export interface PlannedAppend {
  id: string;
  values: Record<string, CellValue>;
}

export interface PlanSummary {
  crmCreates: number;
  crmUpdates: number;
  crmDeletes: number;
  crmDeletesProposed: number;
  sheetAppends: number;
  sheetUpdates: number;
  sheetDeletes: number;
  sheetDeletesProposed: number;
  conflicts: number;
  skippedRows: number;
  /** The same counts grouped by side (deletes = applied ones). */
  crm: { creates: number; updates: number; deletes: number };
  sheet: { appends: number; updates: number; deletes: number };
}

export interface ObjectPlan {
  object: string;
  sheetName: string;
  mode: SyncMode;
  strategy: Strategy;
  columns: ColumnSpec[];
  toCrm: { creates: PlannedCreate[]; updates: PlannedCrmUpdate[]; deletes: PlannedDelete[] };
  toSheet: { appends: PlannedAppend[]; updates: PlannedSheetUpdate[]; deletes: PlannedDelete[] };
  conflicts: Conflict[];
  /** Fields changed on both sides that newest_wins, crm_wins or excel_wins would settle: shown, never silently lost. */
  autoResolved: AutoResolved[];
  skipped: RowError[];
  warnings: string[];
  summary: PlanSummary;
  blocked?: { reason: string };
  /** State records after a fully successful apply (the apply step corrects them for failures and CRM answers). */
  nextRecords: Map<string, RecordState>;
  /** The mapping the plan compared under (see mappingSignature); saved with the state. */
  mappingSignature: string;
  /** Client-chosen ids of rows whose create has not landed yet (kept and new), by id. */
  pendingCreates: Record<string, { rowNumber: number; createdAt: string }>;
  /** Resolutions this plan used; they are dropped once applied. */
  usedResolutions: Resolution[];
}
