import type { SheetMarks } from "../../src/sync/ports";
import { ERROR_COLUMN_HEADER, MARK_COLORS, NOTE_PREFIX } from "../../src/workbook-layout/layout";
import { appendsOnly, excelWithPort, person } from "./support/port";

const marks: SheetMarks = {
  conflicts: [{ rowNumber: 3, column: "city", note: "base: Oslo, sheet: Bergen, Twenty: Paris (changed 2026-11-20)" }],
  rowErrors: [{ rowNumber: 4, message: 'Row 4, column "employees": not a number' }],
};
const none: SheetMarks = { conflicts: [], rowErrors: [] };

async function markedWorkbook(apiVersion?: string) {
  const setup = excelWithPort(apiVersion ? { apiVersion } : {});
  await setup.port.applyChanges("People", appendsOnly([person(1), person(2), person(3), person(4)]));
  return setup;
}

describe("Excel adapter: conflict and row-error marks", () => {
  it("fills a conflicting cell and explains it in a note; fills an erroring row and writes the reason beside the table", async () => {
    const { fake, port } = await markedWorkbook();
    await port.setMarks("People", marks);

    expect(fake.workbook.cell("People!C3").fill).toBe(MARK_COLORS.conflictFill);
    expect(fake.workbook.notes("People")).toEqual([{ address: "People!C3", content: `${NOTE_PREFIX}: ${marks.conflicts[0].note}` }]);
    for (const column of ["A", "B", "C", "D", "E", "F"]) expect(fake.workbook.cell(`People!${column}4`).fill).toBe(MARK_COLORS.rowErrorFill);
    expect(fake.workbook.values("People!G1:G4")).toEqual([[ERROR_COLUMN_HEADER], [""], [""], [marks.rowErrors[0].message]]);
    expect(fake.workbook.tables("People")[0].address).toBe("A1:F5");
  });

  it("replaces old marks and clears them all when nothing is left, keeping the user's own fills and notes", async () => {
    const { fake, port } = await markedWorkbook();
    fake.workbook.setFill("People!B2", "#00B050");
    fake.workbook.setFill("People!A9", "#FFC7CE");
    fake.workbook.addNote("People!B5", "my own reminder");

    await port.setMarks("People", marks);
    await port.setMarks("People", { conflicts: [{ rowNumber: 2, column: "id", note: "again" }], rowErrors: [] });
    expect(fake.workbook.cell("People!C3").fill).toBeNull();
    expect(fake.workbook.cell("People!A4").fill).toBeNull();
    expect(fake.workbook.cell("People!A2").fill).toBe(MARK_COLORS.conflictFill);
    expect(fake.workbook.values("People!G4")).toEqual([[""]]);

    await port.setMarks("People", none);
    expect(fake.workbook.cell("People!A2").fill).toBeNull();
    expect(fake.workbook.notes("People")).toEqual([{ address: "People!B5", content: "my own reminder" }]);
    expect(fake.workbook.cell("People!B2").fill).toBe("#00B050");
    expect(fake.workbook.cell("People!A9").fill).toBe("#FFC7CE");
  });

  it("shows a settled both-sides change as a notice in its own colour, and clears it with the next marks", async () => {
    const { fake, port } = await markedWorkbook();
    fake.workbook.setFill("People!B3", "#00B050");
    const notice = { rowNumber: 2, column: "city", kind: "notice" as const, note: `${NOTE_PREFIX}: both sides changed; replaced sheet value: "Bergen"` };
    await port.setMarks("People", { conflicts: [notice, ...marks.conflicts], rowErrors: [] });

    expect(fake.workbook.cell("People!C2").fill).toBe(MARK_COLORS.noticeFill);
    expect(fake.workbook.cell("People!C3").fill).toBe(MARK_COLORS.conflictFill);
    expect(fake.workbook.notes("People")).toContainEqual({ address: "People!C2", content: notice.note });

    await port.setMarks("People", none);
    expect(fake.workbook.cell("People!C2").fill).toBeNull();
    expect(fake.workbook.notes("People")).toEqual([]);
    expect(fake.workbook.cell("People!B3").fill).toBe("#00B050");
  });

  it("uses threaded comments when notes (ExcelApi 1.18) are not supported", async () => {
    const { fake, port } = await markedWorkbook("1.17");
    await port.setMarks("People", marks);
    expect(fake.workbook.notes()).toEqual([]);
    expect(fake.workbook.comments("People")).toEqual([{ address: "People!C3", content: `${NOTE_PREFIX}: ${marks.conflicts[0].note}` }]);
    await port.setMarks("People", none);
    expect(fake.workbook.comments()).toEqual([]);
  });

  it("writes the conflict into the error column when the host has neither notes nor comments", async () => {
    const { fake, port } = await markedWorkbook("1.9");
    await port.setMarks("People", marks);
    expect(fake.workbook.cell("People!C3").fill).toBe(MARK_COLORS.conflictFill);
    expect(fake.workbook.values("People!G3")).toEqual([[`city: ${NOTE_PREFIX}: ${marks.conflicts[0].note}`]]);
    await port.setMarks("People", none);
    expect(fake.workbook.cell("People!C3").fill).toBeNull();
    expect(fake.workbook.values("People!G3:G4")).toEqual([[""], [""]]);
  });

  it("writes a notice into the error column, in its own colour, when the host has neither notes nor comments", async () => {
    const { fake, port } = await markedWorkbook("1.9");
    const notice = { rowNumber: 2, column: "city", kind: "notice" as const, note: `${NOTE_PREFIX} notice\nReplaced sheet value: "Bergen"` };
    await port.setMarks("People", { conflicts: [notice], rowErrors: [] });
    expect(fake.workbook.cell("People!C2").fill).toBe(MARK_COLORS.noticeFill);
    expect(fake.workbook.values("People!G2")).toEqual([[`city: ${notice.note}`]]);
    await port.setMarks("People", none);
    expect(fake.workbook.cell("People!C2").fill).toBeNull();
    expect(fake.workbook.values("People!G2")).toEqual([[""]]);
  });

  it("keeps the error column out of the table the engine reads", async () => {
    const { port } = await markedWorkbook();
    await port.setMarks("People", marks);
    const table = await port.readTable("People");
    expect(table?.headers).not.toContain(ERROR_COLUMN_HEADER);
  });
});
