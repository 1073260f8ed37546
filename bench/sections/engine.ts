import { spawn } from "child_process";
import { join } from "path";
import { planHasChanges, runSync, saveSettings, type PlanSummary } from "../../src/sync";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { readEveryCellOnce, recordToCells } from "../support/cells";
import { mebibytes, millis, ratio, table, verdict } from "../support/markdown";
import { createMemoryCrm } from "../support/memory-crm";
import { createMemorySheet } from "../support/memory-sheet";
import type { BenchOptions, BenchSection } from "../support/options";
import { WIDE_COLUMNS, WIDE_OBJECT, wideRecord, wideRecords, wideSettings } from "../support/wide-object";
import type { MemoryReport } from "./engine-memory";
import type { CrmReadSummary } from "../../src/sync/read-crm";

const SHEET = "Widgets";
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs engine-memory.ts in a fresh Node with --expose-gc, so its peak RSS is its own. */
function measureMemory(mode: "floor" | "engine", rows: number): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(__dirname, "engine-memory.ts"), mode, String(rows)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`engine-memory ${mode} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as MemoryReport);
    });
  });
}

async function run({ quick, log }: BenchOptions): Promise<string> {
  const rows = quick ? 20_000 : 100_000;
  const changed = Math.round(rows / 100);
  const removed = Math.round(rows / 1000);
  let clock = Date.parse("2026-02-01T00:00:00.000Z");
  const now = () => new Date((clock += 1));
  const crm = createMemoryCrm([WIDE_OBJECT], { widgets: wideRecords(rows) }, now);
  const sheet = createMemorySheet();
  const settings = wideSettings(SHEET, { inCrm: true, inSheet: false });
  await saveSettings(sheet, settings);
  const ports = { sheet, crm };

  log(`pull of ${rows} rows × ${WIDE_COLUMNS.length} columns into an in-memory sheet`);
  const pull = await timed(() => runSync({ mode: "pull", settings }, ports, { now }));
  if (!pull.value.ok) throw new Error(`pull failed: ${JSON.stringify(pull.value.objects.map((o) => o.error ?? o.rowErrors.slice(0, 3)))}`);

  // Real work for the plan: 1% edited on each side (different records and columns), 1% new rows, 0.1% rows deleted.
  const sheetTable = sheet.tables.get(SHEET)!;
  for (let i = 0; i < changed; i++) sheetTable.rows[i * 100].city = `Edited city ${i}`;
  const store = crm.records.get("widgets")!;
  const ids = [...store.keys()];
  for (let i = 0; i < changed; i++) {
    const id = ids[i * 100 + 50];
    store.set(id, { ...store.get(id)!, name: `CRM edit ${i}`, updatedAt: now().toISOString() });
  }
  for (let i = 0; i < changed; i++) sheetTable.rows.push(recordToCells({ ...wideRecord(rows + i, now().toISOString()), id: "" }, WIDE_COLUMNS));
  // Deleted bottom-up so earlier indexes stay put; rows 100i+25 are neither edited in the sheet nor in the CRM.
  for (let i = removed - 1; i >= 0; i--) sheetTable.rows.splice(i * 100 + 25, 1);

  const floorMs: number[] = [];
  const fullMs: number[] = [];
  const deltaMs: number[] = [];
  const expected = { crmUpdates: changed, sheetUpdates: changed, crmCreates: changed, crmDeletes: removed };
  const checkFound = (summary: PlanSummary, what: string) => {
    const found = { crmUpdates: summary.crmUpdates, sheetUpdates: summary.sheetUpdates, crmCreates: summary.crmCreates, crmDeletes: summary.crmDeletes };
    if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error(`the ${what} plan found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
  };
  let deltaRead: CrmReadSummary | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    log(`round ${round + 1}/${ROUNDS}: floor, plan with a full compare, plan with a delta read (dry runs)`);
    floorMs.push((await timed(() => readEveryCellOnce(ports, SHEET, "widgets", WIDE_COLUMNS, HIDDEN_KEYS.objectState("widgets")))).ms);
    const full = await timed(() => runSync({ mode: "sync", dryRun: true, fullCompare: true, settings }, ports, { now }));
    fullMs.push(full.ms);
    checkFound(full.value.objects[0].plan.summary, "full-compare");
    const delta = await timed(() => runSync({ mode: "sync", dryRun: true, settings }, ports, { now }));
    deltaMs.push(delta.ms);
    checkFound(delta.value.objects[0].plan.summary, "delta");
    deltaRead = delta.value.objects[0].crmRead;
  }
  if (deltaRead?.kind !== "changes") throw new Error(`the second plan did not use a delta read: ${JSON.stringify(deltaRead)}`);
  const floor = median(floorMs);
  const plan = median(fullMs);
  const deltaPlan = median(deltaMs);

  log("apply: the same sync for real");
  const applied = await timed(() => runSync({ mode: "sync", settings, confirmMassChanges: true }, ports, { now }));
  if (!applied.value.ok) throw new Error(`the sync failed: ${JSON.stringify(applied.value.objects[0].error ?? applied.value.objects[0].rowErrors.slice(0, 3))}`);
  const settled = await runSync({ mode: "sync", dryRun: true, settings }, ports, { now });
  const settledFull = await runSync({ mode: "sync", dryRun: true, fullCompare: true, settings }, ports, { now });
  if (planHasChanges(settled.objects[0].plan) || planHasChanges(settledFull.objects[0].plan)) throw new Error("a sync after the applied one still plans changes");

  log("peak memory in separate processes (floor, engine)");
  const floorMemory = await measureMemory("floor", rows);
  const engineMemory = await measureMemory("engine", rows);

  return [
    `${rows.toLocaleString("en")} rows × ${WIDE_COLUMNS.length} columns of a custom object (text, numbers, booleans, select, dates, and`,
    "email/name/currency/link composites), in-memory sheet and in-memory CRM so only the engine is measured. After a pull,",
    `${changed.toLocaleString("en")} rows (1%) were edited in the sheet, another 1% of records edited in the CRM, 1% new rows added and`,
    `${removed.toLocaleString("en")} rows (0.1%) deleted. The plan is a dry-run \`runSync({mode: 'sync', dryRun: true})\`; the floor reads the same`,
    `sheet table, CRM records and stored state through the same ports and looks at every cell once. Medians of ${ROUNDS} alternating rounds.`,
    "The target applies to the full compare (every record listed and compared, as the first sync and the daily one do);",
    `the delta read lists only what changed in Twenty since the last sync (${deltaRead.listed.toLocaleString("en")} records) and fetches by id the records of`,
    `edited rows (${deltaRead.fetchedById.toLocaleString("en")}). Rows unchanged on both sides since an agreed sync are not compared again in either.`,
    "",
    table(
      ["measure", "time", "vs floor", "target", ""],
      [
        ["floor: read every cell once", millis(floor), "1.00", "", ""],
        ["plan, full compare (dry-run sync)", millis(plan), ratio(plan, floor), "≤ 3.00", verdict(plan <= 3 * floor)],
        ["plan, delta read (dry-run sync, for reference)", millis(deltaPlan), ratio(deltaPlan, floor), "", ""],
        ["the same sync applied (for reference)", millis(applied.ms), ratio(applied.ms, floor), "", ""],
        ["initial pull (for reference)", millis(pull.ms), ratio(pull.ms, floor), "", ""],
      ],
    ),
    "",
    `Both plans found what was changed: ${expected.crmUpdates} CRM updates, ${expected.sheetUpdates} sheet updates, ${expected.crmCreates} creates and`,
    `${expected.crmDeletes} deletes; after applying it a further sync plans nothing.`,
    "",
    "Peak memory, each measured in its own fresh process (`--expose-gc`; RSS peak from `process.resourceUsage().maxRSS`):",
    "",
    table(
      ["process", "heap with data loaded (after GC)", "peak RSS", "heap retained after run (after GC)"],
      [
        ["floor: data + read every cell once", mebibytes(floorMemory.heapWithDataBytes), mebibytes(floorMemory.peakRssBytes), mebibytes(floorMemory.heapAfterBytes)],
        ["engine: pull + dry-run sync plan (full compare)", mebibytes(engineMemory.heapWithDataBytes), mebibytes(engineMemory.peakRssBytes), mebibytes(engineMemory.heapAfterBytes)],
      ],
    ),
  ].join("\n");
}

export const engineSection: BenchSection = { title: "Engine: plan cost and memory", run };
