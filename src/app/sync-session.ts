/**
 * "Build the ports from the workbook's settings and the stored key, then run": shared by the task pane
 * and the ribbon's Sync now, so both behave the same way. No React, no Office: everything is injected.
 */
import type { SheetPort } from "../sync/ports";
import type { WorkbookSettings } from "../sync/settings";
import type { CreateCrmClient, CrmClient } from "./crm-client";
import type { SyncEngine, SyncHooks, SyncMode, SyncRunReport } from "./engine";
import { toErrorInfo } from "./error-text";
import type { MachineIdentity } from "./machine-identity";
import type { SecretStore } from "./secret-store";
import type { ErrorInfo } from "../sync/errors";

export interface SessionDeps {
  sheet: SheetPort;
  engine: Pick<SyncEngine, "runSync" | "loadSettings">;
  secrets: SecretStore;
  createClient: CreateCrmClient;
  machine: MachineIdentity;
}

export type Readiness =
  | { status: "not_configured"; settings: WorkbookSettings }
  | { status: "key_missing"; settings: WorkbookSettings; baseUrl: string }
  | { status: "ready"; settings: WorkbookSettings; baseUrl: string; apiKey: string };

/** What the workbook says, and whether this browser still holds the key for its workspace. */
export async function checkReadiness(deps: Pick<SessionDeps, "sheet" | "engine" | "secrets">): Promise<Readiness> {
  const settings = await deps.engine.loadSettings(deps.sheet);
  if (!settings.baseUrl) return { status: "not_configured", settings };
  const apiKey = await deps.secrets.getApiKey(settings.baseUrl);
  if (!apiKey) return { status: "key_missing", settings, baseUrl: settings.baseUrl };
  return { status: "ready", settings, baseUrl: settings.baseUrl, apiKey };
}

export type SavedSyncOutcome =
  | { status: "ran"; report: SyncRunReport }
  | { status: "not_configured"; message: string }
  | { status: "key_missing"; message: string }
  | { status: "failed"; error: ErrorInfo };

/** Runs the workbook's saved settings end to end; never throws, so callers can always report and finish. */
export async function runSavedSync(
  deps: SessionDeps,
  options: {
    mode?: SyncMode;
    dryRun?: boolean;
    confirmMassChanges?: boolean;
    fullCompare?: boolean;
    hooks?: SyncHooks;
  } = {},
): Promise<SavedSyncOutcome> {
  try {
    const readiness = await checkReadiness(deps);
    if (readiness.status === "not_configured" || !readiness.settings.objects.some((o) => o.enabled)) {
      return {
        status: "not_configured",
        message: "This workbook is not set up for sync yet. Open Twenty Sync to connect and choose objects.",
      };
    }
    if (readiness.status === "key_missing") {
      return {
        status: "key_missing",
        message: `No API key is stored on this computer for ${readiness.baseUrl}. Open Twenty Sync and enter it again.`,
      };
    }
    const crm: CrmClient = deps.createClient({ baseUrl: readiness.baseUrl, apiKey: readiness.apiKey });
    const report = await deps.engine.runSync(
      {
        mode: options.mode ?? "sync",
        dryRun: options.dryRun ?? false,
        settings: readiness.settings,
        confirmMassChanges: options.confirmMassChanges ?? false,
        fullCompare: options.fullCompare ?? false,
      },
      { sheet: deps.sheet, crm },
      { clockId: await deps.machine.clockId(), ...options.hooks },
    );
    return { status: "ran", report };
  } catch (error) {
    return { status: "failed", error: toErrorInfo(error) };
  }
}
