import fc from "fast-check";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import type { ObjectPlan } from "../../src/sync/plan/types";
import { harness, seedPeople } from "./support/harness";

/**
 * Rows unchanged since a sync in which both sides agreed are not compared again. These tests pin down that
 * skipping them never changes what a sync does.
 */

type Harness = ReturnType<typeof harness>;
const STATE_KEY = HIDDEN_KEYS.objectState("people");

/** What a plan would do, without the parts that differ between two dry runs (new ids, next state). */
function effects(plan: ObjectPlan) {
  return {
    creates: plan.toCrm.creates.map((c) => ({ rowNumber: c.rowNumber, data: { ...c.data, id: undefined } })),
    updates: plan.toCrm.updates.map((u) => ({ id: u.id, data: u.data })),
    crmDeletes: plan.toCrm.deletes,
    sheetUpdates: plan.toSheet.updates,
    appends: plan.toSheet.appends,
    sheetDeletes: plan.toSheet.deletes,
    conflicts: plan.conflicts,
    autoResolved: plan.autoResolved,
    skipped: plan.skipped,
  };
}

/** A dry-run plan that lists every record and compares every row: the stored mapping signature is cleared for the run, then restored. */
async function fullComparePlan(h: Harness): Promise<ObjectPlan> {
  const text = h.sheet.hidden.get(STATE_KEY)!;
  h.sheet.hidden.set(STATE_KEY, JSON.stringify({ ...(JSON.parse(text) as object), mappingSignature: null }));
  try {
    return (await h.object("sync", { dryRun: true })).plan;
  } finally {
    h.sheet.hidden.set(STATE_KEY, text);
  }
}

async function expectSkippingChangesNothing(h: Harness): Promise<void> {
  const skipping = await h.object("sync", { dryRun: true });
  expect(skipping.crmRead?.kind).toBe("changes");
  expect(effects(skipping.plan)).toEqual(effects(await fullComparePlan(h)));
}

const COLUMNS = ["city", "jobTitle", "name.firstName"] as const;
const edit = fc.record({ index: fc.nat(5), column: fc.constantFrom(...COLUMNS), value: fc.constantFrom("a", "b", "Zed", "") });
const round = fc.record({
  sheetEdits: fc.array(edit, { maxLength: 4 }),
  crmEdits: fc.array(edit, { maxLength: 4 }),
  mode: fc.constantFrom("pull" as const, "push" as const, "sync" as const),
  trash: fc.option(fc.nat(5), { nil: undefined, freq: 4 }),
});

describe("skipping rows unchanged since an agreed sync", () => {
  it("with a delta read plans exactly what a full compare plans, over random histories of edits, deletes, modes and strategies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("field_merge", "newest_wins", "crm_wins"), fc.integer({ min: 1, max: 6 }), fc.array(round, { minLength: 1, maxLength: 4 }), async (strategy, seeded, rounds) => {
        const h = harness({ strategy });
        const records = seedPeople(h.crm, seeded);
        await h.run("pull");
        for (const r of rounds) {
          // Time passes in Twenty, so the next sync reads only what changed (a delta read).
          h.crm.advance(60 * 60_000);
          if (r.trash !== undefined) h.crm.trash("people", records[r.trash % seeded]!.id);
          for (const e of r.sheetEdits) h.sheet.edit("People", h.sheet.rowNumberOf("People", records[e.index % seeded]!.id), e.column, e.value);
          for (const e of r.crmEdits) h.crm.edit("people", records[e.index % seeded]!.id, e.column === "name.firstName" ? { name: { firstName: e.value } } : { [e.column]: e.value || null });
          await expectSkippingChangesNothing(h);
          await h.run(r.mode);
          await expectSkippingChangesNothing(h);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("does not read the stored base of an unchanged row at all", async () => {
    const h = harness();
    const [a, b] = seedPeople(h.crm, 2);
    await h.run("pull");
    const state = JSON.parse(h.sheet.hidden.get(STATE_KEY)!) as { records: { ids: string[]; bases: string[] } };
    state.records.bases[state.records.ids.indexOf(a!.id)] = "[unreadable";
    h.sheet.hidden.set(STATE_KEY, JSON.stringify(state));
    h.sheet.edit("People", h.sheet.rowNumberOf("People", b!.id), "city", "Oslo");

    const report = await h.object("sync");
    expect(report.warnings.join("\n")).not.toMatch(/could not be read/);
    expect(report.plan.toCrm.updates.map((u) => u.id)).toEqual([b!.id]);
    await h.expectSettled();
  });

  it("picks up a Twenty change that a push held back, though neither side changed since", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "Bergen" });
    await h.run("push");
    const report = await h.object("sync");
    expect(report.plan.toSheet.updates).toEqual([expect.objectContaining({ id: a!.id, values: expect.objectContaining({ city: "Bergen" }) })]);
    await h.expectSettled();
  });

  it("compares every row again when a column's transforms change", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.setSettings({ columns: ["id", "city", "jobTitle"].map((column) => ({ column, transforms: column === "city" ? ["uppercase"] : [] })) });
    const report = await h.object("push");
    expect(report.plan.toCrm.updates.map((u) => u.data)).toEqual([{ city: "CITY0" }]);
    expect(h.crm.get("people", a!.id)!.city).toBe("CITY0");
  });

  it("keeps a Twenty edit made between reading and writing a record", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", h.sheet.rowNumberOf("People", a!.id), "city", "Lyon");
    const update = h.crm.updateRecords.bind(h.crm);
    h.crm.updateRecords = (object, updates, options) => {
      h.crm.edit("people", a!.id, { jobTitle: "Edited meanwhile" });
      return update(object, updates, options);
    };
    await h.run("sync");
    h.crm.updateRecords = update;

    const next = await h.object("sync");
    expect(h.crm.get("people", a!.id)).toMatchObject({ city: "Lyon", jobTitle: "Edited meanwhile" });
    expect(next.plan.toSheet.updates).toEqual([expect.objectContaining({ id: a!.id, values: expect.objectContaining({ jobTitle: "Edited meanwhile" }) })]);
  });

  it("reads a version 1 state and compares every row once", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    const v1 = {
      version: 1,
      object: "people",
      lastSyncAt: "2026-01-01T00:00:00.000Z",
      records: { [a!.id]: { base: { city: "City0", jobTitle: "Job0" }, crmUpdatedAt: a!.updatedAt, fingerprint: "0", syncedAt: "2026-01-01T00:00:00.000Z" } },
      pendingCreates: {},
    };
    h.sheet.hidden.set(STATE_KEY, JSON.stringify(v1));
    h.sheet.edit("People", h.sheet.rowNumberOf("People", a!.id), "city", "Lyon");
    const report = await h.object("sync");
    expect(report.warnings).toEqual([]);
    expect(report.plan.toCrm.updates.map((u) => u.data)).toEqual([{ city: "Lyon" }]);
    expect((JSON.parse(h.sheet.hidden.get(STATE_KEY)!) as { version: number }).version).toBe(2);
    await h.expectSettled();
  });
});
