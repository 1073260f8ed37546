import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { appendsOnly, excelWithPort, PEOPLE_COLUMNS, person } from "./support/port";

const at = new Date("2026-11-22T10:00:00.000Z");

async function trackedWorkbook(apiVersion: string) {
  const setup = excelWithPort({ apiVersion }, { now: () => at, ownWriteGraceMs: 0 });
  await setup.port.applyChanges("People", appendsOnly([person(1), person(2), person(3)]));
  const tracking = await setup.port.startEditTracking(["People"]);
  return { ...setup, tracking };
}

describe.each(["1.18", "1.9", "1.7"])("Excel adapter: local edit tracking on ExcelApi %s", (apiVersion) => {
  it("marks the rows the user edits with the edit time, stores them, and hands them to the engine", async () => {
    const { fake, port, tracking } = await trackedWorkbook(apiVersion);
    expect(tracking.sheets).toEqual(["People"]);
    await fake.editCell("People", "C3", "Bergen");
    await fake.whenIdle();
    await tracking.flushed();

    expect(JSON.parse((await port.readHidden(HIDDEN_KEYS.edits("People"))) ?? "null")).toEqual({ "3": at.toISOString() });
    const table = await port.readTable("People");
    expect(table?.rows.map((r) => r.editedAt)).toEqual([null, at.toISOString(), null]);
  });

  it("ignores the add-in's own writes", async () => {
    const { fake, port, tracking } = await trackedWorkbook(apiVersion);
    await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [{ rowNumber: 2, values: { city: "Rome" } }], deleteRows: [], appends: [person(4)] });
    await port.setMarks("People", { conflicts: [], rowErrors: [{ rowNumber: 3, message: "bad" }] });
    await fake.whenIdle();
    await tracking.flushed();
    expect(await port.readHidden(HIDDEN_KEYS.edits("People"))).toBeNull();
    expect(fake.handlerErrors).toEqual([]);
  });
});

describe("Excel adapter: edit records and row deletions", () => {
  it("moves edit times with their rows when rows above are deleted, and drops those of deleted rows", async () => {
    const { fake, port, tracking } = await trackedWorkbook("1.18");
    await fake.editCell("People", "B3", "edited");
    await fake.editCell("People", "B4", "edited too");
    await fake.whenIdle();
    await tracking.flushed();

    await port.applyChanges("People", { columns: PEOPLE_COLUMNS, updates: [], deleteRows: [3], appends: [] });
    expect(JSON.parse((await port.readHidden(HIDDEN_KEYS.edits("People"))) ?? "null")).toEqual({ "3": at.toISOString() });
  });

  it("stores a burst of edits in one write", async () => {
    const { fake, port, tracking } = await trackedWorkbook("1.18");
    const runsBefore = fake.stats.runs;
    await Promise.all(["B2", "B3", "B4", "C4"].map((cell) => fake.editCell("People", cell, "typed")));
    await fake.whenIdle();
    await tracking.flushed();
    expect(fake.stats.runs - runsBefore).toBe(1);
    expect(Object.keys(JSON.parse((await port.readHidden(HIDDEN_KEYS.edits("People"))) ?? "{}"))).toEqual(["2", "3", "4"]);
  });

  it("stops recording after stop()", async () => {
    const { fake, port, tracking } = await trackedWorkbook("1.18");
    await tracking.stop();
    await fake.editCell("People", "B2", "after stop");
    await fake.whenIdle();
    expect(await port.readHidden(HIDDEN_KEYS.edits("People"))).toBeNull();
  });

  it("reports damaged edit records as a validation error", async () => {
    const { port } = await trackedWorkbook("1.18");
    await port.writeHidden(HIDDEN_KEYS.edits("People"), '{"2":"yesterday"}');
    await expect(port.readTable("People")).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
