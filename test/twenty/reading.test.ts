import { API_KEY, clientFor, requestsTo, startStub, type RunningStub } from "./support";

describe("reading from Twenty", () => {
  let stub: RunningStub;
  beforeAll(async () => {
    stub = await startStub({ seed: "empty", size: { companies: 1050 } });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.resetRequestLog());

  it("pages through 1,050 records with 200 per request", async () => {
    const { client } = clientFor(stub);
    const progress: [number, number | null][] = [];
    const records = await client.listRecords("companies", {
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });

    expect(records).toHaveLength(1050);
    expect(new Set(records.map((r) => r.id)).size).toBe(1050);
    expect(requestsTo(stub, "GET", "/rest/companies")).toHaveLength(Math.ceil(1050 / 200));
    expect(progress[0]).toEqual([200, 1050]);
    expect(progress.at(-1)).toEqual([1050, 1050]);
  });

  it("follows hasNextPage when a server caps pages lower than asked", async () => {
    const older = await startStub({ maxRecords: 60, size: { companies: 130 } });
    try {
      const { client } = clientFor(older);
      const records = await client.listRecords("companies");
      expect(records).toHaveLength(130);
      expect(requestsTo(older, "GET", "/rest/companies")).toHaveLength(3);
    } finally {
      await older.close();
    }
  });

  it("lists only records changed since a time (soft-deleted ones with deletedAt), and soft-deleted ones only on request", async () => {
    const [first, second, third] = stub.store.list("companies");
    const before = new Date(Date.now() - 1).toISOString();
    stub.store.update("companies", first.id, { name: "Touched Ltd" });
    stub.store.softDelete("companies", second.id);
    const { client } = clientFor(stub);

    const changed = await client.listRecords("companies", { changedSince: before });
    expect(changed.map((r) => [r.id, r.deletedAt !== null])).toEqual(expect.arrayContaining([[first.id, false], [second.id, true]]));
    expect(changed.map((r) => r.id)).not.toContain(third.id);

    const live = await client.listRecords("companies");
    expect(live.map((r) => r.id)).not.toContain(second.id);
    const all = await client.listRecords("companies", { includeDeleted: true });
    expect(all.find((r) => r.id === second.id)?.deletedAt).toEqual(expect.any(String));
    expect(all).toHaveLength(live.length + 1);
  });

  it("fetches records by id, 100 ids per request, skipping soft-deleted and unknown ids", async () => {
    const all = stub.store.list("companies");
    const wanted = all.slice(0, 250).map((r) => r.id);
    stub.store.softDelete("companies", wanted[7]!);
    const unknown = "00000000-0000-4000-8000-00000000dead";
    const { client } = clientFor(stub);
    stub.resetRequestLog();
    const found = await client.listRecords("companies", { ids: [...wanted, unknown] });
    expect(new Set(found.map((r) => r.id))).toEqual(new Set(wanted.filter((_, i) => i !== 7)));
    expect(requestsTo(stub, "GET", "/rest/companies")).toHaveLength(3);
    stub.store.restore("companies", wanted[7]!);
  });

  it("passes filter, order and field projection through to Twenty", async () => {
    const [, , , target] = stub.store.list("companies");
    stub.store.update("companies", target.id, { name: "Filtered Ltd" });
    const { client } = clientFor(stub);
    const records = await client.listRecords("companies", {
      filter: 'name[eq]:"Filtered Ltd"',
      orderBy: "createdAt[DescNullsLast]",
      fields: ["id", "name"],
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: target.id, name: "Filtered Ltd" });
    expect(records[0]).not.toHaveProperty("employees");
  });

  it("reads one record by id and reports a missing one as NOT_FOUND", async () => {
    const { client } = clientFor(stub);
    const [company] = stub.store.list("companies");
    await expect(client.getRecord("companies", company.id)).resolves.toMatchObject({ id: company.id });
    await expect(client.getRecord("companies", "1b4e28ba-2fa1-41d2-883f-0016d3cca427")).rejects.toMatchObject({
      code: "NOT_FOUND",
      status: 404,
      message: "Record not found",
      attempts: 1,
    });
  });

  it("lists object metadata in the legacy shape", async () => {
    const { client } = clientFor(stub);
    const objects = await client.listObjects();
    const people = objects.find((o) => o.namePlural === "people");
    expect(people?.nameSingular).toBe("person");
    expect(people?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["name", "emails", "company"]));
  });

  it("lists object metadata in the new bare shape", async () => {
    const modern = await startStub({ metadataFormat: "new" });
    try {
      const { client } = clientFor(modern);
      const objects = await client.listObjects();
      expect(objects.map((o) => o.namePlural)).toEqual(
        expect.arrayContaining(["companies", "people", "opportunities"]),
      );
    } finally {
      await modern.close();
    }
  });

  it("sends the key as a bearer token and never with cookies", async () => {
    const seen: RequestInit[] = [];
    const { client } = clientFor(stub, {
      fetch: (url, init) => {
        seen.push(init);
        return fetch(url, init);
      },
    });
    await client.listRecords("companies", { limit: 1, filter: 'name[eq]:"Touched Ltd"' });
    expect(seen[0].credentials).toBe("omit");
    expect((seen[0].headers as Record<string, string>).Authorization).toBe(`Bearer ${API_KEY}`);
  });
});
