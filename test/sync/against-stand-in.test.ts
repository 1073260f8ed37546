/** The engine with the real Twenty client over loopback HTTP against the stand-in server. */
import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { createTwentyClient } from "../../src/twenty";
import { runSync, planHasChanges, type WorkbookSettings } from "../../src/sync";
import { MemorySheet } from "./support/memory-sheet";
import { settingsFor } from "./support/fixtures";

describe("engine against the Twenty stand-in", () => {
  let stub: RunningStub;
  beforeAll(async () => {
    stub = await startTwentyStub({ apiKey: "engine-test-key", seed: "empty", rateLimit: null });
    const crm = createTwentyClient({ baseUrl: stub.url, apiKey: "engine-test-key", requestsPerMinute: 60_000 });
    const seeded = await crm.createRecords(
      "companies",
      Array.from({ length: 5 }, (_, i) => ({ name: `Company ${i}`, employees: 10 + i, annualRecurringRevenue: { amountMicros: 49_990_000, currencyCode: "EUR" } })),
    );
    await crm.createRecords(
      "people",
      seeded.succeeded.map(({ record }, i) => ({ name: { firstName: `P${i}`, lastName: "Doe" }, emails: { primaryEmail: `p${i}@example.com` }, city: "Oslo", companyId: record.id })),
    );
  });
  afterAll(() => stub.close());

  const settings: WorkbookSettings = settingsFor(
    [
      { object: "companies", sheetName: "Companies" },
      { object: "people", sheetName: "People" },
    ],
    { massChangeGuardShare: 1 },
  );

  it("pulls, syncs edits from both sides and settles with no further changes", async () => {
    const crm = createTwentyClient({ baseUrl: stub.url, apiKey: "engine-test-key", requestsPerMinute: 60_000 });
    const sheet = new MemorySheet();
    const ports = { sheet, crm };

    const pulled = await runSync({ mode: "pull", settings }, ports);
    expect(pulled.ok).toBe(true);
    const settled = await runSync({ mode: "sync", dryRun: true, settings }, ports);
    expect(settled.objects.map((o) => planHasChanges(o.plan))).toEqual([false, false]);

    const company = sheet.rows("Companies")[0]!;
    sheet.edit("Companies", 2, "annualRecurringRevenue.amountMicros", 1234.56);
    sheet.edit("People", 2, "city", "Edited City");
    sheet.addRow("People", { "name.firstName": "New", "name.lastName": "Person", "emails.primaryEmail": "New.Person@Example.com" });

    const synced = await runSync({ mode: "sync", settings }, ports);
    expect(synced.ok).toBe(true);
    expect(synced.objects.map((o) => o.applied)).toEqual([
      expect.objectContaining({ crmUpdated: 1 }),
      expect.objectContaining({ crmUpdated: 1, crmCreated: 1 }),
    ]);
    const [fresh] = await crm.listRecords("companies", { fields: ["annualRecurringRevenue"] }).then((all) => all.filter((r) => r.id === company.id));
    expect(Number((fresh!.annualRecurringRevenue as { amountMicros: number | string }).amountMicros)).toBe(1_234_560_000);
    const newRow = sheet.rows("People").at(-1)!;
    expect(newRow.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));

    const after = await runSync({ mode: "sync", dryRun: true, settings }, ports);
    expect(after.objects.map((o) => planHasChanges(o.plan))).toEqual([false, false]);
  });
});
