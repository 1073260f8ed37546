/** A plain-text summary of a run, for the CLI and notifications. */
import { describeCellProblem } from "./errors";
import type { CrmReadSummary } from "./read-crm";
import type { SyncRunReport } from "./run-sync";

/** Settled fields listed one by one; the rest are counted (each keeps its replaced value in its cell's note). */
const MAX_LISTED = 20;

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** How much of Twenty a run read, in words: all records (and why) or only the changes since the last sync. */
export function describeCrmRead(read: CrmReadSummary): string {
  if (read.kind === "full") return `read all ${count(read.listed, "record")} from Twenty (${read.reason})`;
  if (read.listed === 0 && read.fetchedById === 0) return "nothing changed in Twenty since the last sync";
  const changed = `read ${count(read.listed, "record")} changed in Twenty since the last sync`;
  return read.fetchedById > 0 ? `${changed}, and ${count(read.fetchedById, "record")} of rows edited in the workbook` : changed;
}

export function describeRunReport(report: SyncRunReport): string {
  const lines = [`${report.dryRun ? "Preview of " : ""}${report.mode} ${report.ok ? "finished" : report.cancelled ? "cancelled" : "finished with problems"}`];
  if (report.error) lines.push(`error (${report.error.code}): ${report.error.message}`);
  for (const o of report.objects) {
    const s = o.plan.summary;
    const a = o.applied;
    const counts = report.dryRun
      ? `would create ${s.crmCreates}, update ${s.crmUpdates}, delete ${s.crmDeletes} in Twenty; append ${s.sheetAppends}, update ${s.sheetUpdates}, delete ${s.sheetDeletes} rows`
      : `created ${a.crmCreated}, updated ${a.crmUpdated}, deleted ${a.crmDeleted} in Twenty; appended ${a.sheetAppended}, updated ${a.sheetUpdated}, deleted ${a.sheetDeleted} rows`;
    lines.push(`${o.object} (${o.sheetName}): ${counts}`);
    if (o.crmRead) lines.push(`  ${describeCrmRead(o.crmRead)}`);
    if (s.crmDeletesProposed + s.sheetDeletesProposed > 0) {
      lines.push(`  proposed deletions not applied: ${s.crmDeletesProposed} in Twenty, ${s.sheetDeletesProposed} in the sheet`);
    }
    if (o.conflicts.length > 0) lines.push(`  ${o.conflicts.length} conflict(s) to resolve`);
    if (o.autoResolved.length > 0) {
      const settled = report.dryRun ? "would be settled" : "settled";
      lines.push(`  ${o.autoResolved.length} field(s) changed on both sides ${settled} by the ${o.plan.strategy} strategy; the replaced values are in the cells' notes`);
    }
    for (const c of o.autoResolved.slice(0, MAX_LISTED)) {
      const sheetKept = c.kept === "sheet";
      lines.push(`    row ${c.rowNumber}, "${c.column}": kept the ${sheetKept ? "sheet" : "Twenty"} value (${c.reason}), replaced ${JSON.stringify(sheetKept ? c.crm : c.sheet)}`);
    }
    if (o.autoResolved.length > MAX_LISTED) lines.push(`    …and ${o.autoResolved.length - MAX_LISTED} more`);
    for (const e of o.rowErrors) lines.push(`  ${describeCellProblem(e)}`);
    for (const w of o.warnings) lines.push(`  warning: ${w}`);
    if (o.blocked) lines.push(`  blocked: ${o.blocked.reason}`);
    if (o.error) lines.push(`  error (${o.error.code}): ${o.error.message}`);
  }
  return lines.join("\n");
}
