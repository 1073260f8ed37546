import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { fillColor, noteText, solidFill } from "../../src/cli/xlsx-cells";
import { openXlsxFile } from "../../src/cli/xlsx-file";
import { zipMemberText } from "./cli-helpers";
import type { ColumnSpec } from "../../src/sync/ports";
import { ERROR_COLUMN_HEADER, MARK_COLORS, NOTE_PREFIX, STATE_SHEET_NAME } from "../../src/workbook-layout/layout";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "xlsx-port-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const columns: ColumnSpec[] = [
  { header: "id", readOnly: true, format: "text" },
  { header: "name", readOnly: false, format: "text" },
  { header: "employees", readOnly: false, format: "number" },
  { header: "createdAt", readOnly: true, format: "datetime" },
  { header: "stage", readOnly: false, format: "text", options: ["LEAD", "WON"] },
];

async function reopen(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function unzip(path: string, member: string): string {
  return zipMemberText(readFileSync(path), member);
}

describe("xlsx sheet port", () => {
  it("writes a table at A1 that grows with appended rows and reads back the same values", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    const first = await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [
        { id: "a", name: "Acme", employees: 12, createdAt: 45000.5, stage: "LEAD" },
        { id: "b", name: "Beta", employees: null, createdAt: null, stage: null },
      ],
    });
    expect(first.appendedRowNumbers).toEqual([2, 3]);
    await file.save();

    const again = await openXlsxFile(path);
    const second = await again.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [{ id: "c", name: "Gamma" }],
    });
    expect(second.appendedRowNumbers).toEqual([4]);
    await again.save();

    const table = await (await openXlsxFile(path)).port.readTable("Companies");
    expect(table?.headers).toEqual(["id", "name", "employees", "createdAt", "stage"]);
    expect(table?.rows.map((r) => [r.rowNumber, r.values])).toEqual([
      [2, { id: "a", name: "Acme", employees: 12, createdAt: 45000.5, stage: "LEAD" }],
      [3, { id: "b", name: "Beta", employees: null, createdAt: null, stage: null }],
      [4, { id: "c", name: "Gamma", employees: null, createdAt: null, stage: null }],
    ]);
    const tableXml = unzip(path, "xl/tables/table1.xml");
    expect(tableXml).toMatch(/ref="A1:E4"/);
    const book = await reopen(path);
    const ws = book.getWorksheet("Companies")!;
    expect(ws.getCell("D2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(ws.getCell("A1").fill).toMatchObject({ fgColor: { argb: `FF${MARK_COLORS.readOnlyHeaderFill.slice(1)}` } });
    expect(ws.getCell("E3").dataValidation).toMatchObject({ type: "list", formulae: ['"LEAD,WON"'] });
  });

  it("stores text that looks like a formula as a plain string", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [
        { id: "a", name: '=HYPERLINK("x")' },
        { id: "b", name: "+1" },
        { id: "c", name: "@me" },
        { id: "d", name: "-2" },
      ],
    });
    await file.save();
    const sheetXml = unzip(path, "xl/worksheets/sheet1.xml");
    expect(sheetXml).not.toContain("<f>");
    const table = await (await openXlsxFile(path)).port.readTable("Companies");
    expect(table?.rows.map((r) => r.values.name)).toEqual(['=HYPERLINK("x")', "+1", "@me", "-2"]);
  });

  it("updates rows by number, finds moved rows by id, and deletes bottom-up", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: ["a", "b", "c", "d"].map((id) => ({ id, name: id.toUpperCase() })),
    });
    await file.port.applyChanges("Companies", {
      columns,
      updates: [
        { rowNumber: 2, expectId: "a", values: { name: "A2" } },
        { rowNumber: 3, expectId: "d", values: { name: "D2" } },
      ],
      deleteRows: [3, 4],
      appends: [],
    });
    const table = await file.port.readTable("Companies");
    expect(table?.rows.map((r) => [r.rowNumber, r.values.id, r.values.name])).toEqual([
      [2, "a", "A2"],
      [3, "d", "D2"],
    ]);
    await expect(
      file.port.applyChanges("Companies", {
        columns,
        updates: [{ rowNumber: 2, expectId: "zzz", values: { name: "x" } }],
        deleteRows: [],
        appends: [],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("replaces its own marks, keeps the user's notes, and lists row errors right of the table", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
    });
    await file.save();
    const book = await reopen(path);
    book.getWorksheet("Companies")!.getCell("A3").note = "user note";
    await book.xlsx.writeFile(path);

    const next = await openXlsxFile(path);
    await next.port.setMarks("Companies", {
      conflicts: [{ rowNumber: 2, column: "name", note: `${NOTE_PREFIX}: conflict, base X, sheet A, CRM Z` }],
      rowErrors: [{ rowNumber: 3, message: "employees: not a number" }],
    });
    await next.save();
    let ws = (await reopen(path)).getWorksheet("Companies")!;
    expect(noteText(ws.getCell("B2"))).toContain("CRM Z");
    expect(ws.getCell("B2").fill).toMatchObject({ fgColor: { argb: `FF${MARK_COLORS.conflictFill.slice(1)}` } });
    expect(ws.getCell("F1").value).toBe(ERROR_COLUMN_HEADER);
    expect(ws.getCell("F3").value).toBe("employees: not a number");
    expect(ws.getCell("C3").fill).toMatchObject({ fgColor: { argb: `FF${MARK_COLORS.rowErrorFill.slice(1)}` } });

    const last = await openXlsxFile(path);
    await last.port.setMarks("Companies", { conflicts: [], rowErrors: [] });
    await last.save();
    ws = (await reopen(path)).getWorksheet("Companies")!;
    expect(ws.getCell("B2").note).toBeUndefined();
    expect(fillColor(ws.getCell("B2"))).toBeNull();
    expect(fillColor(ws.getCell("C3"))).toBeNull();
    expect(ws.getCell("F1").value).toBeNull();
    expect(noteText(ws.getCell("A3"))).toBe("user note");
  });

  it("adds a new column without overwriting the user's own column right of the table, and leaves formula cells alone", async () => {
    const path = join(dir, "book.xlsx");
    const two = columns.slice(0, 2);
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns: two,
      updates: [],
      deleteRows: [],
      appends: [{ id: "a", name: "A" }],
    });
    await file.save();
    const book = await reopen(path);
    const ws = book.getWorksheet("Companies")!;
    ws.getCell("C1").value = "my notes";
    ws.getCell("C2").value = "call back";
    ws.getCell("B2").value = { formula: 'UPPER("a")', result: "A" };
    await book.xlsx.writeFile(path);

    const next = await openXlsxFile(path);
    await next.port.applyChanges("Companies", {
      columns: columns.slice(0, 3),
      updates: [{ rowNumber: 2, expectId: "a", values: { name: "changed", employees: 7 } }],
      deleteRows: [],
      appends: [],
    });
    await next.save();
    const after = (await reopen(path)).getWorksheet("Companies")!;
    expect([1, 2, 3, 4].map((c) => after.getCell(1, c).value)).toEqual(["id", "name", "employees", "my notes"]);
    expect(after.getCell("D2").value).toBe("call back");
    expect(after.getCell("C2").value).toBe(7);
    expect(after.getCell("B2").value).toMatchObject({ formula: 'UPPER("a")' });
  });

  it("joins several messages for one row in the error column", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [{ id: "a", name: "A" }],
    });
    await file.port.setMarks("Companies", {
      conflicts: [],
      rowErrors: [
        { rowNumber: 2, message: "employees: not a number" },
        { rowNumber: 2, message: "stage: unknown option" },
      ],
    });
    await file.save();
    const ws = (await reopen(path)).getWorksheet("Companies")!;
    expect(ws.getCell("F2").value).toBe("employees: not a number; stage: unknown option");
  });

  it("marks a settled both-sides change as a notice in its own colour, distinct from an open conflict, and clears it next time", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
    });
    await file.port.setMarks("Companies", {
      conflicts: [
        {
          rowNumber: 2,
          column: "name",
          kind: "notice",
          note: `${NOTE_PREFIX} notice\nkept the Twenty value\nReplaced sheet value: "Old"`,
        },
        { rowNumber: 3, column: "name", note: "conflict" },
      ],
      rowErrors: [],
    });
    await file.save();
    const book = await reopen(path);
    let ws = book.getWorksheet("Companies")!;
    expect(fillColor(ws.getCell("B2"))).toBe(`FF${MARK_COLORS.noticeFill.slice(1)}`);
    expect(fillColor(ws.getCell("B3"))).toBe(`FF${MARK_COLORS.conflictFill.slice(1)}`);
    expect(noteText(ws.getCell("B2"))).toBe(
      `${NOTE_PREFIX} notice\nkept the Twenty value\nReplaced sheet value: "Old"`,
    );
    ws.getCell("C2").fill = solidFill("#00B050");
    await book.xlsx.writeFile(path);

    const next = await openXlsxFile(path);
    await next.port.setMarks("Companies", { conflicts: [], rowErrors: [] });
    await next.save();
    ws = (await reopen(path)).getWorksheet("Companies")!;
    expect(fillColor(ws.getCell("B2"))).toBeNull();
    expect(ws.getCell("B2").note).toBeUndefined();
    expect(fillColor(ws.getCell("B3"))).toBeNull();
    expect(fillColor(ws.getCell("C2"))).toBe("FF00B050");
  });

  it("keeps hidden state in a very hidden sheet, chunked, across saves", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    const big = "x".repeat(70_000);
    await file.port.applyChanges("Companies", { columns, updates: [], deleteRows: [], appends: [] });
    await file.port.writeHidden("state/companies", big);
    await file.port.writeHidden("settings", '{"version":1}');
    await file.save();
    const book = await reopen(path);
    expect(book.getWorksheet(STATE_SHEET_NAME)?.state).toBe("veryHidden");
    expect(book.getWorksheet(STATE_SHEET_NAME)?.getCell("A1").value).toBe("key");
    const reopened = await openXlsxFile(path);
    expect(await reopened.port.readHidden("state/companies")).toBe(big);
    expect(await reopened.port.readHidden("settings")).toBe('{"version":1}');
    expect(await reopened.port.readHidden("missing")).toBeNull();
    await expect(reopened.port.readTable(STATE_SHEET_NAME)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });

  it("saves at the first state write after rows changed, so ids on new rows reach disk before the CRM", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.applyChanges("Companies", {
      columns,
      updates: [],
      deleteRows: [],
      appends: [{ id: "client-id-1", name: "New" }],
    });
    await file.port.writeHidden("state/companies", "{}");
    const table = await (await openXlsxFile(path)).port.readTable("Companies");
    expect(table?.rows.map((r) => r.values.id)).toEqual(["client-id-1"]);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});
