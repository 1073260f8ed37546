import type { ListRecordsOptions } from "../../src/sync/ports";
import { describeCrmRead } from "../../src/sync";
import { harness, seedPeople } from "./support/harness";

const HOUR = 60 * 60_000;

/**
 * A pulled workbook of `n` people created an hour apart, an hour before the edits under test, with Twenty's list calls
 * recorded. A delta read lists what changed since 30 s before the newest change it knows of: here the last person.
 */
async function pulled(n: number, mapping: Record<string, unknown> = {}) {
  const h = harness(mapping);
  const records = Array.from({ length: n }, () => {
    h.crm.advance(HOUR);
    return seedPeople(h.crm, 1)[0]!;
  });
  await h.run("pull");
  h.crm.advance(HOUR);
  const lists: ListRecordsOptions[] = [];
  const list = h.crm.listRecords.bind(h.crm);
  h.crm.listRecords = (object, options = {}) => {
    lists.push(options);
    return list(object, options);
  };
  return { h, records, lists };
}

describe("syncing after a pull reads only what changed in Twenty", () => {
  it("lists records changed since the last sync and fetches by id only the records of edited rows", async () => {
    const { h, records, lists } = await pulled(6);
    const [a, b] = records;
    h.crm.edit("people", a!.id, { jobTitle: "CRM edit" });
    h.sheet.edit("People", h.sheet.rowNumberOf("People", b!.id), "city", "Sheet edit");

    const report = await h.object("sync");

    expect(lists.map((o) => ({ changedSince: typeof o.changedSince, ids: o.ids }))).toEqual([
      { changedSince: "string", ids: undefined },
      { changedSince: "undefined", ids: [b!.id] },
    ]);
    expect(report.crmRead).toEqual({ kind: "changes", reason: null, listed: 2, fetchedById: 1 });
    expect(describeCrmRead(report.crmRead!)).toBe("read 2 records changed in Twenty since the last sync, and 1 record of rows edited in the workbook");
    expect(h.sheet.rowById("People", a!.id)!.jobTitle).toBe("CRM edit");
    expect(h.crm.get("people", b!.id)!.city).toBe("Sheet edit");
    await h.expectSettled();
  });

  it("when nothing changed, lists only the newest change again and fetches nothing by id", async () => {
    const { h, lists } = await pulled(4);
    const report = await h.object("sync");
    expect(report.crmRead).toEqual({ kind: "changes", reason: null, listed: 1, fetchedById: 0 });
    expect(lists).toHaveLength(1);
    expect(report.plan.summary).toMatchObject({ crmUpdates: 0, sheetUpdates: 0, sheetAppends: 0 });
  });

  it("finds a record moved to Twenty's trash and proposes removing its row", async () => {
    const { h, records } = await pulled(4);
    h.crm.trash("people", records[2]!.id);
    const report = await h.object("sync");
    expect(report.plan.toSheet.deletes).toEqual([expect.objectContaining({ id: records[2]!.id, reason: "deleted in Twenty" })]);
  });

  it("finds a record deleted for good only at a full compare, asked for or daily", async () => {
    const { h, records } = await pulled(4, { applyDeletes: { inCrm: false, inSheet: true } });
    h.crm.destroy("people", records[1]!.id);
    expect((await h.object("sync", { dryRun: true })).plan.toSheet.deletes).toEqual([]);

    const asked = await h.object("sync", { dryRun: true, fullCompare: true });
    expect(asked.crmRead).toEqual({ kind: "full", reason: "a full compare was asked for", listed: 3, fetchedById: 0 });
    expect(asked.plan.toSheet.deletes.map((d) => d.id)).toEqual([records[1]!.id]);

    h.clockAdvance(25 * HOUR);
    const daily = await h.object("sync");
    expect(daily.crmRead).toMatchObject({ kind: "full", reason: "the daily full compare is due" });
    expect(describeCrmRead(daily.crmRead!)).toBe("read all 3 records from Twenty (the daily full compare is due)");
    expect(daily.applied.sheetDeleted).toBe(1);
    expect(h.sheet.rowById("People", records[1]!.id)).toBeUndefined();
  });

  it("treats the record of an edited row that Twenty no longer has as deleted, keeping the edited row", async () => {
    const { h, records } = await pulled(3, { applyDeletes: { inCrm: false, inSheet: true } });
    h.crm.destroy("people", records[0]!.id);
    h.sheet.edit("People", h.sheet.rowNumberOf("People", records[0]!.id), "city", "Edited");
    const report = await h.object("sync");
    expect(report.plan.toSheet.deletes).toEqual([expect.objectContaining({ id: records[0]!.id, apply: false, reason: expect.stringContaining("edited since") })]);
    expect(h.sheet.rowById("People", records[0]!.id)!.city).toBe("Edited");
  });

  it("on a pull, writes back rows deleted in the sheet, fetching just their records", async () => {
    const { h, records, lists } = await pulled(5);
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", records[3]!.id));
    const report = await h.object("pull");
    expect(lists[1]?.ids).toEqual([records[3]!.id]);
    expect(report.applied.sheetAppended).toBe(1);
    expect(h.sheet.rowById("People", records[3]!.id)).toBeDefined();
  });

  it("proposes deleting in Twenty a record whose row was deleted, when Twenty did not change it", async () => {
    const { h, records } = await pulled(4, { applyDeletes: { inCrm: true, inSheet: false } });
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", records[0]!.id));
    const report = await h.object("sync");
    expect(report.crmRead?.kind).toBe("changes");
    expect(report.applied.crmDeleted).toBe(1);
    expect(h.crm.get("people", records[0]!.id)).toBeUndefined();
  });

  it("still brings in records a push left out: a push does not move where the next delta read starts", async () => {
    const { h } = await pulled(2);
    const newcomer = h.crm.seed("people", { city: "Newcomer" });
    h.crm.advance(HOUR);
    await h.run("push");
    h.crm.advance(HOUR);
    const report = await h.object("sync");
    expect(report.crmRead?.kind).toBe("changes");
    expect(h.sheet.rowById("People", newcomer.id)?.city).toBe("Newcomer");
  });

  it("lists everything again when the mapped columns change", async () => {
    const { h } = await pulled(3);
    h.setSettings({ columns: ["id", "city"].map((column) => ({ column })) });
    expect((await h.object("sync")).crmRead?.kind).toBe("full");
    expect((await h.object("sync")).crmRead?.kind).toBe("changes");
  });
});

describe("a delta read after a bulk write, Twenty quiet since", () => {
  /** Five people written within seconds, pulled on a machine whose clock agrees with Twenty's; then two quiet hours. */
  async function afterQuietHours(clockIds: [string | undefined, string | undefined, string | undefined]) {
    const h = harness();
    seedPeople(h.crm, 5);
    const run = async (clockId: string | undefined) => (await h.run("sync", {}, undefined, { now: () => h.crm.now(), clockId })).objects[0]!;
    await h.run("pull", {}, undefined, { now: () => h.crm.now(), clockId: clockIds[0] });
    h.crm.advance(HOUR);
    const first = await run(clockIds[1]);
    h.crm.advance(HOUR);
    const second = await run(clockIds[2]);
    return [first.crmRead?.listed, second.crmRead?.listed];
  }

  it("lists the bulk write's records once more (commit-lag margin), then no more: time passed on this machine counts", async () => {
    expect(await afterQuietHours(["pc-1", "pc-1", "pc-1"])).toEqual([5, 0]);
  });

  it("keeps listing them without a named clock", async () => {
    expect(await afterQuietHours([undefined, undefined, undefined])).toEqual([5, 5]);
  });

  it("never counts time on another machine's clock, though a cursor that machine moved still holds", async () => {
    expect(await afterQuietHours(["pc-1", "laptop-2", "pc-1"])).toEqual([5, 5]);
    expect(await afterQuietHours(["pc-1", "pc-1", "laptop-2"])).toEqual([5, 0]);
  });
});
