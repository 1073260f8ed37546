/** What the ribbon's Sync now tells the user when it finishes, as plain data for the notification page. */
import { describeRun } from "./run-summary";
import type { SavedSyncOutcome } from "./sync-session";

export interface NotificationContent {
  kind: "success" | "warning" | "error";
  title: string;
  message: string;
}

export function notificationFor(outcome: SavedSyncOutcome): NotificationContent {
  switch (outcome.status) {
    case "ran": {
      const { report } = outcome;
      if (report.objects.length > 0 && report.objects.every((o) => o.error))
        return { kind: "error", title: "Sync failed", message: describeRun(report) };
      const needsAttention =
        !report.ok || report.objects.some((o) => o.conflicts.length > 0 || o.rowErrors.length > 0 || o.blocked);
      return {
        kind: needsAttention ? "warning" : "success",
        title: needsAttention ? "Sync needs attention" : "Sync complete",
        message: describeRun(report),
      };
    }
    case "not_configured":
      return { kind: "warning", title: "Not set up yet", message: outcome.message };
    case "key_missing":
      return { kind: "warning", title: "API key needed", message: outcome.message };
    case "failed":
      return { kind: "error", title: "Sync failed", message: outcome.error.message };
  }
}

const KINDS = ["success", "warning", "error"] as const;

export function notificationQuery(content: NotificationContent): string {
  return new URLSearchParams({ kind: content.kind, title: content.title, message: content.message }).toString();
}

/** Reads the notification page's query; anything unexpected falls back to neutral text (never HTML). */
export function parseNotificationQuery(search: string): NotificationContent {
  const params = new URLSearchParams(search);
  const kind = KINDS.find((k) => k === params.get("kind")) ?? "warning";
  return {
    kind,
    title: params.get("title")?.slice(0, 200) || "Twenty Sync",
    message: params.get("message")?.slice(0, 2000) ?? "",
  };
}
