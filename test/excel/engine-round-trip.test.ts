import { createExcelSheetPort } from "../../src/excel";
import { createFakeExcel } from "../../src/excel-fake";
import { runSync, saveSettings, workbookSettingsSchema } from "../../src/sync";
import { createTwentyClient } from "../../src/twenty";
import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { MARK_COLORS } from "../../src/workbook-layout/layout";

const API_KEY = "excel-adapter-test-key-0123456789";
const settings = workbookSettingsSchema.parse({ version: 1, objects: [{ object: "companies", sheetName: "Companies" }] });

describe("Excel adapter under the real engine, against the Twenty stand-in", () => {
  let stub: RunningStub;
  beforeEach(async () => {
    stub = await startTwentyStub({ apiKey: API_KEY, seed: "empty", size: { companies: 30 }, rateLimit: null });
  });
  afterEach(async () => {
    await stub.close();
  });

  it("pulls into a table, sends a tracked local edit back, and brings CRM text that looks like a formula in as text", async () => {
    const fake = createFakeExcel();
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office, ownWriteGraceMs: 0 });
    const crm = createTwentyClient({ baseUrl: stub.url, apiKey: API_KEY, requestsPerMinute: 1e9 });
    await saveSettings(sheet, settings);

    const pulled = await runSync({ mode: "pull", settings }, { sheet, crm });
    expect(pulled.ok).toBe(true);
    const table = await sheet.readTable("Companies");
    expect(table?.rows).toHaveLength(30);
    expect(fake.workbook.tables("Companies")[0].headers).toContain("id");

    const tracking = await sheet.startEditTracking(["Companies"]);
    const nameColumn = table!.headers.indexOf("name");
    const target = table!.rows[4];
    const column = String.fromCharCode(65 + nameColumn);
    await fake.editCell("Companies", `${column}${target.rowNumber}`, "Renamed in Excel");
    await fake.whenIdle();
    await tracking.flushed();

    const otherId = String(table!.rows[7].values.id);
    stub.store.update("companies", otherId, { name: '=HYPERLINK("http://evil.example","x")' });

    const synced = await runSync({ mode: "sync", settings }, { sheet, crm });
    expect(synced.ok).toBe(true);
    expect(stub.store.get("companies", String(target.values.id))?.name).toBe("Renamed in Excel");
    const after = await sheet.readTable("Companies");
    const other = after!.rows.find((r) => r.values.id === otherId)!;
    expect(other.values.name).toBe('=HYPERLINK("http://evil.example","x")');
    expect(fake.workbook.cell(`Companies!${column}${other.rowNumber}`).formula).toBeNull();
  });

  it("leaves a notice with the replaced value on a cell crm_wins settled, and clears it on the next sync", async () => {
    const fake = createFakeExcel();
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office, ownWriteGraceMs: 0 });
    const crm = createTwentyClient({ baseUrl: stub.url, apiKey: API_KEY, requestsPerMinute: 1e9 });
    const crmWins = workbookSettingsSchema.parse({ version: 1, objects: [{ object: "companies", sheetName: "Companies", strategy: "crm_wins" }] });
    await saveSettings(sheet, crmWins);
    await runSync({ mode: "pull", settings: crmWins }, { sheet, crm });

    const table = await sheet.readTable("Companies");
    const target = table!.rows[2];
    const address = `Companies!${String.fromCharCode(65 + table!.headers.indexOf("name"))}${target.rowNumber}`;
    await fake.editCell("Companies", address.split("!")[1], "Typed in Excel");
    await fake.whenIdle();
    stub.store.update("companies", String(target.values.id), { name: "Renamed in Twenty" });

    const synced = await runSync({ mode: "sync", settings: crmWins }, { sheet, crm });
    expect(synced.objects[0].autoResolved).toEqual([expect.objectContaining({ kept: "crm", sheet: "Typed in Excel", crm: "Renamed in Twenty" })]);
    expect(fake.workbook.cell(address).value).toBe("Renamed in Twenty");
    expect(fake.workbook.cell(address).fill).toBe(MARK_COLORS.noticeFill);
    expect(fake.workbook.notes("Companies")).toEqual([{ address, content: expect.stringContaining('Replaced sheet value: "Typed in Excel"') }]);

    await runSync({ mode: "sync", settings: crmWins }, { sheet, crm });
    expect(fake.workbook.cell(address).fill).toBeNull();
    expect(fake.workbook.notes("Companies")).toEqual([]);
  });
});
