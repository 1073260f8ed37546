import fc from "fast-check";
import { harness, seedPeople } from "./support/harness";

const COLUMNS = ["city", "jobTitle", "name.firstName"] as const;
type Column = (typeof COLUMNS)[number];
const value = fc.constantFrom("a", "b", "c", "Zed", "");

const edit = fc.record({ index: fc.nat(5), column: fc.constantFrom(...COLUMNS), value });
const scenario = fc.record({
  seeded: fc.integer({ min: 1, max: 5 }),
  sheetEdits: fc.array(edit, { maxLength: 6 }),
  crmEdits: fc.array(edit, { maxLength: 6 }),
  newRows: fc.array(fc.constantFrom("r1", "r2", "r3"), { maxLength: 3 }),
  newRecords: fc.array(fc.constantFrom("t1", "t2"), { maxLength: 2 }),
});

function crmPatch(column: Column, v: string): Record<string, unknown> {
  return column === "name.firstName" ? { name: { firstName: v } } : { [column]: v };
}

/** Twenty stores empty text as null. */
function crmValue(record: Record<string, unknown>, column: Column): unknown {
  const raw = column === "name.firstName" ? (record.name as Record<string, unknown> | undefined)?.firstName : record[column];
  return raw === "" || raw === undefined ? null : raw;
}

describe("sync properties (random edits on both sides)", () => {
  it("under field_merge: second sync is a no-op, one-sided edits land on both sides, nothing is duplicated", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const h = harness({ strategy: "field_merge" });
        const seeded = seedPeople(h.crm, s.seeded);
        await h.run("pull");

        // last edit per (record, column) on each side; empty strings only count on the CRM side (a sheet blank is not an edit)
        const sheetSide = new Map<string, string>();
        const crmSide = new Map<string, string>();
        for (const e of s.sheetEdits) {
          const rec = seeded[e.index % seeded.length]!;
          if (e.value === "") continue;
          h.sheet.edit("People", h.sheet.rowNumberOf("People", rec.id), e.column, e.value);
          sheetSide.set(`${rec.id}|${e.column}`, e.value);
        }
        for (const e of s.crmEdits) {
          const rec = seeded[e.index % seeded.length]!;
          h.crm.edit("people", rec.id, crmPatch(e.column, e.value));
          crmSide.set(`${rec.id}|${e.column}`, e.value);
        }
        s.newRows.forEach((city) => h.sheet.addRow("People", { id: null, city }));
        s.newRecords.forEach((city) => h.crm.seed("people", { city }));

        const first = await h.object("sync");
        expect(first.error).toBeUndefined();
        await h.expectSettledExceptConflicts(first.conflicts.length);

        const records = h.crm.all("people");
        expect(records).toHaveLength(s.seeded + s.newRows.length + s.newRecords.length);
        const rows = h.sheet.rows("People");
        expect(rows).toHaveLength(records.length);
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);

        const conflicted = new Set(first.conflicts.map((c) => `${c.id}|${c.column}`));
        for (const rec of seeded) {
          for (const column of COLUMNS) {
            const key = `${rec.id}|${column}`;
            const crmNow = crmValue(h.crm.get("people", rec.id)!, column);
            const sheetNow = h.sheet.rowById("People", rec.id)![column] ?? null;
            const sheetEdit = sheetSide.get(key);
            const crmEdit = crmSide.has(key) ? (crmSide.get(key) === "" ? null : crmSide.get(key)) : undefined;
            if (conflicted.has(key)) {
              expect(sheetEdit).toBeDefined();
              expect(crmEdit).toBeDefined();
              continue;
            }
            expect(sheetNow).toEqual(crmNow);
            if (sheetEdit !== undefined && crmEdit === undefined) expect(crmNow).toBe(sheetEdit);
            if (crmEdit !== undefined && sheetEdit === undefined) expect(crmNow).toBe(crmEdit);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it.each(["crm_wins", "excel_wins", "newest_wins"])("under %s both sides agree after one sync and the next plans nothing", async (strategy) => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const h = harness({ strategy });
        const seeded = seedPeople(h.crm, s.seeded);
        await h.run("pull");
        for (const e of s.sheetEdits) if (e.value !== "") h.sheet.edit("People", h.sheet.rowNumberOf("People", seeded[e.index % seeded.length]!.id), e.column, e.value);
        for (const e of s.crmEdits) h.crm.edit("people", seeded[e.index % seeded.length]!.id, crmPatch(e.column, e.value));
        s.newRows.forEach((city) => h.sheet.addRow("People", { id: null, city }));
        s.newRecords.forEach((city) => h.crm.seed("people", { city }));

        const first = await h.object("sync");
        expect(first.conflicts).toEqual([]);
        await h.expectSettled();
        const records = h.crm.all("people");
        expect(records).toHaveLength(s.seeded + s.newRows.length + s.newRecords.length);
        for (const record of records) {
          const row = h.sheet.rowById("People", record.id)!;
          for (const column of COLUMNS) expect(row[column] ?? null).toEqual(crmValue(record, column));
        }
      }),
      { numRuns: 25 },
    );
  });
});
