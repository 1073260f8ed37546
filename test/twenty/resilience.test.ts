import { createTwentyClient, type TwentyClient } from "../../src/twenty";
import { API_KEY, clientFor, requestsTo, startRawServer, startStub, type RunningStub } from "./support";

describe("the client under a misbehaving Twenty", () => {
  let stub: RunningStub;
  beforeAll(async () => {
    stub = await startStub({ size: { companies: 300 } });
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.setFaults(null);
    stub.setRateLimit(null);
    stub.resetRequestLog();
  });

  /** A fetch that lets the stub misbehave for the first `n` requests only. */
  function faultyFor(n: number, faults: Parameters<RunningStub["setFaults"]>[0]) {
    let seen = 0;
    stub.setFaults(faults);
    return async (url: string, init: RequestInit) => {
      try {
        return await fetch(url, init);
      } finally {
        if (++seen === n) stub.setFaults(null);
      }
    };
  }

  it("recovers from two server errors with backoff, reporting nothing to the caller", async () => {
    const { client, time } = clientFor(stub, {
      fetch: faultyFor(2, { serverErrorRate: 1 }),
      initialBackoffMs: 200,
      random: () => 0.5,
    });
    const records = await client.listRecords("companies");
    expect(records).toHaveLength(300);
    expect(time.sleeps).toEqual([100, 200]);
  });

  it("retries with full jitter: waits are random but below the growing cap", async () => {
    const draws = [0.9, 0.1, 0.5];
    stub.setFaults({ serverErrorRate: 1 });
    const { client, time } = clientFor(stub, {
      random: () => draws.shift() ?? 0,
      initialBackoffMs: 1000,
      maxBackoffMs: 3000,
    });
    await expect(client.listObjects()).rejects.toMatchObject({ code: "SERVER_ERROR", attempts: 4 });
    expect(time.sleeps).toEqual([900, 200, 1500]);
  });

  it("does not retry what cannot succeed (validation)", async () => {
    const { client, time } = clientFor(stub);
    await expect(client.createRecord("companies", { nope: 1 })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      attempts: 1,
    });
    expect(time.sleeps).toEqual([]);
  });

  it("waits as long as a 429 asks (retryAfterSeconds) and then succeeds", async () => {
    stub.setRateLimit({ limit: 1, windowMs: 1000 });
    const sleeps: number[] = [];
    const client = createTwentyClient({
      baseUrl: stub.url,
      apiKey: API_KEY,
      requestsPerMinute: 60_000,
      burst: 100,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const records = await client.listRecords("companies", { limit: 150 });
    expect(records).toHaveLength(300);
    expect(requestsTo(stub, "GET", "/rest/companies").filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(sleeps.some((ms) => ms >= 1000)).toBe(true);
  });

  it("falls back to the Retry-After header when the 429 body has no retryAfterSeconds", async () => {
    let calls = 0;
    const server = await startRawServer((_req, res) => {
      if (++calls === 1) {
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "3" });
        res.end(JSON.stringify({ statusCode: 429, error: "HttpException", messages: ["Limit reached"] }));
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ data: { objects: [] }, pageInfo: { hasNextPage: false }, totalCount: 0 }));
    });
    try {
      const { client, time } = clientFor(server, { random: () => 0 });
      await expect(client.listObjects()).resolves.toEqual([]);
      expect(calls).toBe(2);
      expect(time.sleeps[0]).toBe(3000);
    } finally {
      await server.close();
    }
  });

  it("counts metadata requests against the pace only when configured to", async () => {
    const paced = clientFor(stub, { requestsPerMinute: 60, burst: 1 });
    await paced.client.listObjects();
    await paced.client.listObjects();
    expect(paced.time.sleeps).toEqual([1000]);

    const unpaced = clientFor(stub, { requestsPerMinute: 60, burst: 1, metadataUsesRateLimit: false });
    await unpaced.client.listObjects();
    await unpaced.client.listObjects();
    expect(unpaced.time.sleeps).toEqual([]);
  });

  it("paces requests under a small limit so Twenty never answers 429", async () => {
    stub.setRateLimit({ limit: 5, windowMs: 1000 });
    const client = createTwentyClient({ baseUrl: stub.url, apiKey: API_KEY, requestsPerMinute: 240, burst: 4 });
    const records = await client.listRecords("companies", { limit: 25 });
    expect(records).toHaveLength(300);
    const log = requestsTo(stub, "GET", "/rest/companies");
    expect(log).toHaveLength(12);
    expect(log.filter((r) => r.status === 429)).toEqual([]);
  });

  it("creates no duplicates when a batch create landed but the connection dropped before the answer", async () => {
    const before = stub.store.count("people");
    const { client } = clientFor(stub, { fetch: faultyFor(1, { dropRate: 1, faultAfterWrite: true }) });
    const input = Array.from({ length: 40 }, (_, i) => ({ jobTitle: `Dropped ${i}` }));

    const outcome = await client.createRecords("people", input);

    expect(outcome.failed).toEqual([]);
    expect(outcome.succeeded).toHaveLength(40);
    expect(stub.store.count("people")).toBe(before + 40);
    expect(requestsTo(stub, "POST", "/rest/batch/people")).toHaveLength(1);
  });

  it("sends only the missing records again when a create timed out before landing", async () => {
    const before = stub.store.count("people");
    const { client } = clientFor(stub, {
      timeoutMs: 200,
      fetch: faultyFor(1, { timeoutRate: 1 }),
    });
    const outcome = await client.createRecords("people", [{ jobTitle: "Late" }]);
    expect(outcome.succeeded).toHaveLength(1);
    expect(stub.store.count("people")).toBe(before + 1);
  });

  it("an upsert retried after a drop is applied once", async () => {
    const { client: setup } = clientFor(stub);
    const person = await setup.createRecord("people", { emails: { primaryEmail: "grace@hopper.dev" } });
    const count = stub.store.count("people");
    const { client } = clientFor(stub, { fetch: faultyFor(1, { dropRate: 1, faultAfterWrite: true }) });
    const outcome = await client.createRecords(
      "people",
      [{ emails: { primaryEmail: "grace@hopper.dev" }, jobTitle: "Rear Admiral" }, { jobTitle: "New hire" }],
      { upsert: true },
    );
    expect(outcome.succeeded[0].record).toMatchObject({ id: person.id, jobTitle: "Rear Admiral" });
    expect(stub.store.count("people")).toBe(count + 1);
  });

  describe("cancellation", () => {
    it("aborts a request in flight at once, without retrying", async () => {
      stub.setFaults({ latencyMs: 1500 });
      const { client } = clientFor(stub);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      await expect(client.listRecords("companies", { signal: controller.signal })).rejects.toMatchObject({
        code: "OPERATION_FAILED",
        message: "Cancelled",
        isRetryable: false,
        attempts: 1,
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it("aborts a pacing wait at once", async () => {
      const client: TwentyClient = createTwentyClient({
        baseUrl: stub.url,
        apiKey: API_KEY,
        requestsPerMinute: 1,
        burst: 1,
      });
      await client.listRecords("companies", { limit: 1, filter: "employees[lt]:0" });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      await expect(client.listRecords("companies", { signal: controller.signal })).rejects.toMatchObject({
        code: "OPERATION_FAILED",
        path: "/rest/companies",
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it("aborts a backoff wait at once, and reports the batches that landed before", async () => {
      const controller = new AbortController();
      let calls = 0;
      const landed: number[] = [];
      const client = createTwentyClient({
        baseUrl: stub.url,
        apiKey: API_KEY,
        batchSize: 10,
        initialBackoffMs: 10_000,
        maxBackoffMs: 10_000,
        random: () => 1,
        fetch: async (url, init) => {
          if (++calls === 2) {
            stub.setFaults({ serverErrorRate: 1 });
            setTimeout(() => controller.abort(), 50);
          }
          return fetch(url, init);
        },
      });
      const started = Date.now();
      const input = Array.from({ length: 30 }, (_, i) => ({ name: `Cancelled batch ${i}` }));
      await expect(
        client.createRecords("companies", input, {
          signal: controller.signal,
          onBatch: (b) => void landed.push(...b.succeeded.map((s) => s.index)),
        }),
      ).rejects.toMatchObject({ code: "OPERATION_FAILED" });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(landed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
});
