import type { ErrorInfo } from "../../sync/errors";
import type { SyncMode, SyncProgress, SyncRunReport } from "../../app/engine";

export interface RunRequest {
  mode: SyncMode;
  dryRun: boolean;
  confirmMassChanges: boolean;
  /** List every Twenty record instead of only those changed since the last sync. */
  fullCompare: boolean;
}

export interface RunState {
  status: "idle" | "running" | "finished" | "failed" | "cancelled";
  request: RunRequest | null;
  progress: SyncProgress | null;
  report: SyncRunReport | null;
  error: ErrorInfo | null;
  /** Set when the last (real) run stopped at the mass-change guard and needs the user's confirmation. */
  massChange: { request: RunRequest; reasons: { object: string; reason: string }[] } | null;
}

export type RunAction =
  | { type: "started"; request: RunRequest }
  | { type: "progressed"; progress: SyncProgress }
  | { type: "finished"; report: SyncRunReport }
  | { type: "failed"; error: ErrorInfo }
  /** A cancelled run may still report what landed before it stopped. */
  | { type: "cancelled"; report?: SyncRunReport }
  | { type: "massChangeDismissed" }
  | { type: "previewDiscarded" };

export const initialRunState: RunState = {
  status: "idle",
  request: null,
  progress: null,
  report: null,
  error: null,
  massChange: null,
};

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case "started":
      return { ...state, status: "running", request: action.request, progress: null, error: null, massChange: null };
    case "progressed":
      return state.status === "running" ? { ...state, progress: action.progress } : state;
    case "finished": {
      const blocked = action.report.objects.flatMap((o) =>
        o.blocked ? [{ object: o.object, reason: o.blocked.reason }] : [],
      );
      const massChange =
        blocked.length > 0 && state.request && !action.report.dryRun
          ? { request: { ...state.request, confirmMassChanges: true }, reasons: blocked }
          : null;
      return { ...state, status: "finished", report: action.report, massChange };
    }
    case "failed":
      return { ...state, status: "failed", error: action.error };
    case "cancelled":
      return { ...state, status: "cancelled", report: action.report ?? null, massChange: null };
    case "massChangeDismissed":
      return { ...state, massChange: null };
    case "previewDiscarded":
      return state.status === "running" ? state : initialRunState;
  }
}

/** Determinate progress for the bar: a 0..1 fraction and a caption with record counts. */
export function progressView(progress: SyncProgress | null): { value: number | undefined; caption: string } {
  if (!progress) return { value: undefined, caption: "Starting…" };
  const value = progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  const counts =
    progress.total > 0
      ? ` (${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")})`
      : "";
  return { value, caption: `${progress.object}: ${progress.message}${counts}` };
}
