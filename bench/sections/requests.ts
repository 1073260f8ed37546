import { runSync, saveSettings, type SyncRunReport } from "../../src/sync";
import { createMemorySheet } from "../support/memory-sheet";
import { millis, ratio, table, verdict } from "../support/markdown";
import type { BenchOptions, BenchSection } from "../support/options";
import { companiesSettings, countRequests, startStubAndClient, type RequestCounts } from "../support/rig";

const PAGE_CAP = 200;
const BATCH = 60;
const SHEET = "Companies";
/** Ids per read by id (the client's limit, keeping URLs short). */
const IDS_PER_READ = 100;
const HOUR = 60 * 60_000;

interface Row {
  scenario: string;
  counts: RequestCounts;
  /** The fewest requests the API allows for the same outcome. */
  minimum: number;
  minimumNote: string;
  recordsMinimum: number | null;
  ms: number;
  /** Shown for context, not held to the target. */
  reference?: boolean;
}

function assertOk(report: SyncRunReport, what: string): void {
  const object = report.objects[0];
  if (!report.ok || !object) {
    const detail = object?.error?.message ?? object?.blocked?.reason ?? JSON.stringify(object?.rowErrors.slice(0, 3));
    throw new Error(`${what} did not succeed: ${detail}`);
  }
}

async function measure(size: number, log: (m: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const settings = companiesSettings(SHEET);
  const changed = Math.max(1, Math.round(size / 100));
  const reads = Math.ceil(size / PAGE_CAP);

  // Pull N records into an empty sheet.
  const source = await startStubAndClient({ companies: size });
  const pulled = createMemorySheet();
  await saveSettings(pulled, settings);
  try {
    log(`${size}: pull`);
    source.stub.resetRequestLog();
    const started = performance.now();
    assertOk(await runSync({ mode: "pull", settings }, { sheet: pulled, crm: source.crm }), "pull");
    rows.push({ scenario: "pull", counts: countRequests(source.stub.requestLog), minimum: 1 + reads, minimumNote: `1 metadata + ⌈N/${PAGE_CAP}⌉ reads`, recordsMinimum: null, ms: performance.now() - started });
  } finally {
    await source.stub.close();
  }

  // Push the same rows, stripped of ids, into an empty workspace: N creates.
  const target = await startStubAndClient({});
  // Syncs an hour apart: the stand-in's clock and this machine's (as the engine sees it) move ahead together.
  let offsetMs = 0;
  const hooks = { now: () => new Date(Date.now() + offsetMs), clockId: "bench" };
  const laterBy = (ms: number) => {
    target.stub.store.advanceClock(ms);
    offsetMs += ms;
  };
  try {
    const sheet = createMemorySheet();
    await saveSettings(sheet, settings);
    const original = pulled.tables.get(SHEET)!;
    sheet.setTable(SHEET, original.headers, original.rows.map((r) => ({ ...r, id: null, updatedAt: null })));
    log(`${size}: push of ${size} new rows`);
    target.stub.resetRequestLog();
    let started = performance.now();
    assertOk(await runSync({ mode: "push", settings }, { sheet, crm: target.crm }, hooks), "push");
    rows.push({
      scenario: "push (all rows new)",
      counts: countRequests(target.stub.requestLog),
      minimum: 1 + 1 + Math.ceil(size / BATCH),
      minimumNote: `1 metadata + 1 read + ⌈N/${BATCH}⌉ writes`,
      recordsMinimum: size,
      ms: performance.now() - started,
    });

    log(`${size}: first sync after the push (full compare)`);
    target.stub.resetRequestLog();
    started = performance.now();
    assertOk(await runSync({ mode: "sync", settings }, { sheet, crm: target.crm }, hooks), "sync");
    rows.push({ scenario: "first sync after the push: nothing changed", counts: countRequests(target.stub.requestLog), minimum: 1 + reads, minimumNote: `1 metadata + ⌈N/${PAGE_CAP}⌉ reads (a push leaves no read cursor, so a full compare)`, recordsMinimum: 0, ms: performance.now() - started });

    // An hour later, nothing changed. A delta read starts 30 s before the moment the last read began (commit lag), and
    // the bulk push ended within those 30 s: its records are listed once more, then never again.
    const data = sheet.tables.get(SHEET)!;
    const ids = data.rows.map((r) => String(r.id));
    laterBy(HOUR);
    log(`${size}: sync an hour later, nothing changed`);
    target.stub.resetRequestLog();
    started = performance.now();
    const later = await runSync({ mode: "sync", settings }, { sheet, crm: target.crm }, hooks);
    assertOk(later, "later sync");
    const relisted = later.objects[0].crmRead?.listed ?? 0;
    rows.push({
      scenario: "an hour later, nothing changed (reference)",
      counts: countRequests(target.stub.requestLog),
      minimum: 1 + Math.ceil(relisted / PAGE_CAP),
      minimumNote: `1 metadata + ⌈listed/${PAGE_CAP}⌉: ${relisted.toLocaleString("en")} listed: the push ended within the 30 s before the last read began (commit-lag margin), so its records come once more`,
      recordsMinimum: 0,
      ms: performance.now() - started,
      reference: true,
    });

    // Another hour: 1% edited in the sheet and another 1% edited in the CRM, on different records.
    laterBy(HOUR);
    for (let i = 0; i < changed; i++) data.rows[i * 100].name = `${String(data.rows[i * 100].name)} (edited)`;
    for (let i = 0; i < changed; i++) target.stub.store.update("companies", ids[i * 100 + 50], { employees: 424242 + i });
    log(`${size}: delta sync, ${changed} sheet edits + ${changed} CRM edits`);
    target.stub.resetRequestLog();
    started = performance.now();
    const delta = await runSync({ mode: "sync", settings }, { sheet, crm: target.crm }, hooks);
    assertOk(delta, "delta sync");
    const applied = delta.objects[0].applied;
    // Sheet updates also refresh the read-only updatedAt cell of each row pushed, so only the CRM side is exact.
    if (applied.crmUpdated !== changed || applied.sheetUpdated < changed) {
      throw new Error(`delta sync applied ${applied.crmUpdated} CRM and ${applied.sheetUpdated} sheet updates, expected ${changed} and at least ${changed}`);
    }
    const deltaReads = Math.ceil(changed / PAGE_CAP) + Math.ceil(changed / IDS_PER_READ);
    rows.push({
      scenario: "an hour later, 1% + 1% edited",
      counts: countRequests(target.stub.requestLog),
      minimum: 1 + deltaReads + Math.ceil(changed / BATCH),
      minimumNote: `1 metadata + ⌈changed/${PAGE_CAP}⌉ delta reads + ⌈sheet-edited/${IDS_PER_READ}⌉ reads by id + ⌈changed/${BATCH}⌉ writes (full compare: ${1 + reads + Math.ceil(changed / BATCH)})`,
      recordsMinimum: changed,
      ms: performance.now() - started,
    });

    log(`${size}: the same sync with a full compare, for comparison`);
    target.stub.resetRequestLog();
    started = performance.now();
    assertOk(await runSync({ mode: "sync", settings, fullCompare: true }, { sheet, crm: target.crm }, hooks), "full compare");
    rows.push({ scenario: "full compare asked for, nothing changed", counts: countRequests(target.stub.requestLog), minimum: 1 + reads, minimumNote: `1 metadata + ⌈N/${PAGE_CAP}⌉ reads`, recordsMinimum: 0, ms: performance.now() - started });
  } finally {
    await target.stub.close();
  }
  return rows;
}

async function run({ quick, log }: BenchOptions): Promise<string> {
  const sizes = quick ? [2_000, 10_000] : [10_000, 100_000];
  const parts: string[] = [
    "Companies (default columns) through the real engine and the real Twenty client against the stand-in over HTTP",
    `(rate limit off, page cap ${PAGE_CAP}, batch ${BATCH}), in-memory sheet. Requests are counted from the stand-in's request log.`,
    "The minimum is the fewest requests Twenty's REST API allows for the same result; target ratio 1.00.",
    "",
  ];
  for (const size of sizes) {
    const rows = await measure(size, log);
    parts.push(
      `### ${size.toLocaleString("en")} records`,
      "",
      table(
        ["scenario", "requests (meta / read / write)", "minimum", "ratio", "target 1.00", "records sent / minimum", "failed or 429", "time"],
        rows.map((r) => [
          r.scenario,
          `${r.counts.total} (${r.counts.metadata} / ${r.counts.reads} / ${r.counts.writes})`,
          `${r.minimum} — ${r.minimumNote}`,
          ratio(r.counts.total, r.minimum),
          r.reference ? "reference" : verdict(r.counts.total <= r.minimum),
          r.recordsMinimum === null ? "—" : `${r.counts.recordsWritten} / ${r.recordsMinimum}`,
          r.counts.failed + r.counts.rateLimited,
          millis(r.ms),
        ]),
      ),
      "",
    );
  }
  return parts.join("\n");
}

export const requestsSection: BenchSection = { title: "Requests: HTTP calls vs the API minimum", run };
