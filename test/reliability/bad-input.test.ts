/**
 * The bad-input corpus: each kind of bad cell gets an error naming its row, column and reason, and nothing
 * else moves — the bad row's record stays as it was in Twenty, and the other rows (one carrying a good edit)
 * sync normally.
 */
import type { StoredRecord } from "../../src/twenty-stub";
import { STATE_SHEET_NAME } from "../../src/workbook-layout/layout";
import { COMPANY_COLUMNS, mapping, OPPORTUNITY_COLUMNS, PEOPLE_COLUMNS, startRig, type Rig } from "./support/rig";

let rig: Rig;
afterEach(async () => rig?.close());

type Plural = "people" | "opportunities" | "companies";
const SHEETS: Record<Plural, string> = { people: "People", opportunities: "Opportunities", companies: "Companies" };

/** A pulled workbook with five records per object, and a copy of the CRM to compare against afterwards. */
async function pulledWorkbook(settings: Record<string, unknown> = {}) {
  rig = await startRig({
    stub: { size: { companies: 5, people: 5, opportunities: 5 } },
    mappings: [mapping("people", SHEETS.people, PEOPLE_COLUMNS), mapping("opportunities", SHEETS.opportunities, OPPORTUNITY_COLUMNS), mapping("companies", SHEETS.companies, COMPANY_COLUMNS)],
    settings,
  });
  expect((await rig.sync("pull")).ok).toBe(true);
  await rig.trackEdits();
  return crmCopy();
}

function crmCopy(): Record<Plural, Map<string, StoredRecord>> {
  const copy = (plural: Plural) => new Map(rig.stub.store.list(plural).map((r) => [r.id, JSON.parse(JSON.stringify(r)) as StoredRecord]));
  return { people: copy("people"), opportunities: copy("opportunities"), companies: copy("companies") };
}

/** Every record in Twenty is exactly as before, except `changed` (id → fields that must now hold these values). */
function expectCrmUnchangedExcept(before: ReturnType<typeof crmCopy>, changed: Record<string, Record<string, unknown>> = {}) {
  const after = crmCopy();
  for (const plural of Object.keys(before) as Plural[]) {
    expect([...after[plural].keys()].sort()).toEqual([...before[plural].keys()].sort());
    for (const [id, record] of before[plural]) {
      if (changed[id]) expect(after[plural].get(id)).toMatchObject(changed[id]);
      else expect(after[plural].get(id)).toEqual(record);
    }
  }
}

async function syncOf(plural: Plural) {
  const report = await rig.sync("sync");
  return report.objects.find((o) => o.object === plural)!;
}

/** Puts a bad value in row 2 and a good edit of `goodColumn` in row 4 of the same sheet; syncs; checks the rest. */
async function badCell(plural: Plural, column: string, value: string | number, reason: RegExp, goodColumn: string, goodValue: string | number, goodCrm: Record<string, unknown>) {
  const before = await pulledWorkbook();
  const sheet = SHEETS[plural];
  const rows = await rig.rows(sheet);
  await rig.edit(sheet, 2, column, value);
  await rig.edit(sheet, 4, goodColumn, goodValue);
  const report = await syncOf(plural);
  expect(report.rowErrors).toEqual([expect.objectContaining({ row: 2, column, reason: expect.stringMatching(reason) })]);
  expect(report.applied.crmUpdated).toBe(1);
  expectCrmUnchangedExcept(before, { [String(rows[2].values.id)]: goodCrm });
  // The bad cell is left for the user to fix; rows 3 and 5 are untouched.
  const after = await rig.rows(sheet);
  expect(after[0].values[column]).toBe(value);
  expect(after[1].values).toEqual(rows[1].values);
  expect(after[3].values).toEqual(rows[3].values);
}

describe("bad cells are refused one by one, naming row, column and reason", () => {
  it("an invalid email", async () => {
    await badCell("people", "emails.primaryEmail", "not-an-email", /not a valid email/, "jobTitle", "Chief Tester", { jobTitle: "Chief Tester" });
  });

  it("text in a number column", async () => {
    await badCell("companies", "employees", "lots", /"lots" is not a number/, "name", "Good Name Ltd", { name: "Good Name Ltd" });
  });

  it("a value that is not one of the select's options", async () => {
    await badCell("opportunities", "stage", "WON", /"WON" is not an allowed value/, "name", "Renewal 2027", { name: "Renewal 2027" });
  });

  it("text longer than Twenty accepts", async () => {
    await badCell("companies", "name", "x".repeat(10_001), /longer than 10000 characters/, "employees", 321, { employees: 321 });
  });

  it.each(["31/02/2024", "03/04/2024", "next Tuesday", "2024-13-45"])("a date in an odd or ambiguous format: %s", async (date) => {
    await badCell("opportunities", "closeDate", date, /is not a date/, "name", "Dated deal", { name: "Dated deal" });
  });
});

describe("bad ids", () => {
  it("refuses every row sharing an id and sends none of their edits", async () => {
    const before = await pulledWorkbook();
    const rows = await rig.rows(SHEETS.companies);
    const sharedId = String(rows[0].values.id);
    await rig.edit(SHEETS.companies, 3, "id", sharedId);
    await rig.edit(SHEETS.companies, 2, "name", "Edited on a duplicated row");
    await rig.edit(SHEETS.companies, 5, "name", "Fine edit");
    const report = await syncOf("companies");
    expect(report.rowErrors.map((e) => [e.row, e.column])).toEqual(expect.arrayContaining([[2, "id"], [3, "id"]]));
    for (const error of report.rowErrors) expect(error.reason).toMatch(/id|twice|duplicate|same/i);
    expectCrmUnchangedExcept(before, { [String(rows[3].values.id)]: { name: "Fine edit" } });
    expect(rig.stub.store.count("companies")).toBe(5);
  });

  it("refuses an id Twenty does not know, and one that is not an id at all", async () => {
    const before = await pulledWorkbook();
    await rig.edit(SHEETS.companies, 2, "id", "00000000-0000-4000-8000-000000000001");
    await rig.edit(SHEETS.companies, 3, "id", "abc");
    const report = await syncOf("companies");
    expect(report.rowErrors).toEqual([
      expect.objectContaining({ row: 2, column: "id", reason: expect.stringMatching(/does not exist in Twenty/) }),
      expect.objectContaining({ row: 3, column: "id", reason: expect.stringMatching(/not a valid Twenty id/) }),
    ]);
    expectCrmUnchangedExcept(before);
  });
});

describe("rows and headers that are not what they seem", () => {
  it("does not create a record from a row holding only whitespace, and says which row it skipped", async () => {
    const before = await pulledWorkbook();
    const row = await rig.appendRow(SHEETS.people, { "name.firstName": "   ", jobTitle: "\t", city: "  " });
    const report = await syncOf("people");
    expectCrmUnchangedExcept(before);
    const mentions = [...report.rowErrors.map((e) => `Row ${e.row}: ${e.reason}`), ...report.warnings];
    expect(mentions.some((m) => m.includes(`Row ${row}`))).toBe(true);
  });

  it("treats a renamed header as a missing column: says so and clears nothing in Twenty", async () => {
    const before = await pulledWorkbook();
    await rig.edit(SHEETS.people, 1, "city", "town");
    const report = await syncOf("people");
    expect(report.warnings.join("\n")).toMatch(/no column "city"/);
    expect(report.rowErrors).toEqual([]);
    expectCrmUnchangedExcept(before);
    // The column comes back filled from Twenty; the user's renamed column is left alone.
    const rows = await rig.rows(SHEETS.people);
    for (const r of rows) expect(r.values.city).toBe(before.people.get(String(r.values.id))?.city ?? null);
    expect(rows.every((r) => "town" in r.values)).toBe(true);
  });

  it("treats a deleted column the same way", async () => {
    const before = await pulledWorkbook();
    const rows = await rig.rows(SHEETS.people);
    for (const r of rows) await rig.edit(SHEETS.people, r.rowNumber, "jobTitle", "");
    await rig.edit(SHEETS.people, 1, "jobTitle", "");
    const report = await syncOf("people");
    expect(report.warnings.join("\n")).toMatch(/no column "jobTitle"/);
    expectCrmUnchangedExcept(before);
  });
});

/** The parts of the stored state (version 2) these tests tamper with. */
interface StoredState {
  columns: string[];
  records: { bases: string[]; crmUpdatedAt: (string | null)[]; fingerprints: string[] };
}

describe("a tampered state sheet", () => {
  async function tamper(rewrite: (rows: (string | number | boolean | null)[][]) => void) {
    const range = `${STATE_SHEET_NAME}!${rig.fake.workbook.usedRange(STATE_SHEET_NAME)}`;
    const rows = rig.fake.workbook.values(range);
    rewrite(rows);
    rig.fake.workbook.setValues(`${STATE_SHEET_NAME}!A1`, rows);
  }

  it("with corrupted text is ignored with a warning: a full compare, nothing deleted, edits still sync", async () => {
    const before = await pulledWorkbook({ massChangeGuardShare: 0 });
    await tamper((rows) => {
      const people = rows.find((r) => r[0] === "state/people")!;
      people[2] = `${String(people[2]).slice(0, 50)}#garbage`;
    });
    const rows = await rig.rows(SHEETS.people);
    await rig.edit(SHEETS.people, 3, "jobTitle", "Kept edit");
    const report = await syncOf("people");
    expect(report.error).toBeUndefined();
    expect(report.warnings.join("\n")).toMatch(/Sync state of people is not valid JSON/);
    expect(report.plan.summary.crmDeletes + report.plan.summary.sheetDeletes).toBe(0);
    expectCrmUnchangedExcept(before, { [String(rows[1].values.id)]: { jobTitle: "Kept edit" } });
    expect(await rig.rows(SHEETS.people)).toHaveLength(5);
  });

  it("with a broken layout stops with an error that names the sheet, and changes nothing", async () => {
    const before = await pulledWorkbook();
    await rig.edit(SHEETS.people, 3, "jobTitle", "Not sent");
    await tamper((rows) => {
      rows[0][0] = "oops";
    });
    const report = await rig.sync("sync");
    const outcome = { ok: report.ok, messages: report.objects.map((o) => `${o.error?.code}: ${o.error?.message}`) };
    expect(outcome.ok).toBe(false);
    expect(outcome.messages.join("\n")).toMatch(new RegExp(`VALIDATION_ERROR: .*"${STATE_SHEET_NAME}" is damaged: its header row`));
    expectCrmUnchangedExcept(before);
  });

  it("with plausible but wrong contents changes nothing where both sides agree", async () => {
    const before = await pulledWorkbook();
    await tamper((rows) => {
      const people = rows.find((r) => r[0] === "state/people")!;
      const state = JSON.parse(String(people[2])) as StoredState;
      const [city, jobTitle] = [state.columns.indexOf("city"), state.columns.indexOf("jobTitle")];
      expect(Math.min(city, jobTitle)).toBeGreaterThanOrEqual(0);
      state.records.bases = state.records.bases.map((text) => {
        const base = JSON.parse(text) as unknown[];
        base[city] = "Atlantis";
        base[jobTitle] = null;
        return JSON.stringify(base);
      });
      state.records.crmUpdatedAt = state.records.crmUpdatedAt.map(() => "1999-01-01T00:00:00.000Z");
      state.records.fingerprints = state.records.fingerprints.map(() => "0");
      people[2] = JSON.stringify(state);
    });
    const sheetBefore = await rig.rows(SHEETS.people);
    const report = await syncOf("people");
    expect(report.error).toBeUndefined();
    expect(report.conflicts).toEqual([]);
    expect(report.applied.crmUpdated + report.applied.crmCreated + report.applied.crmDeleted).toBe(0);
    expectCrmUnchangedExcept(before);
    expect((await rig.rows(SHEETS.people)).map((r) => r.values)).toEqual(sheetBefore.map((r) => r.values));
    await rig.expectSettled();
  });

  it("with one record's stored base unreadable compares that record as never synced, with a warning", async () => {
    const before = await pulledWorkbook();
    await tamper((rows) => {
      const people = rows.find((r) => r[0] === "state/people")!;
      const state = JSON.parse(String(people[2])) as StoredState;
      state.records.bases[0] = "[broken";
      state.records.fingerprints[0] = "0";
      people[2] = JSON.stringify(state);
    });
    const sheetBefore = await rig.rows(SHEETS.people);
    const report = await syncOf("people");
    expect(report.error).toBeUndefined();
    expect(report.warnings.join("\n")).toMatch(/sync state of 1 record\(s\) could not be read/);
    expectCrmUnchangedExcept(before);
    expect((await rig.rows(SHEETS.people)).map((r) => r.values)).toEqual(sheetBefore.map((r) => r.values));
    await rig.expectSettled();
  });

  it("from a newer version is set aside with a warning, and nothing is deleted", async () => {
    const before = await pulledWorkbook({ massChangeGuardShare: 0 });
    await tamper((rows) => {
      const people = rows.find((r) => r[0] === "state/people")!;
      people[2] = JSON.stringify({ ...(JSON.parse(String(people[2])) as object), version: 3 });
    });
    const report = await syncOf("people");
    expect(report.warnings.join("\n")).toMatch(/newer version of Twenty Sync/);
    expect(report.plan.summary.crmDeletes + report.plan.summary.sheetDeletes).toBe(0);
    expectCrmUnchangedExcept(before);
  });
});

describe("a state sheet with one object's chunks damaged", () => {
  it("compares that object in full with a warning naming the damage, syncs the edit and repairs the state", async () => {
    const before = await pulledWorkbook({ massChangeGuardShare: 0 });
    const range = `${STATE_SHEET_NAME}!${rig.fake.workbook.usedRange(STATE_SHEET_NAME)}`;
    const stateRows = rig.fake.workbook.values(range);
    const people = stateRows.find((r) => r[0] === "state/people")!;
    people[1] = 7; // chunk 0 becomes chunk 7: a gap
    rig.fake.workbook.setValues(`${STATE_SHEET_NAME}!A1`, stateRows);
    const rows = await rig.rows(SHEETS.people);
    await rig.edit(SHEETS.people, 3, "jobTitle", "Edited after damage");

    const report = await syncOf("people");

    expect(report.error).toBeUndefined();
    expect(report.warnings.join("\n")).toMatch(/is damaged: .*compared in full/);
    expect(report.plan.summary.crmDeletes + report.plan.summary.sheetDeletes).toBe(0);
    expectCrmUnchangedExcept(before, { [String(rows[1].values.id)]: { jobTitle: "Edited after damage" } });
    const again = await syncOf("people");
    expect(again.warnings.join("\n")).not.toMatch(/damaged/);
    await rig.expectSettled();
  });
});
