/** The sync engine's public API, used by the task pane, the ribbon command and the CLI. */
export { runSync } from "./run-sync";
export type { SyncRequest, SyncProgress, SyncHooks, SyncRunReport, ObjectSyncReport } from "./run-sync";
export type { AutoResolved, Conflict, RowError, ObjectPlan, PlanSummary, SyncMode } from "./plan/types";
export { planObjectSync, planHasChanges } from "./plan/plan-object-sync";
export type { PlanInput } from "./plan/plan-object-sync";
export { recordResolutions, loadResolutions } from "./state/resolutions";
export type { Resolution } from "./state/resolutions";
export { loadSettings, saveSettings } from "./settings-store";
export { defaultColumns, columnSpecs } from "./fields/columns";
export { describeRunReport, describeCrmRead } from "./describe-report";
export { applyTransforms } from "./transforms";
export * from "./errors";
export * from "./ports";
export * from "./metadata";
export * from "./settings";
