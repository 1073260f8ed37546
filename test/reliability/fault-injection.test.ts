/**
 * Faults between the add-in and Twenty: 500s, bare 502s, 429 storms, hung requests, connections cut before and
 * after the server applied a write. Whatever happens, repeated syncs converge: sheet and CRM equal, every
 * record once, every edit kept, and a fault-free sync finds nothing left to do.
 */
import { recordResolutions } from "../../src/sync";
import { parseObjectState } from "../../src/sync/state/object-state";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { columnById, COMPANY_COLUMNS, mapping, startRig, syncUntilOk, type Rig } from "./support/rig";

const SHEET = "Companies";
const COMPANIES = 150;
const NEW_ROWS = 75; // more than one write batch of 60

let rig: Rig;
afterEach(async () => rig?.close());

/** A pulled workbook with edits on both sides and new rows, ready to be synced through faults. */
async function workbookWithPendingWork(faultSeed: number) {
  rig = await startRig({ stub: { size: { companies: COMPANIES } }, mappings: [mapping("companies", SHEET, COMPANY_COLUMNS)] });
  const pull = await rig.sync("pull");
  expect(pull.ok).toBe(true);
  const rows = await rig.rows(SHEET);
  expect(rows).toHaveLength(COMPANIES);

  const sheetEdits = new Map<string, string>();
  for (const row of rows.slice(0, 12)) {
    const name = `Sheet edit ${row.rowNumber}`;
    await rig.edit(SHEET, row.rowNumber, "name", name);
    sheetEdits.set(String(row.values.id), name);
  }
  const crmEdits = new Map<string, number>();
  for (const row of rows.slice(40, 52)) {
    const employees = 90_000 + row.rowNumber;
    rig.stub.store.update("companies", String(row.values.id), { employees });
    crmEdits.set(String(row.values.id), employees);
  }
  const newNames: string[] = [];
  for (let i = 0; i < NEW_ROWS; i++) {
    const name = `Fresh company ${faultSeed}-${i}`;
    await rig.appendRow(SHEET, { name, employees: i });
    newNames.push(name);
  }
  return { sheetEdits, crmEdits, newNames };
}

async function expectConverged(work: Awaited<ReturnType<typeof workbookWithPendingWork>>) {
  rig.stub.setFaults(null);
  rig.stub.setRateLimit(null);
  const last = await rig.sync("sync");
  expect(last.ok).toBe(true);
  await rig.expectSettled();

  const rows = await rig.rows(SHEET);
  const crm = rig.stub.store.list("companies");
  const sheetIds = rows.map((r) => String(r.values.id));
  expect(new Set(sheetIds).size).toBe(sheetIds.length);
  expect(sheetIds.every((id) => id.length > 0)).toBe(true);
  expect(new Set(sheetIds)).toEqual(new Set(crm.map((r) => r.id)));
  expect(crm).toHaveLength(COMPANIES + NEW_ROWS);

  const crmById = new Map(crm.map((r) => [r.id, r]));
  for (const [id, name] of work.sheetEdits) expect(crmById.get(id)?.name).toBe(name);
  const employees = columnById(rows, "employees");
  for (const [id, value] of work.crmEdits) expect(employees.get(id)).toBe(value);
  for (const name of work.newNames) expect(crm.filter((r) => r.name === name)).toHaveLength(1);
  const names = columnById(rows, "name");
  for (const record of crm) expect(names.get(record.id)).toBe(record.name);

  // The stored state agrees: one entry per record, no create left pending.
  const { state } = parseObjectState("companies", await rig.sheet.readHidden(HIDDEN_KEYS.objectState("companies")));
  expect(new Set(state!.records.keys())).toEqual(new Set(crm.map((r) => r.id)));
  expect(state!.pendingCreates).toEqual({});
}

describe("syncing through server faults converges", () => {
  it("keeps every edit and creates each new row once through 500s and bare 502s", async () => {
    const work = await workbookWithPendingWork(1);
    rig.stub.setFaults({ serverErrorRate: 0.35, badGatewayRate: 0.15, seed: 3 });
    const reports = await syncUntilOk(rig, 8);
    expect(reports.at(-1)?.ok).toBe(true);
    expect(rig.stub.requestLog.filter((e) => e.status === 500 || e.status === 502).length).toBeGreaterThan(3);
    await expectConverged(work);
  });

  it("waits out a 429 storm and finishes with nothing lost", async () => {
    const work = await workbookWithPendingWork(2);
    // The client is told nothing of the limit, so it runs straight into it and must honour Retry-After.
    rig.stub.setRateLimit({ limit: 3, windowMs: 1_000 });
    const reports = await syncUntilOk(rig, 4);
    expect(reports.at(-1)?.ok).toBe(true);
    expect(rig.stub.requestLog.filter((e) => e.status === 429).length).toBeGreaterThan(0);
    await expectConverged(work);
  });

  it("never duplicates a record when requests hang or connections drop, even after the write was applied", async () => {
    const work = await workbookWithPendingWork(3);
    rig.stub.setFaults({ timeoutRate: 0.15, dropRate: 0.2, faultAfterWrite: true, seed: 5 });
    const reports = await syncUntilOk(rig, 10);
    expect(reports.at(-1)?.ok).toBe(true);
    expect(rig.stub.requestLog.filter((e) => e.status === 0).length).toBeGreaterThan(0);
    await expectConverged(work);
  });

  it("converges when the connection dies for good after the first batch landed, and the user syncs again later", async () => {
    const work = await workbookWithPendingWork(4);
    let cut = false;
    const failed = await rig.sync("sync", {}, {
      onProgress: (p) => {
        // From the second batch on, every write is applied by the server but its answer never arrives.
        if (!cut && p.phase === "writing-crm" && p.done >= 60) {
          cut = true;
          rig.stub.setFaults({ dropRate: 1, faultAfterWrite: true });
        }
      },
    });
    expect(cut).toBe(true);
    expect(failed.ok).toBe(false);
    expect(failed.objects[0].error?.code ?? failed.objects[0].rowErrors[0]?.error?.code).toBe("NETWORK_ERROR");
    await expectConverged(work);
  });

  it("deletes each removed row's record once when delete answers are lost after the server applied them", async () => {
    rig = await startRig({
      stub: { size: { companies: 40 } },
      mappings: [mapping("companies", SHEET, COMPANY_COLUMNS, { applyDeletes: { inCrm: true, inSheet: true } })],
    });
    expect((await rig.sync("pull")).ok).toBe(true);
    const removed = (await rig.rows(SHEET)).slice(0, 5).map((r) => String(r.values.id));
    await rig.fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange("A2:F6").delete("Up");
      await context.sync();
    });
    rig.stub.setFaults({ dropRate: 0.5, faultAfterWrite: true, seed: 3 });
    const reports = await syncUntilOk(rig, 8);
    expect(reports.at(-1)?.ok).toBe(true);
    expect(rig.stub.requestLog.filter((e) => e.method === "DELETE" && e.status === 0).length).toBeGreaterThan(0);
    rig.stub.setFaults(null);
    await rig.expectSettled();
    const live = new Set(rig.stub.store.list("companies").map((r) => r.id));
    expect(live.size).toBe(35);
    for (const id of removed) expect(live.has(id)).toBe(false);
    expect(new Set((await rig.rows(SHEET)).map((r) => String(r.values.id)))).toEqual(live);
  });

  it("keeps both values of a conflict through faults until the user resolves it", async () => {
    rig = await startRig({ stub: { size: { companies: 30 } }, mappings: [mapping("companies", SHEET, COMPANY_COLUMNS, { strategy: "field_merge" })] });
    expect((await rig.sync("pull")).ok).toBe(true);
    await rig.trackEdits();
    const contested = (await rig.rows(SHEET)).slice(0, 3);
    for (const row of contested) {
      await rig.edit(SHEET, row.rowNumber, "name", `Sheet name ${row.rowNumber}`);
      rig.stub.store.update("companies", String(row.values.id), { name: `Twenty name ${row.rowNumber}` });
    }
    rig.stub.setFaults({ serverErrorRate: 0.3, dropRate: 0.15, faultAfterWrite: true, seed: 21 });
    await syncUntilOk(rig, 8);
    expect(rig.stub.requestLog.filter((e) => e.status === 500 || e.status === 0).length).toBeGreaterThan(0);
    rig.stub.resetRequestLog();
    rig.stub.setFaults(null);

    const report = (await rig.sync("sync")).objects[0];
    expect(report.conflicts.map((c) => [c.id, c.sheet, c.crm]).sort()).toEqual(
      contested.map((r) => [String(r.values.id), `Sheet name ${r.rowNumber}`, `Twenty name ${r.rowNumber}`]).sort(),
    );
    const names = columnById(await rig.rows(SHEET), "name");
    for (const row of contested) {
      expect(names.get(String(row.values.id))).toBe(`Sheet name ${row.rowNumber}`);
      expect(rig.stub.store.get("companies", String(row.values.id))?.name).toBe(`Twenty name ${row.rowNumber}`);
    }

    await recordResolutions(rig.sheet, contested.map((r) => ({ object: "companies", id: String(r.values.id), column: "name", choice: "sheet" as const })));
    rig.stub.setFaults({ serverErrorRate: 0.3, seed: 22 });
    expect((await syncUntilOk(rig, 8)).at(-1)?.ok).toBe(true);
    expect(rig.stub.requestLog.filter((e) => e.status === 500).length).toBeGreaterThan(0);
    rig.stub.setFaults(null);
    for (const row of contested) expect(rig.stub.store.get("companies", String(row.values.id))?.name).toBe(`Sheet name ${row.rowNumber}`);
    await rig.expectSettled();
  });
});
