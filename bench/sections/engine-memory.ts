/**
 * Child process of the engine benchmark (`node --expose-gc --import tsx engine-memory.ts <floor|engine> <rows>`):
 * loads the data set, then either reads every cell once (floor) or pulls it and plans a sync (engine), and
 * prints one JSON line with its memory figures.
 */
import { runSync, saveSettings } from "../../src/sync";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { readEveryCellOnce, recordToCells } from "../support/cells";
import { createMemoryCrm } from "../support/memory-crm";
import { createMemorySheet } from "../support/memory-sheet";
import { WIDE_COLUMNS, WIDE_OBJECT, wideRecords, wideSettings } from "../support/wide-object";

export interface MemoryReport {
  heapWithDataBytes: number;
  peakRssBytes: number;
  heapAfterBytes: number;
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(mode: string, rows: number): Promise<MemoryReport> {
  const records = wideRecords(rows);
  const crm = createMemoryCrm([WIDE_OBJECT], { widgets: records });
  const sheet = createMemorySheet();
  const settings = wideSettings("Widgets");
  if (mode === "floor") sheet.setTable("Widgets", ["id", ...WIDE_COLUMNS], records.map((r) => recordToCells(r, WIDE_COLUMNS)));
  const heapWithDataBytes = heapAfterGc();
  if (mode === "floor") {
    await readEveryCellOnce({ sheet, crm }, "Widgets", "widgets", WIDE_COLUMNS, HIDDEN_KEYS.objectState("widgets"));
  } else if (mode === "engine") {
    await saveSettings(sheet, settings);
    const pull = await runSync({ mode: "pull", settings }, { sheet, crm });
    if (!pull.ok) throw new Error("pull failed");
    await runSync({ mode: "sync", dryRun: true, fullCompare: true, settings }, { sheet, crm });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  return { heapWithDataBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024, heapAfterBytes: heapAfterGc() };
}

if (require.main === module) {
  main(process.argv[2], Number(process.argv[3])).then(
    (report) => console.log(JSON.stringify(report)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
