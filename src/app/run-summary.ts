import type { ErrorInfo } from "../sync/errors";
import type { ObjectSyncReport, SyncRunReport } from "./engine";
import { errorAdvice } from "./error-text";

export interface ObjectTotals {
  object: string;
  sheetName: string;
  crm: { created: number; updated: number; deleted: number };
  sheet: { added: number; updated: number; deleted: number };
  conflicts: number;
  /** Fields changed on both sides that the strategy settled (each keeps the replaced value in its cell's note). */
  autoResolved: number;
  errors: number;
  blocked: string | null;
  failure: ErrorInfo | null;
}

export function objectTotals(report: ObjectSyncReport): ObjectTotals {
  const a = report.applied;
  return {
    object: report.object,
    sheetName: report.sheetName,
    crm: { created: a.crmCreated, updated: a.crmUpdated, deleted: a.crmDeleted },
    sheet: { added: a.sheetAppended, updated: a.sheetUpdated, deleted: a.sheetDeleted },
    conflicts: report.conflicts.length,
    autoResolved: report.autoResolved.length,
    errors: report.rowErrors.length,
    blocked: report.blocked?.reason ?? null,
    failure: report.error ?? null,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line per run, for the ribbon notification and the pane's status line. */
export function describeRun(report: SyncRunReport): string {
  const totals = report.objects.map(objectTotals);
  const sum = (pick: (t: ObjectTotals) => number) => totals.reduce((n, t) => n + pick(t), 0);
  const toCrm = sum((t) => t.crm.created + t.crm.updated + t.crm.deleted);
  const toSheet = sum((t) => t.sheet.added + t.sheet.updated + t.sheet.deleted);
  const parts = [`${plural(toSheet, "change")} to the workbook`, `${plural(toCrm, "change")} to Twenty`];
  const conflicts = sum((t) => t.conflicts);
  const errors = sum((t) => t.errors);
  const autoResolved = sum((t) => t.autoResolved);
  if (autoResolved) parts.push(`${plural(autoResolved, "both-sides change")} settled by the strategy`);
  if (conflicts) parts.push(plural(conflicts, "conflict"));
  if (errors) parts.push(plural(errors, "row error"));
  const blocked = totals.filter((t) => t.blocked).map((t) => t.object);
  const failed = totals.flatMap((t) => (t.failure ? [`${t.object}: ${describeFailure(t.failure)}`] : []));
  let line = `${report.dryRun ? "Preview" : "Sync"} ${report.ok ? "finished" : "finished with problems"}: ${parts.join(", ")}.`;
  if (blocked.length) line += ` Waiting for confirmation (mass change): ${blocked.join(", ")}.`;
  if (failed.length) line += ` Failed: ${failed.join("; ")}.`;
  return line;
}

/** "3 cells changed on both sides were resolved by newest_wins": one object's settled fields, counted. */
export function describeAutoResolved(count: number, strategy: string, dryRun = false): string {
  const cells = `${plural(count, "cell")} changed on both sides`;
  const verb = dryRun ? "would be resolved" : count === 1 ? "was resolved" : "were resolved";
  return `${cells} ${verb} by ${strategy}`;
}

/** "The API key was refused (Token invalid)": the class of failure in plain words, then Twenty's own. */
export function describeFailure(error: ErrorInfo): string {
  const detail = error.message.trim().replace(/\.+$/, "");
  return detail ? `${errorAdvice(error.code).title} (${detail})` : errorAdvice(error.code).title;
}
