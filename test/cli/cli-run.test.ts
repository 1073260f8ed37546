import ExcelJS from "exceljs";
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "fs";
import { hostname } from "os";
import { join } from "path";
import type { RunningStub } from "../../src/twenty-stub";
import { fillColor, noteText } from "../../src/cli/xlsx-cells";
import { ERROR_COLUMN_HEADER, HIDDEN_KEYS, MARK_COLORS, NOTE_PREFIX, STATE_SHEET_NAME } from "../../src/workbook-layout/layout";
import { runCli } from "../../src/cli/cli";
import { openXlsxFile } from "../../src/cli/xlsx-file";
import { loadSettings, saveSettings } from "../../src/sync";
import { API_KEY, cli, editSheet, readSheet, startStub, tempDir } from "./cli-helpers";

let stub: RunningStub;
let dir: string;
let book: string;

beforeEach(async () => {
  stub = await startStub();
  dir = tempDir();
  book = join(dir, "book.xlsx");
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

/** The companies' sync state as the workbook holds it. */
async function companiesState(): Promise<string> {
  const file = await openXlsxFile(book);
  return (await file.port.readHidden(HIDDEN_KEYS.objectState("companies"))) ?? "";
}

const companyNamed = (name: string) => stub.store.list("companies").find((c) => c.name === name);
const rowNamed = async (name: string) => (await readSheet(book, "Companies")).rows.find((r) => r.values.name === name);

async function pullCompanies() {
  const result = await cli(stub, dir, ["pull", "--file", "book.xlsx", "--objects", "companies"]);
  expect(result).toMatchObject({ code: 0 });
  return result;
}

describe("twenty-excel-sync on a workbook file", () => {
  it("pulls into a new workbook with the add-in's layout, and a second sync changes nothing", async () => {
    const pulled = await pullCompanies();
    expect(pulled.stderr).toContain('Added companies → sheet "Companies"');
    expect(pulled.stdout).toContain("Companies (companies): workbook +3");

    const { headers, rows } = await readSheet(book, "Companies");
    expect(headers.slice(0, 2)).toEqual(["id", "name"]);
    expect(headers).toContain("employees");
    const byName = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
    expect(rows.map((r) => [r.values.id, r.values.name, r.values.employees]).sort(byName)).toEqual(
      stub.store
        .list("companies")
        .map((c) => [c.id, c.name, c.employees])
        .sort(byName),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    expect(workbook.getWorksheet(STATE_SHEET_NAME)?.state).toBe("veryHidden");

    const again = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.objects[0].applied).toEqual({
      crmCreated: 0,
      crmUpdated: 0,
      crmDeleted: 0,
      sheetAppended: 0,
      sheetUpdated: 0,
      sheetDeleted: 0,
    });
    const after = await readSheet(book, "Companies");
    expect(after.rows.map((r) => r.values)).toEqual(rows.map((r) => r.values));
  });

  it("pushes edits and new rows, writes the new ids back, and a re-run creates nothing twice", async () => {
    await pullCompanies();
    const acme = await rowNamed("Acme");
    await editSheet(book, "Companies", ({ set, appendRow }) => {
      set(acme!.rowNumber, "employees", 11);
      appendRow({ name: "=Hooli", employees: 5 });
    });

    const pushed = await cli(stub, dir, ["push", "--file", "book.xlsx"]);
    expect(pushed.code).toBe(0);
    expect(companyNamed("Acme")?.employees).toBe(11);
    const hooli = companyNamed("=Hooli");
    expect(hooli).toBeDefined();
    expect((await rowNamed("=Hooli"))?.values.id).toBe(hooli!.id);

    expect((await cli(stub, dir, ["push", "--file", "book.xlsx"])).code).toBe(0);
    expect(stub.store.count("companies")).toBe(4);
  });

  it("previews without touching the workbook or Twenty", async () => {
    await pullCompanies();
    await editSheet(book, "Companies", ({ appendRow }) => appendRow({ name: "Preview Co" }));
    const before = readFileSync(book);
    const preview = await cli(stub, dir, ["preview", "--file", "book.xlsx", "--json"]);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ dryRun: true, objects: [{ summary: { crmCreates: 1 } }] });
    expect(readFileSync(book).equals(before)).toBe(true);
    expect(stub.store.count("companies")).toBe(3);
  });

  describe("a field changed on both sides", () => {
    async function conflictOnAcme(): Promise<string> {
      await pullCompanies();
      const acme = await rowNamed("Acme");
      await editSheet(book, "Companies", ({ set }) => set(acme!.rowNumber, "name", "Acme (sheet)"));
      stub.store.update("companies", companyNamed("Acme")!.id, { name: "Acme (crm)" });
      return acme!.values.id as string;
    }
    const setSheetEditTime = (when: Date) => utimesSync(book, when, when);

    it.each([
      ["crm_wins", "Acme (crm)", undefined],
      ["excel_wins", "Acme (sheet)", undefined],
      ["newest_wins", "Acme (sheet)", new Date(Date.now() + 3_600_000)],
      ["newest_wins", "Acme (crm)", new Date(Date.now() - 3_600_000)],
    ] as const)("%s leaves both sides at %s", async (strategy, winner, sheetEditedAt) => {
      const id = await conflictOnAcme();
      if (sheetEditedAt) setSheetEditTime(sheetEditedAt);
      const result = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", strategy]);
      expect(result.code).toBe(0);
      expect(stub.store.get("companies", id)?.name).toBe(winner);
      expect((await readSheet(book, "Companies")).rows.find((r) => r.values.id === id)?.values.name).toBe(winner);
    });

    const acmeRow = async (id: string) =>
      (await readSheet(book, "Companies")).rows.find((r) => r.values.id === id)!.rowNumber;

    it("newest_wins lists the settled cell in --json: the side kept, the replaced value and why, once", async () => {
      const id = await conflictOnAcme();
      setSheetEditTime(new Date(Date.now() - 3_600_000));
      const row = await acmeRow(id);
      const result = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "newest_wins", "--json"]);
      expect(result.code).toBe(0);
      const [companies] = JSON.parse(result.stdout).objects;
      expect(companies.conflicts).toEqual([]);
      expect(companies.autoResolved).toEqual([
        {
          id,
          row,
          column: "name",
          kept: "crm",
          base: "Acme",
          sheet: "Acme (sheet)",
          crm: "Acme (crm)",
          reason: expect.stringMatching(/^Twenty changed later \(Twenty changed \S+; sheet .+\)$/),
          withoutBase: false,
        },
      ]);

      const again = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "newest_wins", "--json"]);
      expect(JSON.parse(again.stdout).objects[0].autoResolved).toEqual([]);
    });

    it("newest_wins names the settled cell in the -v summary, in a preview and in the sync itself", async () => {
      const id = await conflictOnAcme();
      setSheetEditTime(new Date(Date.now() + 3_600_000));
      const row = await acmeRow(id);
      const settled = `Companies row ${row}, column "name"`;

      const preview = await cli(stub, dir, ["preview", "--file", "book.xlsx", "--strategy", "newest_wins", "-v"]);
      expect(preview.stdout).toContain("; 1 both-sides change to be settled by the strategy\n");
      expect(preview.stdout).toContain(
        `    would settle ${settled}: keep workbook "Acme (sheet)", replace Twenty "Acme (crm)" (was "Acme"), because the sheet was edited later (`,
      );

      const result = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "newest_wins", "--verbose"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("; 1 both-sides change settled by the strategy\n");
      expect(result.stdout).toContain(
        `    settled ${settled}: kept workbook "Acme (sheet)", replaced Twenty "Acme (crm)" (was "Acme"), because the sheet was edited later (`,
      );
      expect(stub.store.get("companies", id)?.name).toBe("Acme (sheet)");
    });

    it("crm_wins keeps the replaced workbook value in a notice on the cell, gone after the next sync", async () => {
      const id = await conflictOnAcme();
      expect((await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "crm_wins"])).code).toBe(0);
      const nameCell = async () => {
        const { sheet, rows, headers } = await readSheet(book, "Companies");
        return sheet.getCell(rows.find((r) => r.values.id === id)!.rowNumber, headers.indexOf("name") + 1);
      };
      let cell = await nameCell();
      expect(cell.value).toBe("Acme (crm)");
      expect(fillColor(cell)).toBe(`FF${MARK_COLORS.noticeFill.slice(1)}`);
      expect(noteText(cell)).toMatch(new RegExp(`^${NOTE_PREFIX} notice\n`));
      expect(noteText(cell)).toContain('Replaced sheet value: "Acme (sheet)"');

      expect((await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "crm_wins"])).code).toBe(0);
      cell = await nameCell();
      expect(fillColor(cell)).toBeNull();
      expect(noteText(cell)).toBeNull();
    });

    it("field_merge keeps both values and marks the cell the way the add-in does", async () => {
      const id = await conflictOnAcme();
      const result = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "field_merge", "--json"]);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.objects[0].conflicts).toEqual([
        expect.objectContaining({ id, column: "name", sheet: "Acme (sheet)", crm: "Acme (crm)" }),
      ]);
      expect(stub.store.get("companies", id)?.name).toBe("Acme (crm)");
      const { sheet, rows, headers } = await readSheet(book, "Companies");
      const row = rows.find((r) => r.values.id === id)!;
      expect(row.values.name).toBe("Acme (sheet)");
      const cell = sheet.getCell(row.rowNumber, headers.indexOf("name") + 1);
      expect(fillColor(cell)).toBe(`FF${MARK_COLORS.conflictFill.slice(1)}`);
      expect(noteText(cell)).toMatch(new RegExp(`^${NOTE_PREFIX}`));
      expect(noteText(cell)).toContain("Acme (crm)");
    });
  });

  it("lists bad cells by sheet, row, column and reason, marks them, exits 1 and still pushes the good rows", async () => {
    await pullCompanies();
    const acme = await rowNamed("Acme");
    const globex = await rowNamed("Globex");
    await editSheet(book, "Companies", ({ set }) => {
      set(acme!.rowNumber, "employees", "lots");
      set(globex!.rowNumber, "employees", 251);
    });
    const result = await cli(stub, dir, ["push", "--file", "book.xlsx"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`error Companies Row ${acme!.rowNumber}, column "employees": .+`));
    expect(companyNamed("Globex")?.employees).toBe(251);
    expect(companyNamed("Acme")?.employees).toBe(10);
    const { sheet, headers } = await readSheet(book, "Companies");
    const errorCol = headers.length + 1;
    expect(sheet.getCell(1, errorCol).value).toBe(ERROR_COLUMN_HEADER);
    expect(String(sheet.getCell(acme!.rowNumber, errorCol).value)).toContain("employees");
    expect(fillColor(sheet.getCell(acme!.rowNumber, 1))).toBe(`FF${MARK_COLORS.rowErrorFill.slice(1)}`);
  });

  it("--json reports failures per row in a stable shape", async () => {
    await pullCompanies();
    const acme = await rowNamed("Acme");
    await editSheet(book, "Companies", ({ set }) => set(acme!.rowNumber, "employees", "lots"));
    const result = await cli(stub, dir, ["push", "--file", "book.xlsx", "--json"]);
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({
      ok: false,
      exitCode: 1,
      mode: "push",
      dryRun: false,
      cancelled: false,
      file: "book.xlsx",
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      objects: [
        expect.objectContaining({
          object: "companies",
          sheet: "Companies",
          summary: expect.objectContaining({ crmUpdates: 0 }),
          applied: expect.objectContaining({ crmUpdated: 0 }),
          conflicts: [],
          rowErrors: [
            {
              sheet: "Companies",
              row: acme!.rowNumber,
              column: "employees",
              reason: expect.any(String),
              id: acme!.values.id,
              code: null,
            },
          ],
          blocked: null,
          error: null,
        }),
      ],
    });
  });

  it("stops before a mass change until --yes confirms it", async () => {
    await pullCompanies();
    const file = await openXlsxFile(book);
    const settings = await loadSettings(file.port);
    await saveSettings(file.port, {
      ...settings,
      objects: settings.objects.map((o) => ({ ...o, applyDeletes: { inCrm: false, inSheet: true } })),
    });
    await file.save();
    for (const name of ["Globex", "Initech"]) stub.store.softDelete("companies", companyNamed(name)!.id);

    const stopped = await cli(stub, dir, ["sync", "--file", "book.xlsx"]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain("Re-run with --yes to confirm.");
    expect((await readSheet(book, "Companies")).rows).toHaveLength(3);

    const confirmed = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--yes"]);
    expect(confirmed.code).toBe(0);
    expect((await readSheet(book, "Companies")).rows.map((r) => r.values.name)).toEqual(["Acme"]);
  });

  it("finds a record deleted for good in Twenty only with --full (a delta read cannot see it)", async () => {
    await pullCompanies();
    stub.store.hardDelete("companies", companyNamed("Initech")!.id);
    const proposedDeletes = async (extra: string[]) => {
      const result = await cli(stub, dir, ["preview", "--file", "book.xlsx", "--json", ...extra]);
      const report = JSON.parse(result.stdout) as { objects: { summary: { sheetDeletes: number; sheetDeletesProposed: number } }[] };
      return report.objects[0]!.summary.sheetDeletes + report.objects[0]!.summary.sheetDeletesProposed;
    };
    expect(await proposedDeletes([])).toBe(0);
    expect(await proposedDeletes(["--full"])).toBe(1);

    const full = await cli(stub, dir, ["preview", "--file", "book.xlsx", "--full"]);
    expect(full.stdout).toContain("read all 2 records from Twenty (a full compare was asked for)");
    const delta = await cli(stub, dir, ["preview", "--file", "book.xlsx", "--json"]);
    expect(JSON.parse(delta.stdout).objects[0].crmRead).toMatchObject({ kind: "changes", reason: null });
  });

  it("names this computer's clock in the workbook's state by a hash, never by its host name", async () => {
    await pullCompanies();
    await cli(stub, dir, ["sync", "--file", "book.xlsx"]);
    const state = await companiesState();
    expect(state).toMatch(/"clockId":"cli@[0-9a-f]{16}"/);
    expect(state).not.toContain(hostname());
  });

  it("checks the connection and the workbook's mappings with health", async () => {
    await pullCompanies();
    const result = await cli(stub, dir, ["health", "--file", "book.xlsx", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      connection: { ok: true, details: { apiKey: "****6789" } },
      workbook: {
        file: "book.xlsx",
        baseUrl: stub.url,
        objects: [{ object: "companies", sheetName: "Companies", enabled: true, inWorkspace: true }],
      },
    });
  });

  it("runs on a schedule until stopped", async () => {
    await pullCompanies();
    const controller = new AbortController();
    let stderr = "";
    let runs = 0;
    const done = runCli(["schedule", "--every", "1s", "sync", "--file", "book.xlsx"], {
      env: { TWENTY_API_URL: stub.url, TWENTY_API_KEY: API_KEY },
      cwd: dir,
      stdout: { write: () => true },
      stderr: {
        write: (t: string) => {
          stderr += t;
          if (t.includes("run finished") && ++runs === 2) controller.abort();
          return true;
        },
      },
      signal: controller.signal,
    });
    stub.store.update("companies", companyNamed("Acme")!.id, { employees: 99 });
    expect(await done).toBe(0);
    expect(stderr.match(/run finished \(exit code 0\)/g)).toHaveLength(2);
    expect(stderr).toContain("schedule stopped");
    expect((await rowNamed("Acme"))?.values.employees).toBe(99);
  });

  it("refuses a workbook open in Excel with exit code 2 and leaves it alone", async () => {
    await pullCompanies();
    writeFileSync(join(dir, "~$book.xlsx"), "");
    const before = readFileSync(book);
    const result = await cli(stub, dir, ["sync", "--file", "book.xlsx"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("book.xlsx is open in Excel");
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  it("skips a run while another process syncs the same workbook, and takes over a lock left by a dead one", async () => {
    await pullCompanies();
    const lock = join(dir, "book.xlsx.twenty-sync.lock");
    writeFileSync(lock, `${process.ppid}\n`);
    const busy = await cli(stub, dir, ["sync", "--file", "book.xlsx"]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`Another twenty-excel-sync run (pid ${process.ppid}) is working on book.xlsx`);

    writeFileSync(lock, "2147483646\n");
    expect((await cli(stub, dir, ["sync", "--file", "book.xlsx"])).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("explains configuration problems with exit code 2", async () => {
    const missing = await cli(stub, dir, ["sync", "--file", "nope.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.xlsx does not exist");
    const unmapped = await (async () => {
      await pullCompanies();
      return cli(stub, dir, ["push", "--file", "book.xlsx", "--objects", "people"]);
    })();
    expect(unmapped.code).toBe(2);
    expect(unmapped.stderr).toContain('Run "pull --objects people" first');
    const badArgs = await cli(stub, dir, ["sync", "--file", "book.xlsx", "--strategy", "loudest_wins"]);
    expect(badArgs.code).toBe(2);
    expect(badArgs.stderr).toMatch(/--strategy.*\n.*--help/s);
  });

  it("stops at a safe point on Ctrl+C, saves what was done, and the next run finishes the job", async () => {
    await pullCompanies();
    await editSheet(book, "Companies", ({ appendRow }) => {
      for (let i = 0; i < 30; i++) appendRow({ name: `New ${i}` });
    });
    const controller = new AbortController();
    const insert = stub.store.insert.bind(stub.store);
    let inserted = 0;
    stub.store.insert = (...args) => {
      if (++inserted === 10) controller.abort();
      return insert(...args);
    };
    let stdout = "";
    const code = await runCli(["push", "--file", "book.xlsx"], {
      env: { TWENTY_API_URL: stub.url, TWENTY_API_KEY: API_KEY, TWENTY_BATCH_SIZE: "10" },
      cwd: dir,
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      signal: controller.signal,
    });
    expect(code).toBe(1);
    expect(stdout).toContain("Stopped on request");
    expect(stub.store.count("companies")).toBeLessThan(33);

    expect((await cli(stub, dir, ["push", "--file", "book.xlsx"])).code).toBe(0);
    expect(stub.store.count("companies")).toBe(33);
    const { rows } = await readSheet(book, "Companies");
    for (const row of rows) expect(stub.store.get("companies", row.values.id as string)?.name).toBe(row.values.name);
  });

  it("recovers from a run cut off mid-push: nothing created twice, nothing lost", async () => {
    await pullCompanies();
    await editSheet(book, "Companies", ({ appendRow }) => {
      for (let i = 0; i < 30; i++) appendRow({ name: `New ${i}` });
    });
    // Once the first batch of 10 has landed, every later request is applied and then its connection dropped.
    const insert = stub.store.insert.bind(stub.store);
    let inserted = 0;
    stub.store.insert = (...args) => {
      const record = insert(...args);
      if (++inserted === 10) stub.setFaults({ dropRate: 1, faultAfterWrite: true });
      return record;
    };
    const cut = await cli(stub, dir, ["push", "--file", "book.xlsx"], { TWENTY_BATCH_SIZE: "10" });
    expect(cut.code).toBe(3);
    expect(cut.stdout).toMatch(/error Companies Rows 15–34 \(20 rows\): .*connection closed/);
    // The first batch landed and answered; the second landed but its answer was lost.
    expect(stub.store.count("companies")).toBe(23);
    stub.setFaults(null);

    const rerun = await cli(stub, dir, ["push", "--file", "book.xlsx"], { TWENTY_BATCH_SIZE: "10" });
    expect(rerun.code).toBe(0);
    expect(stub.store.count("companies")).toBe(33);
    const { rows } = await readSheet(book, "Companies");
    expect(rows).toHaveLength(33);
    for (const row of rows) expect(stub.store.get("companies", row.values.id as string)?.name).toBe(row.values.name);
  });
});
