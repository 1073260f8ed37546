import { runSync, saveSettings } from "../../src/sync";
import { fixedDelayPush } from "../support/fixed-delay-push";
import { createMemorySheet } from "../support/memory-sheet";
import { ratio, seconds, table, verdict } from "../support/markdown";
import type { BenchOptions, BenchSection } from "../support/options";
import { BENCH_API_KEY, companiesSettings, countRequests, startStubAndClient } from "../support/rig";

const SHEET = "Companies";
const BATCH = 60;
/** What simple import scripts do against Twenty's 100 requests/min: one call every 0.7 s. */
const SCRIPT_DELAY_AT_100_PER_MIN_MS = 700;

/** Rows for N new companies, as a pull from a generated workspace lays them out. */
async function companyRows(count: number): Promise<{ headers: string[]; rows: Record<string, string | number | boolean | null>[] }> {
  const { stub, crm } = await startStubAndClient({ companies: count });
  try {
    const sheet = createMemorySheet();
    const settings = companiesSettings(SHEET);
    await saveSettings(sheet, settings);
    const report = await runSync({ mode: "pull", settings }, { sheet, crm });
    if (!report.ok) throw new Error("could not prepare the rows to push");
    const pulled = sheet.tables.get(SHEET)!;
    return { headers: pulled.headers, rows: pulled.rows.map((r) => ({ ...r, id: null, updatedAt: null })) };
  } finally {
    await stub.close();
  }
}

async function run({ quick, log }: BenchOptions): Promise<string> {
  const records = quick ? 2_000 : 10_000;
  // The stand-in's token bucket: `limit` tokens (also the burst), refilled over `windowMs`. The window is scaled
  // down from Twenty's 100 per 60 s so the run takes about a minute; the script's delay is scaled the same way.
  const rate = quick ? { limit: 100, windowMs: 20_000 } : { limit: 100, windowMs: 40_000 };
  const perMinute = (rate.limit * 60_000) / rate.windowMs;
  const scriptDelayMs = Math.round(SCRIPT_DELAY_AT_100_PER_MIN_MS * (100 / perMinute));
  const { headers, rows } = await companyRows(records);

  log(`engine push of ${records} records, client paced at ${perMinute}/min, stand-in limit ${rate.limit} per ${rate.windowMs} ms`);
  const ours = await startStubAndClient({ rateLimit: rate, requestsPerMinute: perMinute });
  let oursRow: (string | number)[];
  let oursRatio: number;
  let oursMs: number;
  try {
    const sheet = createMemorySheet();
    const settings = companiesSettings(SHEET);
    await saveSettings(sheet, settings);
    sheet.setTable(SHEET, headers, rows);
    ours.stub.resetRequestLog();
    const started = performance.now();
    const report = await runSync({ mode: "push", settings }, { sheet, crm: ours.crm });
    const wallMs = performance.now() - started;
    oursMs = wallMs;
    const counts = countRequests(ours.stub.requestLog);
    const object = report.objects[0];
    const failedRecords = object.rowErrors.length + (object.error ? records - object.applied.crmCreated : 0);
    const boundMs = (counts.total / perMinute) * 60_000;
    oursRatio = wallMs / boundMs;
    oursRow = [
      `Twenty client pacer (${perMinute}/min, burst 5)`,
      counts.total,
      seconds(boundMs),
      seconds(wallMs),
      oursRatio.toFixed(2),
      `${failedRecords} (created ${object.applied.crmCreated})`,
      counts.rateLimited,
      verdict(oursRatio <= 1.05 && failedRecords === 0 && counts.rateLimited === 0),
    ];
  } finally {
    await ours.stub.close();
  }

  log(`fixed-delay script: ${scriptDelayMs} ms between batch calls`);
  const script = await startStubAndClient({ rateLimit: rate });
  let scriptRow: (string | number)[];
  let scriptMs: number;
  try {
    const result = await fixedDelayPush({
      baseUrl: script.stub.url,
      apiKey: BENCH_API_KEY,
      objectPlural: "companies",
      records: rows.map((row) => companyBody(headers, row)),
      batchSize: BATCH,
      delayMs: scriptDelayMs,
    });
    scriptMs = result.wallMs;
    const boundMs = (result.requests / perMinute) * 60_000;
    scriptRow = [
      `fixed delay ${scriptDelayMs} ms (0.7 s at 100/min)`,
      result.requests,
      seconds(boundMs),
      seconds(result.wallMs),
      ratio(result.wallMs, boundMs),
      result.failedRecords,
      result.statuses[429] ?? 0,
      "baseline",
    ];
  } finally {
    await script.stub.close();
  }

  return [
    `Push of ${records.toLocaleString("en")} new companies (batches of ${BATCH}) against the stand-in rate-limited to ${rate.limit} requests`,
    `per ${rate.windowMs / 1000} s (R = ${perMinute}/min, token bucket as Twenty's). Bound = requests ÷ R. The comparison is a plain`,
    "script posting the same batches with a fixed pause, the pause scaled from 0.7 s at 100/min to this R. Same run, one after the other.",
    "",
    table(["pacer", "requests", "bound", "wall time", "wall ÷ bound", "failed records", "429s", "target: ≤ 1.05, none failed, no 429"], [oursRow, scriptRow]),
    "",
    `Our pacer finished in ${(oursRatio * 100).toFixed(0)}% of the bound, ${ratio(oursMs, scriptMs)}× the fixed-delay script's wall time.`,
  ].join("\n");
}

/**
 * A sheet row turned into a request body the way a simple script would (dot columns become nested objects,
 * values sent as shown). The baseline only has to cost the same requests as ours, not convert money units.
 */
function companyBody(headers: string[], row: Record<string, string | number | boolean | null>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const header of headers) {
    const value = row[header];
    if (value === null || value === "" || header === "id" || header === "updatedAt") continue;
    const [field, sub] = header.split(".");
    if (sub) body[field] = { ...((body[field] as Record<string, unknown>) ?? {}), [sub]: value };
    else body[field] = value;
  }
  return body;
}

export const pacingSection: BenchSection = { title: "Pacing: a long push under the rate limit", run };
