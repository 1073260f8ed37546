/**
 * What a run tells the user: the exit code, the JSON report for machines (`--json`) and the summary
 * for people. Pure functions of the engine's SyncRunReport.
 */
import { describeCrmRead, type ObjectSyncReport, type SyncRunReport } from "../sync";
import { describeCellProblem, type ErrorCode } from "../sync/errors";
import { EXIT_CODES, type ExitCode } from "./cli-error";

/** Failures that mean "Twenty is unreachable or refused us", not "some rows were bad". */
const CONNECTION_CODES: ReadonlySet<ErrorCode> = new Set(["AUTH_ERROR", "NETWORK_ERROR"]);

/** 3 when every failure was Twenty being unreachable or refusing the key, 1 for any other failure, else 0. */
export function exitCodeFor(report: SyncRunReport): ExitCode {
  const failureCodes = report.objects.flatMap((o) => [
    ...(o.error ? [o.error.code] : []),
    ...(o.blocked ? [null] : []),
    ...o.rowErrors.map((e) => e.error?.code ?? null),
  ]);
  if (failureCodes.length > 0 && failureCodes.every((code) => code !== null && CONNECTION_CODES.has(code)))
    return EXIT_CODES.connection;
  return failureCodes.length > 0 || !report.ok ? EXIT_CODES.partialFailure : EXIT_CODES.ok;
}

export interface JsonRowError {
  sheet: string;
  row: number;
  column: string | null;
  reason: string;
  id: string | null;
  code: ErrorCode | null;
}

/** A field changed on both sides that the strategy settled: the side kept, the value replaced, and why. */
export interface JsonAutoResolved {
  id: string;
  row: number;
  column: string;
  kept: "sheet" | "crm";
  base: unknown;
  sheet: unknown;
  crm: unknown;
  reason: string;
  /** No last-synced value to compare with (first sync or lost state): the sides differed, which one changed is unknown. */
  withoutBase: boolean;
}

export interface JsonObjectReport {
  object: string;
  sheet: string;
  summary: ObjectSyncReport["plan"]["summary"];
  applied: ObjectSyncReport["applied"];
  conflicts: {
    id: string;
    row: number;
    column: string;
    base: unknown;
    sheet: unknown;
    crm: unknown;
    crmUpdatedAt: string | null;
  }[];
  /** Dry run: what the run would settle; otherwise those whose winning value landed. */
  autoResolved: JsonAutoResolved[];
  rowErrors: JsonRowError[];
  warnings: string[];
  blocked: string | null;
  error: { code: ErrorCode; message: string } | null;
  /** How Twenty was read: every record (and why) or the changes since the last sync; null if it was not read. */
  crmRead: ObjectSyncReport["crmRead"];
}

export interface JsonRunReport {
  ok: boolean;
  exitCode: ExitCode;
  mode: SyncRunReport["mode"];
  dryRun: boolean;
  /** Stopped by Ctrl+C / SIGTERM; what was done so far is saved. */
  cancelled: boolean;
  file: string;
  startedAt: string;
  finishedAt: string;
  objects: JsonObjectReport[];
}

function objectToJson(o: ObjectSyncReport): JsonObjectReport {
  return {
    object: o.object,
    sheet: o.sheetName,
    summary: o.plan.summary,
    applied: o.applied,
    conflicts: o.conflicts.map((c) => ({
      id: c.id,
      row: c.rowNumber,
      column: c.column,
      base: c.base,
      sheet: c.sheet,
      crm: c.crm,
      crmUpdatedAt: c.crmUpdatedAt,
    })),
    autoResolved: o.autoResolved.map((c) => ({
      id: c.id,
      row: c.rowNumber,
      column: c.column,
      kept: c.kept,
      base: c.base,
      sheet: c.sheet,
      crm: c.crm,
      reason: c.reason,
      withoutBase: c.withoutBase === true,
    })),
    rowErrors: o.rowErrors.map((e) => ({
      sheet: o.sheetName,
      row: e.row,
      column: e.column ?? null,
      reason: e.reason,
      id: e.id ?? null,
      code: e.error?.code ?? null,
    })),
    warnings: o.warnings,
    blocked: o.blocked?.reason ?? null,
    error: o.error ? { code: o.error.code, message: o.error.message } : null,
    crmRead: o.crmRead,
  };
}

export function toJsonReport(report: SyncRunReport, file: string): JsonRunReport {
  const exitCode = exitCodeFor(report);
  return {
    ok: exitCode === EXIT_CODES.ok,
    exitCode,
    mode: report.mode,
    dryRun: report.dryRun,
    cancelled: report.cancelled,
    file,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    objects: report.objects.map(objectToJson),
  };
}

/** The JSON printed when a run could not start or stopped on a fatal error. */
export function failureJson(
  exitCode: ExitCode,
  message: string,
  file: string | null,
): { ok: false; exitCode: ExitCode; file: string | null; error: { message: string } } {
  return { ok: false, exitCode, file, error: { message } };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function show(value: unknown): string {
  return value === null || value === undefined || value === "" ? "(empty)" : JSON.stringify(value);
}

/** Runs of consecutive rows failing for the same reason in the same column, so one outage is one line. */
export function groupRowErrors(errors: JsonRowError[]): JsonRowError[][] {
  const groups: JsonRowError[][] = [];
  for (const e of errors) {
    const group = groups[groups.length - 1];
    const prev = group?.[group.length - 1];
    if (prev && prev.row + 1 === e.row && prev.reason === e.reason && prev.column === e.column) group.push(e);
    else groups.push([e]);
  }
  return groups;
}

const sideName = (side: "sheet" | "crm") => (side === "sheet" ? "workbook" : "Twenty");

/** 'settled Companies row 3, column "name": kept Twenty "B", replaced workbook "A" (was "O"), because …' */
function settledLine(sheetName: string, c: JsonAutoResolved, dryRun: boolean): string {
  const replaced = c.kept === "sheet" ? "crm" : "sheet";
  const [settle, keep, replace] = dryRun ? ["would settle", "keep", "replace"] : ["settled", "kept", "replaced"];
  const was = c.withoutBase ? "no earlier sync to compare with" : `was ${show(c.base)}`;
  return (
    `${settle} ${sheetName} row ${c.row}, column "${c.column}": ${keep} ${sideName(c.kept)} ${show(c[c.kept])}, ` +
    `${replace} ${sideName(replaced)} ${show(c[replaced])} (${was}), because ${c.reason}`
  );
}

function objectLines(o: JsonObjectReport, dryRun: boolean, verbose: boolean): string[] {
  const s = o.summary;
  const a = o.applied;
  const head = dryRun
    ? `${o.sheet} (${o.object}): would change workbook +${s.sheetAppends} ~${s.sheetUpdates} -${s.sheetDeletes}, Twenty +${s.crmCreates} ~${s.crmUpdates} -${s.crmDeletes}`
    : `${o.sheet} (${o.object}): workbook +${a.sheetAppended} ~${a.sheetUpdated} -${a.sheetDeleted}, Twenty +${a.crmCreated} ~${a.crmUpdated} -${a.crmDeleted}`;
  const extras: string[] = [];
  if (o.autoResolved.length)
    extras.push(
      `${plural(o.autoResolved.length, "both-sides change")} ${dryRun ? "to be settled" : "settled"} by the strategy`,
    );
  if (o.conflicts.length) extras.push(plural(o.conflicts.length, "conflict"));
  if (o.rowErrors.length) extras.push(plural(o.rowErrors.length, "row error"));
  const proposed = s.crmDeletesProposed + s.sheetDeletesProposed;
  if (proposed) extras.push(`${plural(proposed, "deletion")} proposed, not applied`);
  const lines = [`  ${head}${extras.length ? `; ${extras.join(", ")}` : ""}`];
  if (o.crmRead) lines.push(`    ${describeCrmRead(o.crmRead)}`);
  if (o.error) lines.push(`    FAILED (${o.error.code}): ${o.error.message}`);
  if (o.blocked) lines.push(`    STOPPED: ${o.blocked} Re-run with --yes to confirm.`);
  for (const c of o.conflicts) {
    lines.push(
      `    conflict ${o.sheet} row ${c.row}, column "${c.column}": workbook ${show(c.sheet)}, Twenty ${show(c.crm)} (was ${show(c.base)})`,
    );
  }
  if (verbose) for (const c of o.autoResolved) lines.push(`    ${settledLine(o.sheet, c, dryRun)}`);
  else if (o.autoResolved.length)
    lines.push(`    … ${plural(o.autoResolved.length, "settled cell")} not listed (use -v)`);
  for (const group of groupRowErrors(o.rowErrors)) {
    const first = group[0];
    const last = group[group.length - 1];
    lines.push(
      group.length === 1
        ? `    error ${o.sheet} ${describeCellProblem({ row: first.row, column: first.column ?? undefined, reason: first.reason })}`
        : `    error ${o.sheet} Rows ${first.row}–${last.row} (${group.length} rows)${first.column ? `, column "${first.column}"` : ""}: ${first.reason}`,
    );
  }
  const warnings = verbose ? o.warnings : o.warnings.slice(0, 3);
  for (const w of warnings) lines.push(`    warning: ${w}`);
  if (warnings.length < o.warnings.length)
    lines.push(`    … ${plural(o.warnings.length - warnings.length, "more warning")} (use -v)`);
  return lines;
}

export function renderSummary(report: JsonRunReport, verbose: boolean): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const title = `${report.dryRun ? `preview of ${report.mode}` : report.mode} ${report.file}: ${plural(report.objects.length, "object")} in ${(ms / 1000).toFixed(1)}s`;
  const lines = [title, ...report.objects.flatMap((o) => objectLines(o, report.dryRun, verbose))];
  const outcome = report.cancelled
    ? "Stopped on request; what was done so far is saved and the next run picks up the rest."
    : report.exitCode === EXIT_CODES.ok
      ? report.dryRun
        ? "Nothing was changed (preview)."
        : "Done."
      : report.exitCode === EXIT_CODES.connection
        ? "Stopped: Twenty could not be reached or refused the API key."
        : "Finished with failures (listed above); everything else was saved.";
  lines.push(outcome);
  return `${lines.join("\n")}\n`;
}
