import type { WriteOutcome } from "../../src/sync/ports";
import { clientFor, requestsTo, startStub, type RunningStub } from "./support";

const MISSING_ID = "0b9f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21";

describe("writing to Twenty", () => {
  let stub: RunningStub;
  beforeAll(async () => {
    stub = await startStub();
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.resetRequestLog());

  it("creates 130 records in batches of 60, reporting each batch as it lands", async () => {
    const { client } = clientFor(stub);
    const before = stub.store.count("companies");
    const batches: WriteOutcome[] = [];
    const input = Array.from({ length: 130 }, (_, i) => ({ name: `Batch Co ${i}` }));

    const outcome = await client.createRecords("companies", input, { onBatch: (b) => void batches.push(b) });

    expect(outcome.failed).toEqual([]);
    expect(outcome.succeeded.map((s) => s.index)).toEqual(input.map((_, i) => i));
    expect(outcome.succeeded[129].record).toMatchObject({ name: "Batch Co 129" });
    expect(stub.store.count("companies")).toBe(before + 130);
    expect(requestsTo(stub, "POST", "/rest/batch/companies")).toHaveLength(3);
    expect(batches.map((b) => b.succeeded.length)).toEqual([60, 60, 10]);
  });

  it("gives every new record a client-chosen id and keeps ids the caller chose", async () => {
    const { client } = clientFor(stub);
    const chosen = "5e0c9a51-6f3c-4b1e-8d7a-2c4b6a8e0f13";
    const outcome = await client.createRecords("companies", [{ id: chosen, name: "Chosen" }, { name: "Assigned" }]);
    expect(outcome.succeeded[0].record.id).toBe(chosen);
    expect(outcome.succeeded[1].record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stub.store.get("companies", outcome.succeeded[1].record.id)).toMatchObject({ name: "Assigned" });
  });

  it("upserts by id: the existing record is updated, not duplicated", async () => {
    const { client } = clientFor(stub);
    const created = await client.createRecord("companies", { name: "Old name", employees: 5 });
    const count = stub.store.count("companies");
    const outcome = await client.createRecords("companies", [{ id: created.id, name: "New name" }], { upsert: true });
    expect(outcome.succeeded[0].record).toMatchObject({ id: created.id, name: "New name", employees: 5 });
    expect(stub.store.count("companies")).toBe(count);
  });

  it("upserts people by their unique email, whatever its case", async () => {
    const { client } = clientFor(stub);
    const existing = await client.createRecord("people", {
      emails: { primaryEmail: "ada@lovelace.dev" },
      jobTitle: "Analyst",
    });
    const count = stub.store.count("people");
    const outcome = await client.createRecords(
      "people",
      [{ emails: { primaryEmail: "Ada@Lovelace.dev" }, jobTitle: "Countess" }],
      { upsert: true },
    );
    expect(outcome.succeeded[0].record).toMatchObject({ id: existing.id, jobTitle: "Countess" });
    expect(stub.store.count("people")).toBe(count);
  });

  it("upserts companies by their unique domain", async () => {
    const { client } = clientFor(stub);
    const existing = await client.createRecord("companies", {
      name: "Acme",
      domainName: { primaryLinkUrl: "https://acme.example" },
    });
    const outcome = await client.createRecords(
      "companies",
      [{ name: "Acme Corporation", domainName: { primaryLinkUrl: "https://acme.example" } }],
      { upsert: true },
    );
    expect(outcome.succeeded[0].record).toMatchObject({ id: existing.id, name: "Acme Corporation" });
  });

  it("lands the good rows of a batch with 2 bad rows out of 60 and reports each bad row with Twenty's message", async () => {
    const { client } = clientFor(stub);
    const before = stub.store.count("companies");
    const input: Record<string, unknown>[] = Array.from({ length: 60 }, (_, i) => ({ name: `Partial ${i}` }));
    input[7] = { name: "Bad employees", employees: "lots" };
    input[41] = { name: "Bad field", colour: "red" };

    const outcome = await client.createRecords("companies", input);

    expect(outcome.succeeded).toHaveLength(58);
    expect(outcome.failed.map((f) => f.index)).toEqual([7, 41]);
    expect(outcome.failed.every((f) => f.error.code === "VALIDATION_ERROR" && f.error.status === 400)).toBe(true);
    expect(outcome.failed[1].error.message).toMatch(/colour/);
    expect(stub.store.count("companies")).toBe(before + 58);
    const names = new Set(stub.store.list("companies").map((c) => c.name));
    expect(names.has("Partial 0") && names.has("Partial 59")).toBe(true);
    expect(names.has("Bad employees")).toBe(false);
  });

  it("adapts to an older server that caps batches at 60", async () => {
    const older = await startStub({ maxRecords: 60 });
    try {
      const { client } = clientFor(older, { batchSize: 200 });
      const outcome = await client.createRecords(
        "companies",
        Array.from({ length: 150 }, (_, i) => ({ name: `Capped ${i}` })),
      );
      expect(outcome.succeeded).toHaveLength(150);
      expect(older.store.count("companies")).toBe(150);
      older.resetRequestLog();
      await client.createRecords(
        "companies",
        Array.from({ length: 120 }, (_, i) => ({ name: `Later ${i}` })),
      );
      expect(requestsTo(older, "POST", "/rest/batch/companies")).toHaveLength(2);
    } finally {
      await older.close();
    }
  });

  it("updates many listed records with one request per batch, writing only the keys sent", async () => {
    const { client } = clientFor(stub);
    const created = await client.createRecords(
      "people",
      Array.from({ length: 70 }, (_, i) => ({ jobTitle: "Intern", city: `City ${i}` })),
    );
    const ids = created.succeeded.map((s) => s.record.id);
    stub.resetRequestLog();

    const outcome = await client.updateRecords(
      "people",
      ids.map((id) => ({ id, data: { jobTitle: "Engineer" } })),
    );

    expect(outcome.failed).toEqual([]);
    expect(requestsTo(stub, "POST", "/rest/batch/people")).toHaveLength(2);
    expect(stub.store.get("people", ids[69])).toMatchObject({ jobTitle: "Engineer", city: "City 69" });
  });

  it("never re-creates a record deleted in Twenty when updating it", async () => {
    const { client } = clientFor(stub);
    const [kept, gone] = (await client.createRecords("companies", [{ name: "Kept" }, { name: "Gone" }])).succeeded.map(
      (s) => s.record.id,
    );
    stub.store.hardDelete("companies", gone);

    const outcome = await client.updateRecords(
      "companies",
      [
        { id: kept, data: { name: "Kept v2" } },
        { id: gone, data: { name: "Gone v2" } },
      ],
      { knownIds: new Set([kept]) },
    );

    expect(outcome.succeeded.map((s) => s.index)).toEqual([0]);
    expect(outcome.failed).toEqual([{ index: 1, error: expect.objectContaining({ code: "NOT_FOUND" }) }]);
    expect(stub.store.get("companies", gone, { includeDeleted: true })).toBeUndefined();
  });

  it("updates an id it has never seen with its own PATCH", async () => {
    const { client } = clientFor(stub);
    const [company] = stub.store.list("companies");
    const outcome = await client.updateRecords("companies", [
      { id: company.id, data: { employees: 42 } },
      { id: MISSING_ID, data: { employees: 1 } },
    ]);
    expect(outcome.succeeded[0].record).toMatchObject({ id: company.id, employees: 42 });
    expect(outcome.failed[0]).toMatchObject({ index: 1, error: { code: "NOT_FOUND" } });
    expect(requestsTo(stub, "POST", "/rest/batch/companies")).toHaveLength(0);
    expect(stub.store.get("companies", MISSING_ID, { includeDeleted: true })).toBeUndefined();
  });

  it("soft-deletes in bulk by default, restores, and destroys on request", async () => {
    const { client } = clientFor(stub);
    const ids = (
      await client.createRecords(
        "companies",
        Array.from({ length: 65 }, (_, i) => ({ name: `Doomed ${i}` })),
      )
    ).succeeded.map((s) => s.record.id);
    stub.resetRequestLog();

    const deleted = await client.deleteRecords("companies", ids);
    expect(deleted.succeeded).toHaveLength(65);
    expect(requestsTo(stub, "DELETE", "/rest/companies")).toHaveLength(2);
    expect(stub.store.get("companies", ids[0])).toBeUndefined();
    expect(stub.store.get("companies", ids[0], { includeDeleted: true })?.deletedAt).toEqual(expect.any(String));

    const restored = await client.restoreRecords("companies", [ids[0], MISSING_ID]);
    expect(restored.succeeded.map((s) => s.index)).toEqual([0]);
    expect(restored.failed[0]).toMatchObject({ index: 1, error: { code: "NOT_FOUND" } });
    expect(stub.store.get("companies", ids[0])).toBeDefined();

    await client.deleteRecord("companies", ids[1], { soft: false });
    expect(stub.store.get("companies", ids[1], { includeDeleted: true })).toBeUndefined();
    await expect(client.deleteRecord("companies", ids[1])).rejects.toMatchObject({ code: "NOT_FOUND" });

    await client.deleteRecords("companies", ids, { soft: false });
    expect(stub.store.get("companies", ids[0], { includeDeleted: true })).toBeUndefined();
    expect(stub.store.get("companies", ids[64], { includeDeleted: true })).toBeUndefined();
  });
});
