/** Orchestrates a sync run: per object read → plan → (unless dry run or blocked) apply, with progress and cancel. */
import type { ErrorInfo } from "./errors";
import type { ObjectMetadata } from "./metadata";
import type { CrmPort, SheetPort } from "./ports";
import { workbookSettingsSchema, type ObjectMapping, type Strategy, type WorkbookSettings } from "./settings";
import { resolveColumns } from "./fields/columns";
import { emptyObjectState, loadObjectState } from "./state/object-state";
import { loadResolutions, resolutionKey, saveResolutions, type Resolution } from "./state/resolutions";
import { emptyPlan, planObjectSync } from "./plan/plan-object-sync";
import type { AutoResolved, Conflict, ObjectPlan, RowError, SyncMode } from "./plan/types";
import { applyObjectPlan, emptyCounts, isAbortError, toErrorInfo, type AppliedCounts } from "./apply/apply-object-plan";
import { readCrm, type CrmReadSummary } from "./read-crm";

export interface SyncRequest {
  mode: SyncMode;
  dryRun?: boolean;
  settings: WorkbookSettings;
  /** namePlural of the objects to sync; all enabled mappings when omitted. */
  objects?: string[];
  /** Overrides every mapping's strategy for this run. */
  strategy?: Strategy;
  /** Lets a run through the mass-change guard. */
  confirmMassChanges?: boolean;
  /** List every record instead of only those changed since the last sync (finds records deleted for good). */
  fullCompare?: boolean;
}

export interface SyncProgress {
  object: string;
  phase: "reading" | "planning" | "writing-crm" | "writing-sheet" | "done";
  done: number;
  total: number;
  message: string;
}

export interface SyncHooks {
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  now?: () => Date;
  /** Source of client-chosen ids for new records; crypto.randomUUID by default. */
  newId?: () => string;
  /**
   * Names the machine whose clock `now` reads (stable across runs). With it, delta reads may move past the newest change
   * Twenty reported by the time elapsed on this machine since an earlier sync here; without it they stay behind it.
   */
  clockId?: string;
}

export interface ObjectSyncReport {
  object: string;
  sheetName: string;
  plan: ObjectPlan;
  applied: AppliedCounts;
  conflicts: Conflict[];
  /** How Twenty was read (null when the object failed before reading). */
  crmRead: CrmReadSummary | null;
  /**
   * Fields changed on both sides that the strategy settled in this run, with the replaced value (also noted on the
   * cell). Dry run: what the run would settle; blocked: none; a stopped apply: those whose winning write landed.
   */
  autoResolved: AutoResolved[];
  rowErrors: RowError[];
  warnings: string[];
  blocked?: { reason: string };
  error?: ErrorInfo;
  cancelled?: boolean;
}

export interface SyncRunReport {
  mode: SyncMode;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  /** True when every object ran without error, block or row error (conflicts alone do not make a run fail). */
  ok: boolean;
  cancelled: boolean;
  objects: ObjectSyncReport[];
  /** A failure of the run as a whole (invalid settings); per-object failures are on the objects. */
  error?: ErrorInfo;
}

const CANCELLED: ErrorInfo = { code: "OPERATION_FAILED", message: "Sync cancelled before this object started.", isRetryable: true };

export async function runSync(request: SyncRequest, ports: { sheet: SheetPort; crm: CrmPort }, hooks: SyncHooks = {}): Promise<SyncRunReport> {
  const now = hooks.now ?? (() => new Date());
  const newId = hooks.newId ?? (() => globalThis.crypto.randomUUID());
  const startedAt = now().toISOString();
  const validSettings = workbookSettingsSchema.safeParse(request.settings);
  if (!validSettings.success) {
    const issue = validSettings.error.issues[0];
    const error: ErrorInfo = { code: "VALIDATION_ERROR", message: `Sync settings are invalid at ${issue?.path.join(".") || "root"}: ${issue?.message}`, isRetryable: false };
    return { ...finish(request, startedAt, now, []), ok: false, error };
  }
  request = { ...request, settings: validSettings.data };
  const mappings = request.settings.objects.filter((m) => m.enabled && (!request.objects || request.objects.includes(m.object)));
  const reports: ObjectSyncReport[] = [];

  const failAll = (error: ErrorInfo, cancelled: boolean) => {
    for (const m of mappings) reports.push({ ...emptyReport(m, request), error, cancelled });
  };

  let metas: ObjectMetadata[] = [];
  try {
    metas = await ports.crm.listObjects(hooks.signal);
  } catch (e) {
    const cancelled = hooks.signal?.aborted === true || isAbortError(e);
    failAll(cancelled ? CANCELLED : toErrorInfo(e), cancelled);
    return finish(request, startedAt, now, reports);
  }
  let loaded: Awaited<ReturnType<typeof loadResolutions>>;
  try {
    loaded = await loadResolutions(ports.sheet);
  } catch (e) {
    // The state sheet itself is unreadable (e.g. its layout was edited): stop before touching either side.
    failAll(toErrorInfo(e), false);
    return finish(request, startedAt, now, reports);
  }
  let remainingResolutions = loaded.items;

  for (const mapping of mappings) {
    if (hooks.signal?.aborted) {
      reports.push({ ...emptyReport(mapping, request), error: CANCELLED, cancelled: true });
      continue;
    }
    const report = await syncObject(request, ports, hooks, mapping, metas, remainingResolutions, now, newId);
    if (loaded.warning) report.warnings.push(loaded.warning);
    reports.push(report);
    if (!request.dryRun && !report.error && !report.blocked && report.plan.usedResolutions.length > 0) {
      const used = new Set(report.plan.usedResolutions.map(resolutionKey));
      remainingResolutions = remainingResolutions.filter((r) => !used.has(resolutionKey(r)));
      await saveResolutions(ports.sheet, remainingResolutions);
    }
  }
  return finish(request, startedAt, now, reports);
}

function emptyReport(mapping: ObjectMapping, request: SyncRequest): ObjectSyncReport {
  return {
    object: mapping.object,
    sheetName: mapping.sheetName,
    plan: emptyPlan(mapping, request.mode, request.strategy),
    applied: emptyCounts(),
    conflicts: [],
    crmRead: null,
    autoResolved: [],
    rowErrors: [],
    warnings: [],
  };
}

async function syncObject(
  request: SyncRequest,
  ports: { sheet: SheetPort; crm: CrmPort },
  hooks: SyncHooks,
  mapping: ObjectMapping,
  metas: ObjectMetadata[],
  resolutions: Resolution[],
  now: () => Date,
  newId: () => string,
): Promise<ObjectSyncReport> {
  const report = emptyReport(mapping, request);
  const progress = (phase: SyncProgress["phase"], done: number, total: number, message: string) =>
    hooks.onProgress?.({ object: mapping.object, phase, done, total, message });
  const meta = metas.find((m) => m.namePlural === mapping.object);
  if (!meta) {
    report.error = { code: "NOT_FOUND", message: `Twenty has no object "${mapping.object}" (it may have been renamed or deactivated).`, isRetryable: false };
    return report;
  }
  try {
    progress("reading", 0, 0, `Reading ${mapping.sheetName} and ${meta.labelPlural}`);
    const table = await ports.sheet.readTable(mapping.sheetName);
    const { state, warning } = await loadObjectState(ports.sheet, mapping.object);
    if (warning) report.warnings.push(warning);
    // One time for the plan and the apply, so every record synced in this run carries the same syncedAt.
    const runAt = now();
    const read = await readCrm({
      crm: ports.crm,
      mode: request.mode,
      meta,
      mapping,
      table,
      state,
      resolutions,
      fullCompare: request.fullCompare ?? false,
      now: runAt,
      clockId: hooks.clockId,
      signal: hooks.signal,
      onProgress: (loaded, total) => progress("reading", loaded, total ?? loaded, `Loaded ${loaded} ${meta.labelPlural}`),
    });
    report.crmRead = read.summary;

    progress("planning", 0, 0, `Comparing ${meta.labelPlural}`);
    const plan = planObjectSync({
      mode: request.mode,
      meta,
      mapping,
      strategy: request.strategy,
      table,
      crmRecords: read.records,
      delta: read.delta,
      state,
      resolutions,
      now: runAt,
      newId,
      massChangeGuardShare: request.settings.massChangeGuardShare,
      confirmMassChanges: request.confirmMassChanges,
    });
    report.plan = plan;
    report.conflicts = plan.conflicts;
    report.rowErrors = [...plan.skipped];
    report.warnings.push(...plan.warnings);
    if (plan.blocked) report.blocked = plan.blocked;
    else if (request.dryRun) report.autoResolved = plan.autoResolved;
    if (request.dryRun || plan.blocked) {
      progress("done", 1, 1, plan.blocked ? plan.blocked.reason : "Preview ready");
      return report;
    }

    const { columns } = resolveColumns(meta, mapping.columns);
    const headers = new Set(table?.headers ?? []);
    const result = await applyObjectPlan({
      sheet: ports.sheet,
      crm: ports.crm,
      plan,
      columns,
      previous: state ?? emptyObjectState(mapping.object),
      cursor: read.cursor,
      sheetNeedsColumns: columns.some((c) => !headers.has(c.header)),
      now: runAt,
      signal: hooks.signal,
      progress: (phase, done, total, message) => progress(phase, done, total, message),
    });
    report.applied = result.applied;
    report.autoResolved = result.autoResolved;
    report.rowErrors.push(...result.rowErrors);
    report.warnings.push(...result.warnings);
    if (result.error) report.error = result.error;
    if (result.cancelled) report.cancelled = true;
    progress("done", 1, 1, result.error ? result.error.message : "Done");
  } catch (e) {
    report.cancelled = hooks.signal?.aborted === true || isAbortError(e);
    report.error = report.cancelled ? CANCELLED : toErrorInfo(e);
  }
  return report;
}

function finish(request: SyncRequest, startedAt: string, now: () => Date, objects: ObjectSyncReport[]): SyncRunReport {
  return {
    mode: request.mode,
    dryRun: request.dryRun ?? false,
    startedAt,
    finishedAt: now().toISOString(),
    ok: objects.every((o) => !o.error && !o.blocked && o.rowErrors.length === 0),
    cancelled: objects.some((o) => o.cancelled),
    objects,
  };
}
