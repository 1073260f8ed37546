/**
 * A workbook moves between the CLI and the add-in: the Excel adapter (on the in-memory Excel) picks up a
 * file the CLI wrote, state included, and the CLI picks up a workbook the add-in wrote, with nothing to sync.
 */
import ExcelJS from "exceljs";
import { rmSync } from "fs";
import { join } from "path";
import { toCellValue } from "../../src/cli/xlsx-cells";
import { createExcelSheetPort } from "../../src/excel";
import { createFakeExcel } from "../../src/excel-fake";
import { loadSettings, runSync, saveSettings, workbookSettingsSchema, type SyncRunReport } from "../../src/sync";
import { createTwentyClient } from "../../src/twenty";
import type { RunningStub } from "../../src/twenty-stub";
import { STATE_SHEET_NAME } from "../../src/workbook-layout/layout";
import { API_KEY, cli, readSheet, startStub, tempDir } from "./cli-helpers";

let stub: RunningStub;
let dir: string;
beforeEach(async () => {
  stub = await startStub();
  dir = tempDir();
  for (const [name, employees] of [
    ["Acme", 10],
    ["Globex", 250],
    ["Initech", 40],
  ] as const)
    stub.store.insert("companies", { name, employees });
});
afterEach(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

const nothingApplied = {
  crmCreated: 0,
  crmUpdated: 0,
  crmDeleted: 0,
  sheetAppended: 0,
  sheetUpdated: 0,
  sheetDeleted: 0,
};
const crm = () => createTwentyClient({ baseUrl: stub.url, apiKey: API_KEY, requestsPerMinute: 1e9 });

function expectNothingToSync(report: SyncRunReport) {
  expect(report.ok).toBe(true);
  for (const o of report.objects) {
    expect(o.applied).toEqual(nothingApplied);
    expect(o.conflicts).toEqual([]);
  }
}

describe("moving a workbook between the CLI and the add-in", () => {
  it("the add-in finds nothing to sync in a workbook the CLI pulled, and then moves a CRM change", async () => {
    expect((await cli(stub, dir, ["pull", "--file", "book.xlsx", "--objects", "companies"])).code).toBe(0);
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(join(dir, "book.xlsx"));
    const sheets: Record<string, (string | number | boolean)[][]> = {};
    for (const ws of file.worksheets) {
      const rows: (string | number | boolean)[][] = [];
      for (let r = 1; r <= ws.rowCount; r++)
        rows.push(Array.from({ length: ws.columnCount }, (_, c) => toCellValue(ws.getCell(r, c + 1).value) ?? ""));
      sheets[ws.name] = rows;
    }
    const fake = createFakeExcel({ sheets });
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office, ownWriteGraceMs: 0 });
    const settings = await loadSettings(sheet);
    expect(settings.objects.map((o) => o.object)).toEqual(["companies"]);

    expectNothingToSync(await runSync({ mode: "sync", settings }, { sheet, crm: crm() }));

    const acme = stub.store.list("companies").find((c) => c.name === "Acme")!;
    stub.store.update("companies", acme.id, { employees: 12 });
    const synced = await runSync({ mode: "sync", settings }, { sheet, crm: crm() });
    expect(synced.objects[0].applied.sheetUpdated).toBe(1);
    const table = await sheet.readTable("Companies");
    expect(table?.rows.find((r) => r.values.id === acme.id)?.values.employees).toBe(12);
  });

  it("the CLI finds nothing to sync in a workbook the add-in pulled, and then pushes an edit", async () => {
    const fake = createFakeExcel();
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office, ownWriteGraceMs: 0 });
    const settings = workbookSettingsSchema.parse({
      version: 1,
      baseUrl: stub.url,
      objects: [{ object: "companies", sheetName: "Companies" }],
    });
    await saveSettings(sheet, settings);
    expect((await runSync({ mode: "pull", settings }, { sheet, crm: crm() })).ok).toBe(true);

    const file = new ExcelJS.Workbook();
    for (const name of fake.workbook.sheetNames()) {
      const used = fake.workbook.usedRange(name);
      const ws = file.addWorksheet(name, { state: name === STATE_SHEET_NAME ? "veryHidden" : "visible" });
      if (used)
        for (const row of fake.workbook.values(`${name}!${used}`)) ws.addRow(row.map((v) => (v === "" ? null : v)));
    }
    const book = join(dir, "book.xlsx");
    await file.xlsx.writeFile(book);

    const first = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--json"]);
    expect(first.code).toBe(0);
    expectNothingToSync(JSON.parse(first.stdout));

    const { rows, sheet: ws, headers } = await readSheet(book, "Companies");
    const globex = rows.find((r) => r.values.name === "Globex")!;
    ws.getCell(globex.rowNumber, headers.indexOf("employees") + 1).value = 300;
    await ws.workbook.xlsx.writeFile(book);
    expect((await cli(stub, dir, ["push", "--file", "book.xlsx"])).code).toBe(0);
    expect(stub.store.get("companies", globex.values.id as string)?.employees).toBe(300);
  });
});
