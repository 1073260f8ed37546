/**
 * A push that dies between batches — cancelled from the pane, or the process killed with the workbook as it
 * stood at that moment — is finished by the next run: every row reaches Twenty exactly once.
 */
import { createExcelSheetPort } from "../../src/excel";
import { createFakeExcel, type FakeExcel, type Scalar } from "../../src/excel-fake";
import { planHasChanges, runSync } from "../../src/sync";
import { COMPANY_COLUMNS, mapping, startRig, type Rig } from "./support/rig";

const SHEET = "Companies";
const NEW_ROWS = 200; // four create batches of 60

let rig: Rig;
afterEach(async () => rig?.close());

async function workbookWithNewRows(): Promise<string[]> {
  rig = await startRig({ mappings: [mapping("companies", SHEET, COMPANY_COLUMNS)] });
  // An empty pull lays out the table; then the user types rows under it.
  expect((await rig.sync("pull")).ok).toBe(true);
  const names: string[] = [];
  for (let i = 0; i < NEW_ROWS; i++) {
    names.push(`Crash test company ${i}`);
    await rig.appendRow(SHEET, { name: names[i], employees: i });
  }
  return names;
}

function expectEachOnce(names: string[]) {
  const records = rig.stub.store.list("companies");
  expect(records).toHaveLength(names.length);
  for (const name of names) expect(records.filter((r) => r.name === name)).toHaveLength(1);
}

/** Every worksheet's values as they stand, hidden state sheet included: what a saved file would hold. */
function snapshot(fake: FakeExcel): Record<string, Scalar[][]> {
  const sheets: Record<string, Scalar[][]> = {};
  for (const name of fake.workbook.sheetNames()) {
    const used = fake.workbook.usedRange(name);
    sheets[name] = used ? fake.workbook.values(`'${name}'!${used}`) : [];
  }
  return sheets;
}

describe("a push cut off between batches", () => {
  it("is cancelled after the first batch and the next sync creates the rest, none twice", async () => {
    const names = await workbookWithNewRows();
    const controller = new AbortController();
    const first = await rig.sync("push", {}, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "writing-crm" && p.done >= 60) controller.abort();
      },
    });
    expect(first.cancelled || first.objects[0].cancelled).toBe(true);
    const landed = rig.stub.store.count("companies");
    expect(landed).toBeGreaterThanOrEqual(60);
    expect(landed).toBeLessThan(NEW_ROWS);

    const second = await rig.sync("sync");
    expect(second.ok).toBe(true);
    expect(second.objects[0].applied.crmCreated).toBe(NEW_ROWS - landed);
    expectEachOnce(names);
    const ids = (await rig.rows(SHEET)).map((r) => String(r.values.id));
    expect(new Set(ids)).toEqual(new Set(rig.stub.store.list("companies").map((r) => r.id)));
    await rig.expectSettled();
  });

  it("survives the process being killed after a batch even when later batches reached Twenty unseen", async () => {
    const names = await workbookWithNewRows();
    // The workbook as saved right after the first batch landed; the doomed run keeps sending the rest,
    // which Twenty stores although this workbook will never hear of it.
    let saved: Record<string, Scalar[][]> | null = null;
    await rig.sync("push", {}, {
      onProgress: (p) => {
        if (!saved && p.phase === "writing-crm" && p.done >= 60) saved = snapshot(rig.fake);
      },
    });
    expect(saved).not.toBeNull();
    expect(rig.stub.store.count("companies")).toBe(NEW_ROWS);

    const reopened = createFakeExcel({ sheets: saved! });
    const sheet = createExcelSheetPort({ excel: reopened.Excel, office: reopened.Office });
    const rerun = await runSync({ mode: "sync", settings: rig.settings }, { sheet, crm: rig.crm });
    expect(rerun.ok).toBe(true);
    expectEachOnce(names);
    const rows = (await sheet.readTable(SHEET))!.rows;
    expect(rows).toHaveLength(NEW_ROWS);
    expect(new Set(rows.map((r) => String(r.values.id)))).toEqual(new Set(rig.stub.store.list("companies").map((r) => r.id)));
    const settled = await runSync({ mode: "sync", dryRun: true, settings: rig.settings }, { sheet, crm: rig.crm });
    expect(planHasChanges(settled.objects[0].plan)).toBe(false);
    expect(settled.objects[0].rowErrors).toEqual([]);
  });

  it("is cancelled between update batches and the next sync sends the remaining edits once", async () => {
    rig = await startRig({ stub: { size: { companies: 180 } }, mappings: [mapping("companies", SHEET, COMPANY_COLUMNS)] });
    expect((await rig.sync("pull")).ok).toBe(true);
    const rows = await rig.rows(SHEET);
    for (const row of rows) await rig.edit(SHEET, row.rowNumber, "employees", 1_000_000 + row.rowNumber);
    const controller = new AbortController();
    const first = await rig.sync("sync", {}, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "writing-crm" && p.done >= 60) controller.abort();
      },
    });
    expect(first.ok).toBe(false);
    const second = await rig.sync("sync");
    expect(second.ok).toBe(true);
    expect(first.objects[0].applied.crmUpdated + second.objects[0].applied.crmUpdated).toBe(rows.length);
    const byId = new Map(rig.stub.store.list("companies").map((r) => [r.id, r]));
    for (const row of rows) expect(byId.get(String(row.values.id))?.employees).toBe(1_000_000 + row.rowNumber);
    expect(byId.size).toBe(180);
    await rig.expectSettled();
  });
});
