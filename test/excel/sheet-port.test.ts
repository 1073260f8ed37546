import { SyncError } from "../../src/sync/errors";
import type { SheetChanges } from "../../src/sync/ports";
import { MARK_COLORS } from "../../src/workbook-layout/layout";
import { appendsOnly, excelWithPort, PEOPLE_COLUMNS, person } from "./support/port";

const people = (n: number, from = 1) => Array.from({ length: n }, (_, i) => person(from + i));

describe("Excel adapter: writing and reading a synced sheet", () => {
  it("pulls records into a new worksheet as a table with formats, read-only styling and a dropdown on the data rows", async () => {
    const { fake, port } = excelWithPort();
    const { appendedRowNumbers } = await port.applyChanges("People", appendsOnly(people(3)));

    expect(appendedRowNumbers).toEqual([2, 3, 4]);
    expect(fake.workbook.tables("People")).toEqual([
      expect.objectContaining({ name: "Twenty_People", address: "A1:F4", headers: PEOPLE_COLUMNS.map((c) => c.header) }),
    ]);
    expect(fake.workbook.cell("People!B2").numberFormat).toBe("@");
    expect(fake.workbook.cell("People!F2").numberFormat).toBe("yyyy-mm-dd hh:mm");
    expect(fake.workbook.cell("People!A1")).toMatchObject({ fill: MARK_COLORS.readOnlyHeaderFill, font: { bold: true } });
    expect(fake.workbook.cell("People!A3").font).toMatchObject({ italic: true, color: MARK_COLORS.readOnlyFont });
    expect(fake.workbook.cell("People!B3").font.italic).toBe(false);
    expect(fake.workbook.cell("People!E4").validation).toEqual({ list: { inCellDropDown: true, source: "LEAD,CUSTOMER,CHURNED" } });
    expect(fake.workbook.cell("People!E5").validation).toBeNull();
  });

  it("reads back rows keyed by header with their worksheet row numbers, empty cells as null", async () => {
    const { port } = excelWithPort();
    await port.applyChanges("People", appendsOnly([person(1), { ...person(2), city: null }]));
    const table = await port.readTable("People");
    expect(table?.headers).toEqual(PEOPLE_COLUMNS.map((c) => c.header));
    expect(table?.rows).toEqual([
      { rowNumber: 2, values: person(1), editedAt: null },
      { rowNumber: 3, values: { ...person(2), city: null }, editedAt: null },
    ]);
    expect(await port.readTable("Nope")).toBeNull();
  });

  it("writes and reads 10,000 rows in a number of round trips set by blocks, not rows", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(10_000)));
    const writeSyncs = fake.stats.syncs;
    expect(writeSyncs).toBeLessThanOrEqual(Math.ceil(10_000 / 5_000) + 4);

    const before = fake.stats.syncs;
    const table = await port.readTable("People");
    expect(table?.rows).toHaveLength(10_000);
    expect(table?.rows[9_999]).toEqual({ rowNumber: 10_001, values: person(10_000), editedAt: null });
    expect(fake.stats.syncs - before).toBeLessThanOrEqual(Math.ceil(10_000 / 5_000) + 5);
  });

  it("writes 100 edits scattered over 10,000 rows in one round trip, sending only the edited cells", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(10_000)));
    const updates = Array.from({ length: 100 }, (_, i) => ({ rowNumber: 2 + i * 100, expectId: `id-${1 + i * 100}`, values: { city: `Edited ${i}` } }));
    const before = { ...fake.stats };
    await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates, deleteRows: [], appends: [] });

    const cityColumn = fake.workbook.values(`People!C2:C10001`).map(([v]) => v);
    expect(cityColumn.filter((v) => String(v).startsWith("Edited"))).toHaveLength(100);
    expect(cityColumn[9_900]).toBe("Edited 99");
    expect(cityColumn[9_901]).toBe(person(9_902).city);
    expect(fake.stats.syncs - before.syncs).toBeLessThanOrEqual(7);
    // Reading the 100 rows and writing their cells: about 30 KB; padding the gaps with nulls sent all 10,000 rows (157 KB).
    expect(fake.stats.payloadBytes - before.payloadBytes).toBeLessThan(60_000);
  });

  it("checks only the id and the written columns of updated rows, so writing ids back does not re-read whole rows", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(10_000).map((p) => ({ ...p, id: null }))));
    const updates = Array.from({ length: 10_000 }, (_, i) => ({ rowNumber: 2 + i, values: { id: `new-${i}` } }));
    const before = fake.stats.payloadBytes;
    await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates, deleteRows: [], appends: [] });
    expect(fake.workbook.values("People!A10001:C10001")).toEqual([["new-9999", person(10_000)["name.firstName"], person(10_000).city]]);
    // About 290 KB: ids read and written; reading the whole rows too came to 1.1 MB.
    expect(fake.stats.payloadBytes - before).toBeLessThan(500_000);
  });

  it("doubling the rows doubles the write blocks, not the round trips per cell", async () => {
    const syncsFor = async (rows: number) => {
      const { fake, port } = excelWithPort({}, { writeLimits: { blockRows: 500, blockBytes: 3_500_000 } });
      await port.applyChanges("People", appendsOnly(people(rows)));
      return fake.stats.syncs;
    };
    const small = await syncsFor(2_000);
    const large = await syncsFor(4_000);
    expect(large - small).toBe(4_000 / 500 - 2_000 / 500);
  });

  it("splits writes and reads so no request or response exceeds Excel's 5 MB payload limit", async () => {
    const { fake, port } = excelWithPort();
    const long = "x".repeat(120);
    await port.applyChanges("People", appendsOnly(people(10_000).map((p) => ({ ...p, city: `${long}${p.id}` }))));
    expect(fake.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.workbook.values("People!C10001")).toEqual([[`${long}id-10000`]]);
    // Reading it back needs smaller blocks than the default: the adapter halves a block Excel refuses.
    const table = await port.readTable("People");
    expect(table?.rows).toHaveLength(10_000);
    expect(table?.rows[9_999].values.city).toBe(`${long}id-10000`);
  });

  it("writes CRM text that looks like a formula as text, and keeps numbers numbers", async () => {
    const { fake, port } = excelWithPort();
    const risky = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "'quoted"];
    const columns = [...PEOPLE_COLUMNS, { header: "note", readOnly: false, format: "general" as const }];
    await port.applyChanges("People", appendsOnly(risky.map((text, i) => ({ ...person(i), city: text, note: text })), columns));

    risky.forEach((text, i) => {
      for (const column of ["C", "G"]) {
        const cell = fake.workbook.cell(`People!${column}${i + 2}`);
        expect(cell.formula).toBeNull();
        expect(cell.value).toBe(text);
      }
    });
    expect(fake.workbook.cell("People!D2").value).toBe(0);
    const table = await port.readTable("People");
    expect(table?.rows.map((r) => r.values.note)).toEqual(risky);
  });

  it("never overwrites a user's formula cell and tells the engine which cells hold formulas", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(2)));
    await fake.editCell("People", "D3", "=D2*10");

    const table = await port.readTable("People");
    expect(table?.rows[1]).toMatchObject({ rowNumber: 3, values: { employees: 10 }, formulaColumns: ["employees"] });

    const result = await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [{ rowNumber: 3, expectId: "id-2", values: { employees: 99, city: "Paris" } }], deleteRows: [], appends: [] });
    expect(result.skippedFormulaCells).toEqual([{ rowNumber: 3, column: "employees" }]);
    expect(fake.workbook.cell("People!D3").formula).toBe("=D2*10");
    expect(fake.workbook.cell("People!C3").value).toBe("Paris");
  });

  it("leaves a user's own columns outside the table alone and does not read them", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(3)));
    fake.workbook.setValues("People!H1", [["my notes"], ["call back"], ["vip"], ["-"]]);

    await port.applyChanges("People", {
      columns: PEOPLE_COLUMNS,
      updates: [{ rowNumber: 2, values: { city: "Lyon" } }],
      deleteRows: [],
      appends: [person(4)],
    });
    expect(fake.workbook.values("People!H1:H4")).toEqual([["my notes"], ["call back"], ["vip"], ["-"]]);
    const table = await port.readTable("People");
    expect(table?.headers).not.toContain("my notes");
    expect(table?.rows.map((r) => r.values.city)).toEqual(["Lyon", "City 2", "City 3", "City 4"]);
  });

  it("adds missing columns at the end of the table, shifting the user's columns instead of overwriting them", async () => {
    const { fake, port } = excelWithPort();
    const firstColumns = PEOPLE_COLUMNS.slice(0, 3);
    await port.applyChanges("People", appendsOnly([{ id: "a", "name.firstName": "Ann", city: "Oslo" }], firstColumns));
    fake.workbook.setValues("People!E1", [["mine"], ["keep"]]);

    await port.applyChanges("People", {
      columns: [...firstColumns, { header: "employees", readOnly: false, format: "number" }],
      updates: [{ rowNumber: 2, expectId: "a", values: { employees: 7 } }],
      deleteRows: [],
      appends: [],
    });
    expect(fake.workbook.tables("People")[0]).toMatchObject({ address: "A1:D2", headers: ["id", "name.firstName", "city", "employees"] });
    expect(fake.workbook.values("People!D2:F2")).toEqual([[7, "", "keep"]]);
  });

  it("finds a row by id when the user moved it, and refuses to write when the id is gone", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(3)));
    // The user swaps rows 2 and 4 (as a sort would).
    const row2 = fake.workbook.values("People!A2:F2");
    const row4 = fake.workbook.values("People!A4:F4");
    fake.workbook.setValues("People!A2", row4);
    fake.workbook.setValues("People!A4", row2);

    await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [{ rowNumber: 2, expectId: "id-1", values: { city: "Moved" } }], deleteRows: [], appends: [] });
    expect(fake.workbook.values("People!A4:C4")).toEqual([["id-1", "First 1", "Moved"]]);
    expect(fake.workbook.values("People!C2")).toEqual([["City 3"]]);

    const missing = port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [{ rowNumber: 2, expectId: "id-404", values: { city: "x" } }], deleteRows: [], appends: [] });
    await expect(missing).rejects.toBeInstanceOf(SyncError);
    await expect(missing).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes rows bottom-up and appends after the remaining rows, reporting where appends landed", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(5)));
    const changes: SheetChanges = { columns: PEOPLE_COLUMNS, updates: [], deleteRows: [3, 5, 6], appends: [person(6)] };
    const { appendedRowNumbers } = await port.applyChanges("People", changes);

    expect(appendedRowNumbers).toEqual([4]);
    expect(fake.workbook.values("People!A2:A5").flat()).toEqual(["id-1", "id-3", "id-6", ""]);
    expect(fake.workbook.tables("People")[0].address).toBe("A1:F4");
  });

  it("updates a few rows of a large table without reading the whole table", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(10_000)));
    const before = { ...fake.stats };
    await port.applyChanges("People", {
      columns: PEOPLE_COLUMNS,
      updates: [2, 5_000, 10_001].map((rowNumber) => ({ rowNumber, expectId: `id-${rowNumber - 1}`, values: { city: "Updated" } })),
      deleteRows: [],
      appends: [person(10_001)],
    });
    expect(fake.stats.payloadBytes - before.payloadBytes).toBeLessThan(50_000);
    expect(fake.workbook.values("People!C5000")).toEqual([["Updated"]]);
    expect(fake.workbook.values("People!A10002")).toEqual([["id-10001"]]);
  });

  it("appends into the table's trailing blank rows before growing it", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(4)));
    fake.workbook.setValues("People!A4", [["", "", "", "", "", ""], ["", "", "", "", "", ""]]);
    const { appendedRowNumbers } = await port.applyChanges("People", appendsOnly([person(7)]));
    expect(appendedRowNumbers).toEqual([4]);
    expect(fake.workbook.tables("People")[0].address).toBe("A1:F5");
    expect((await port.readTable("People"))?.rows.map((r) => r.values.id)).toEqual(["id-1", "id-2", "id-7"]);
  });

  it("rejects a change naming a column the sheet does not have, before writing anything", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(1)));
    const bad = port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [{ rowNumber: 2, values: { city: "ok" } }], deleteRows: [], appends: [{ id: "n", nope: 1 }] });
    await expect(bad).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringContaining('"nope"') });
    expect(fake.workbook.values("People!C2")).toEqual([["City 1"]]);
  });

  it("reads the header row 1 layout when the user removed the table, and puts a table back on the next write", async () => {
    const { fake, port } = excelWithPort({ sheets: { People: [["id", "city", "sync error"], ["a", "Rome", "old"], ["b", "Turin", ""]] } });
    const table = await port.readTable("People");
    expect(table?.headers).toEqual(["id", "city"]);
    expect(table?.rows.map((r) => r.values)).toEqual([{ id: "a", city: "Rome" }, { id: "b", city: "Turin" }]);

    await port.applyChanges("People", { columns: [{ header: "id", readOnly: true, format: "text" }, { header: "city", readOnly: false, format: "text" }], updates: [], deleteRows: [], appends: [{ id: "c", city: "Bari" }] });
    expect(fake.workbook.tables("People")[0]).toMatchObject({ address: "A1:B4", headers: ["id", "city"] });
    expect(fake.workbook.values("People!A4:B4")).toEqual([["c", "Bari"]]);
  });

  it("appends through table.rows.add when the host cannot resize tables (before ExcelApi 1.13)", async () => {
    const { fake, port } = excelWithPort({ apiVersion: "1.12" });
    await port.applyChanges("People", appendsOnly(people(2)));
    await port.applyChanges("People", appendsOnly([person(3), { ...person(4), city: "=1+1" }]));
    expect(fake.workbook.tables("People")[0].address).toBe("A1:F5");
    expect(fake.workbook.cell("People!C5")).toMatchObject({ formula: null, value: "=1+1" });
  });

  it("refuses the state sheet as a data sheet", async () => {
    const { port } = excelWithPort();
    await expect(port.readTable("_twenty_sync")).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });

  it("turns Office errors into SyncErrors naming what it was doing", async () => {
    const { port } = excelWithPort();
    await expect(port.selectRow("Missing", 3)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining('selecting row 3 of "Missing"') });
  });

  it("lists worksheets without the state sheet and selects a row on its sheet", async () => {
    const { fake, port } = excelWithPort();
    await port.applyChanges("People", appendsOnly(people(3)));
    await port.writeHidden("settings", "{}");
    expect(await port.listWorksheets()).toEqual([{ name: "Sheet1", visible: true }, { name: "People", visible: true }]);
    await port.selectRow("People", 3);
    expect(fake.workbook.activeSheet()).toBe("People");
    expect(fake.workbook.selection()).toBe("People!A3:XFD3");
  });

  it("waits for a cell edit to finish where the host supports it", async () => {
    const { fake, port } = excelWithPort();
    await port.listWorksheets();
    expect(fake.stats.lastRunOptions).toEqual({ delayForCellEdit: true });
  });
});
