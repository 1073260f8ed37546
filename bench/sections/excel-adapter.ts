import { createExcelSheetPort } from "../../src/excel";
import { createFakeExcel, type FakeExcel, type Scalar } from "../../src/excel-fake";
import { runSync, saveSettings, type SheetPort, type SyncRunReport } from "../../src/sync";
import { kibibytes, millis, table } from "../support/markdown";
import type { BenchOptions, BenchSection } from "../support/options";
import { companiesSettings, startStubAndClient } from "../support/rig";

const SHEET = "Companies";

type Part = "sheet read" | "sheet write" | "sync state";
const PART_OF: Partial<Record<keyof SheetPort, Part>> = {
  readTable: "sheet read",
  applyChanges: "sheet write",
  setMarks: "sheet write",
  readHidden: "sync state",
  writeHidden: "sync state",
};

/** The port with the payload of each call added to its part's total. */
function metered(port: SheetPort, fake: FakeExcel, parts: Map<Part, number>): SheetPort {
  return new Proxy(port, {
    get(target, name, receiver) {
      const member = Reflect.get(target, name, receiver);
      const part = PART_OF[name as keyof SheetPort];
      if (!part || typeof member !== "function") return member;
      return async (...args: unknown[]) => {
        const before = fake.stats.payloadBytes;
        try {
          return await member.apply(target, args);
        } finally {
          parts.set(part, (parts.get(part) ?? 0) + fake.stats.payloadBytes - before);
        }
      };
    },
  });
}

interface Measured {
  scenario: string;
  rows: number;
  syncs: number;
  runs: number;
  payloadBytes: number;
  parts: Map<Part, number>;
  maxRequestBytes: number;
  ms: number;
}

function assertOk(report: SyncRunReport, what: string): void {
  const object = report.objects[0];
  if (!report.ok) throw new Error(`${what} did not succeed: ${object?.error?.message ?? object?.blocked?.reason ?? JSON.stringify(object?.rowErrors.slice(0, 3))}`);
}

async function measured(scenario: string, rows: number, fake: FakeExcel, port: SheetPort, work: (sheet: SheetPort) => Promise<void>): Promise<Measured> {
  const before = { ...fake.stats };
  const parts = new Map<Part, number>();
  fake.stats.maxRequestBytes = 0;
  const started = performance.now();
  await work(metered(port, fake, parts));
  return {
    scenario,
    rows,
    syncs: fake.stats.syncs - before.syncs,
    runs: fake.stats.runs - before.runs,
    payloadBytes: fake.stats.payloadBytes - before.payloadBytes,
    parts,
    maxRequestBytes: fake.stats.maxRequestBytes,
    ms: performance.now() - started,
  };
}

async function run({ quick, log }: BenchOptions): Promise<string> {
  const size = quick ? 2_000 : 10_000;
  const changed = Math.round(size / 100);
  const settings = companiesSettings(SHEET);
  const results: Measured[] = [];

  const source = await startStubAndClient({ companies: size });
  let pulledValues: Scalar[][];
  try {
    const fake = createFakeExcel();
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office });
    await saveSettings(sheet, settings);
    log(`pull of ${size} companies into the in-memory workbook`);
    results.push(await measured("pull into an empty sheet", size, fake, sheet, async (metered) => assertOk(await runSync({ mode: "pull", settings }, { sheet: metered, crm: source.crm }), "pull")));
    pulledValues = fake.workbook.values(`${SHEET}!${fake.workbook.usedRange(SHEET)}`);

    for (let i = 0; i < changed; i++) {
      const id = String(pulledValues[1 + i * 100][0]);
      source.stub.store.update("companies", id, { employees: 777_000 + i });
    }
    log(`sync with ${changed} records changed in the CRM`);
    results.push(await measured(`sync, ${changed} CRM edits (1%)`, changed, fake, sheet, async (metered) => assertOk(await runSync({ mode: "sync", settings }, { sheet: metered, crm: source.crm }), "sync")));
  } finally {
    await source.stub.close();
  }

  const target = await startStubAndClient({});
  try {
    const headers = pulledValues[0].map(String);
    const blank = new Set(["id", "updatedAt"].map((h) => headers.indexOf(h)));
    const rows = pulledValues.slice(1).map((row) => row.map((value, j) => (blank.has(j) ? "" : value)));
    const fake = createFakeExcel({ sheets: { [SHEET]: [headers, ...rows] } });
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office });
    await saveSettings(sheet, settings);
    log(`push of ${size} new rows from the in-memory workbook`);
    results.push(await measured("push of new rows (ids written back)", size, fake, sheet, async (metered) => assertOk(await runSync({ mode: "push", settings }, { sheet: metered, crm: target.crm }), "push")));
  } finally {
    await target.stub.close();
  }

  return [
    `Companies (default columns, ${pulledValues[0].length} columns) through the real Excel adapter (\`createExcelSheetPort\`) on the`,
    "in-memory Excel (`createFakeExcel`), the real engine and client, the stand-in over HTTP. Round trips are `context.sync()` calls",
    "(the implicit one at the end of each `Excel.run` included); payload is request plus response bytes as the in-memory Excel",
    "serialises them (Excel on the web caps each at 5 MB). The payload is split by what it was for: reading the synced sheet",
    "(every row: edits made while the pane was closed leave no trace but the cells), writing it (cells, marks) and the sync state",
    "in the very hidden sheet (read and rewritten whole).",
    "",
    table(
      ["scenario", "rows", "Excel.run calls", "context.sync() round trips", "payload", "sheet read / sheet write / sync state", "largest request", "time"],
      results.map((r) => [
        r.scenario,
        r.rows,
        r.runs,
        r.syncs,
        kibibytes(r.payloadBytes),
        (["sheet read", "sheet write", "sync state"] as const).map((part) => kibibytes(r.parts.get(part) ?? 0)).join(" / "),
        kibibytes(r.maxRequestBytes),
        millis(r.ms),
      ]),
    ),
  ].join("\n");
}

export const excelAdapterSection: BenchSection = { title: "Excel adapter: round trips and payload", run };
