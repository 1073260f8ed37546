/**
 * The per-field three-way decision (Unison style): compare the sheet and CRM values with the base both sides
 * agreed on last time; move only what changed on one side; when both changed differently, apply a recorded
 * resolution, the mode (pull: CRM wins, push: sheet wins) or the strategy.
 */
import type { Strategy } from "../settings";
import { sameValue, type Canonical } from "../fields/values";
import type { SyncMode } from "./types";

export interface FieldInput {
  mode: SyncMode;
  strategy: Strategy;
  /** undefined = the sheet says nothing (empty cell that does not clear, or missing column). */
  sheet: Canonical | undefined;
  crm: Canonical;
  /** undefined = no base (first sync, lost state, new column). */
  base: Canonical | undefined;
  resolution?: { choice: "sheet" | "crm" | "value"; value?: Canonical };
  /** For newest_wins: is the sheet edit newer than the CRM's updatedAt? */
  sheetIsNewer: boolean;
}

export type FieldDecision =
  | { kind: "same" }
  /** Write the CRM value into the sheet. */
  | { kind: "toSheet"; value: Canonical; overwritesSheetEdit: boolean }
  /** Push the sheet value to the CRM. */
  | { kind: "toCrm"; value: Canonical; overwritesCrmEdit: boolean }
  /** A resolution chose a third value for both sides. */
  | { kind: "both"; value: Canonical }
  /** One side changed but this mode does not move it; the base stays so the change moves later. */
  | { kind: "held" }
  | { kind: "conflict" };

const SAME: FieldDecision = { kind: "same" };
const HELD: FieldDecision = { kind: "held" };
const CONFLICT: FieldDecision = { kind: "conflict" };

function toSheet(f: FieldInput, overwritesSheetEdit: boolean): FieldDecision {
  return f.mode !== "push" ? { kind: "toSheet", value: f.crm, overwritesSheetEdit } : HELD;
}

function toCrm(f: FieldInput, overwritesCrmEdit: boolean): FieldDecision {
  return f.mode !== "pull" && f.sheet !== undefined ? { kind: "toCrm", value: f.sheet, overwritesCrmEdit } : HELD;
}

export function decideField(f: FieldInput): FieldDecision {
  if (f.sheet === undefined) {
    // An empty cell is not an edit: the sheet shows the CRM value again.
    return f.crm === null ? SAME : toSheet(f, false);
  }
  if (sameValue(f.sheet, f.crm)) return SAME;
  const hasBase = f.base !== undefined;
  if (hasBase && sameValue(f.sheet, f.base)) return toSheet(f, false);
  if (hasBase && sameValue(f.crm, f.base)) return toCrm(f, false);

  if (f.resolution) {
    if (f.resolution.choice === "sheet") return toCrm(f, true);
    if (f.resolution.choice === "crm") return toSheet(f, true);
    if (f.resolution.value !== undefined) return { kind: "both", value: f.resolution.value };
  }
  if (f.mode === "pull") return toSheet(f, true);
  if (f.mode === "push") return toCrm(f, true);
  switch (f.strategy) {
    case "crm_wins":
      return toSheet(f, true);
    case "excel_wins":
      return toCrm(f, true);
    case "newest_wins":
      return f.sheetIsNewer ? toCrm(f, true) : toSheet(f, true);
    case "field_merge":
      return CONFLICT;
  }
}

/** The sheet wins newest_wins only when its edit time is known and strictly later than the CRM's updatedAt. */
export function isSheetNewer(sheetEditedAt: string | null, crmUpdatedAt: string | null): boolean {
  if (!sheetEditedAt) return false;
  const sheet = Date.parse(sheetEditedAt);
  if (Number.isNaN(sheet)) return false;
  if (!crmUpdatedAt) return true;
  const crm = Date.parse(crmUpdatedAt);
  return Number.isNaN(crm) || sheet > crm;
}
