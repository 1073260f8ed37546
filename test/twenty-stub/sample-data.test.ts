import { SAMPLE_SIZES, seedWorkspace } from "../../src/twenty-stub/sample-data";
import { StubStore } from "../../src/twenty-stub/store";
import { WORKSPACE_OBJECTS } from "../../src/twenty-stub/workspace-schema";

function sampleStore(): StubStore {
  const store = new StubStore();
  seedWorkspace(store, { sample: true, sizes: {} });
  return store;
}

const isFilled = (value: unknown): boolean =>
  value !== null && value !== "" && !(Array.isArray(value) && value.length === 0) && !(typeof value === "object" && !Array.isArray(value) && Object.values(value as object).every((v) => !isFilled(v)));

describe("the sample workspace", () => {
  const store = sampleStore();

  it("has the documented number of records per object", () => {
    for (const [plural, size] of Object.entries(SAMPLE_SIZES)) expect(store.count(plural)).toBe(size);
  });

  it("is the same workspace every time", () => {
    expect(sampleStore().list("people")).toEqual(store.list("people"));
    expect(sampleStore().list("projects")).toEqual(store.list("projects"));
  });

  it("fills every writable field of every object somewhere, composites sub-field by sub-field where it matters", () => {
    for (const object of WORKSPACE_OBJECTS) {
      const rows = store.list(object.namePlural);
      for (const field of object.fields) {
        if (field.serverManaged || field.relation?.kind === "ONE_TO_MANY") continue;
        const key = field.relation?.kind === "MANY_TO_ONE" ? field.relation.joinColumn : field.name;
        expect({ object: object.namePlural, field: key, filled: rows.some((r) => isFilled(r[key])) }).toEqual({ object: object.namePlural, field: key, filled: true });
      }
    }
    const people = store.list("people");
    for (const sub of ["primaryPhoneNumber", "primaryPhoneCountryCode", "primaryPhoneCallingCode"]) {
      expect(people.every((p) => (p.phones as Record<string, unknown>)[sub] !== "")).toBe(true);
    }
    expect(store.list("companies").every((c) => typeof (c.annualRecurringRevenue as { amountMicros: unknown }).amountMicros === "number")).toBe(true);
  });

  it("keeps unique keys unique and relations pointing at real records", () => {
    const emails = store.list("people").map((p) => (p.emails as { primaryEmail: string }).primaryEmail);
    expect(new Set(emails).size).toBe(emails.length);
    const domains = store.list("companies").map((c) => (c.domainName as { primaryLinkUrl: string }).primaryLinkUrl);
    expect(new Set(domains).size).toBe(domains.length);
    for (const person of store.list("people")) if (person.companyId !== null) expect(store.get("companies", person.companyId as string)).toBeDefined();
    for (const opportunity of store.list("opportunities")) if (opportunity.pointOfContactId !== null) expect(store.get("people", opportunity.pointOfContactId as string)).toBeDefined();
  });

  it("dates every seeded record in the past so API writes are always newer", () => {
    const now = Date.now();
    for (const object of WORKSPACE_OBJECTS) for (const row of store.list(object.namePlural)) expect(Date.parse(row.updatedAt)).toBeLessThan(now);
  });

  it("adds generated records on top when sizes are given", () => {
    const big = new StubStore();
    seedWorkspace(big, { sample: false, sizes: { companies: 500, people: 2000 } });
    expect(big.count("companies")).toBe(500);
    expect(big.count("people")).toBe(2000);
    expect(big.count("tasks")).toBe(0);
  });
});

describe("the stand-in's clock", () => {
  it("moves ahead on request, so later writes carry later updatedAt (time passing between syncs)", () => {
    const store = sampleStore();
    const [company] = store.list("companies");
    const before = Date.parse(store.update("companies", company!.id, { name: "Before" }).updatedAt);
    store.advanceClock(60 * 60_000);
    const after = Date.parse(store.update("companies", company!.id, { name: "After" }).updatedAt);
    expect(after - before).toBeGreaterThanOrEqual(60 * 60_000);
  });
});
