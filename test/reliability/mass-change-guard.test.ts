/**
 * The mass-change guard: a run that would delete or clear more than the workbook's share of an object's
 * records stops before writing anything and says why; the same run with `confirmMassChanges` goes ahead.
 */
import { COMPANY_COLUMNS, startRig, type Rig } from "./support/rig";

const SHEET = "Companies";
const RECORDS = 20;

let rig: Rig;
afterEach(async () => rig?.close());

async function pulled(columns: Record<string, unknown>[] = COMPANY_COLUMNS.map((column) => ({ column }))) {
  rig = await startRig({
    stub: { size: { companies: RECORDS } },
    mappings: [{ object: "companies", sheetName: SHEET, columns, applyDeletes: { inCrm: true, inSheet: true } }],
    settings: { massChangeGuardShare: 0.2 },
  });
  expect((await rig.sync("pull")).ok).toBe(true);
  await rig.trackEdits();
  return rig.rows(SHEET);
}

/** The user selects worksheet rows first..last and deletes them (cells shift up, the table shrinks). */
async function deleteSheetRows(first: number, last: number) {
  await rig.fake.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(SHEET).getRange(`A${first}:F${last}`).delete("Up");
    await context.sync();
  });
}

const liveIds = () => new Set(rig.stub.store.list("companies").map((r) => r.id));

describe("the mass-change guard", () => {
  it("blocks deleting 30% of the records in Twenty, writes nothing, and goes ahead once confirmed", async () => {
    const rows = await pulled();
    await deleteSheetRows(2, 7);
    const gone = rows.slice(0, 6).map((r) => String(r.values.id));

    const blocked = (await rig.sync("sync")).objects[0];
    expect(blocked.blocked?.reason).toMatch(/delete 6 record\(s\).*more than 20% of its 20 record\(s\)\. Confirm/);
    expect(blocked.applied).toEqual({ crmCreated: 0, crmUpdated: 0, crmDeleted: 0, sheetAppended: 0, sheetUpdated: 0, sheetDeleted: 0 });
    expect(liveIds().size).toBe(RECORDS);
    expect(await rig.rows(SHEET)).toHaveLength(RECORDS - 6);

    const confirmed = (await rig.sync("sync", { confirmMassChanges: true })).objects[0];
    expect(confirmed.blocked).toBeUndefined();
    expect(confirmed.applied.crmDeleted).toBe(6);
    for (const id of gone) expect(liveIds().has(id)).toBe(false);
    // Deleted softly: still in Twenty's trash.
    expect(rig.stub.store.count("companies", { includeDeleted: true })).toBe(RECORDS);
    await rig.expectSettled();
  });

  it("lets a deletion under the share through without asking", async () => {
    await pulled();
    await deleteSheetRows(2, 4);
    const report = (await rig.sync("sync")).objects[0];
    expect(report.blocked).toBeUndefined();
    expect(report.applied.crmDeleted).toBe(3);
    expect(liveIds().size).toBe(RECORDS - 3);
  });

  it("blocks removing the rows of many records deleted in Twenty, keeping every row until confirmed", async () => {
    const rows = await pulled();
    const doomed = rows.slice(0, 8).map((r) => String(r.values.id));
    for (const id of doomed) rig.stub.store.softDelete("companies", id);

    const blocked = (await rig.sync("sync")).objects[0];
    expect(blocked.blocked?.reason).toMatch(/delete 8 record\(s\)/);
    expect((await rig.rows(SHEET)).map((r) => r.values.id)).toEqual(rows.map((r) => r.values.id));

    const confirmed = (await rig.sync("sync", { confirmMassChanges: true })).objects[0];
    expect(confirmed.applied.sheetDeleted).toBe(8);
    const left = (await rig.rows(SHEET)).map((r) => String(r.values.id));
    expect(left).toHaveLength(RECORDS - 8);
    for (const id of doomed) expect(left).not.toContain(id);
  });

  it("blocks clearing a column across many records when empty cells clear Twenty values", async () => {
    const rows = await pulled(COMPANY_COLUMNS.map((column) => ({ column, clearWhenEmpty: column === "employees" })));
    const before = new Map(rig.stub.store.list("companies").map((r) => [r.id, r.employees]));
    for (const row of rows.slice(0, 6)) await rig.edit(SHEET, row.rowNumber, "employees", "");

    const blocked = (await rig.sync("sync")).objects[0];
    expect(blocked.blocked?.reason).toMatch(/clear values of 6 record\(s\)/);
    expect(new Map(rig.stub.store.list("companies").map((r) => [r.id, r.employees]))).toEqual(before);

    const confirmed = (await rig.sync("sync", { confirmMassChanges: true })).objects[0];
    expect(confirmed.applied.crmUpdated).toBe(6);
    for (const row of rows.slice(0, 6)) expect(rig.stub.store.get("companies", String(row.values.id))?.employees).toBeNull();
  });
});
