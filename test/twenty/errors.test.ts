import { createTwentyClient } from "../../src/twenty";
import { API_KEY, clientFor, closedPortUrl, requestsTo, startRawServer, startStub, type RunningStub } from "./support";

describe("Twenty errors become typed SyncErrors", () => {
  let stub: RunningStub;
  beforeAll(async () => {
    stub = await startStub({ seed: "sample" });
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.setFaults(null);
    stub.setRateLimit(null);
    stub.resetRequestLog();
  });

  it("a wrong key is an AUTH_ERROR carrying Twenty's message, not retried, without the key", async () => {
    const wrongKey = "wrong-key-abcdefghijklmnop";
    const { client } = clientFor(stub, { apiKey: wrongKey });
    const error = await client.listRecords("companies").catch((e) => e);
    expect(error).toMatchObject({ code: "AUTH_ERROR", status: 401, message: "Token invalid.", attempts: 1 });
    expect(error.isRetryable).toBe(false);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(wrongKey);
  });

  it("an expired key is an AUTH_ERROR saying so", async () => {
    const { client } = clientFor(stub, { apiKey: "expired-0123456789abcdef" });
    await expect(client.listObjects()).rejects.toMatchObject({ code: "AUTH_ERROR", message: "Token has expired." });
  });

  it("an invalid value is a VALIDATION_ERROR with Twenty's message, naming method and path", async () => {
    const { client } = clientFor(stub);
    const error = await client.createRecord("companies", { name: "X", employees: "many" }).catch((e) => e);
    expect(error).toMatchObject({
      code: "VALIDATION_ERROR",
      status: 400,
      method: "POST",
      path: "/rest/batch/companies",
    });
    expect(error.message).toMatch(/employees/);
    expect(error.twentyError).toBe("BadRequestException");
  });

  it("an unknown object name is a VALIDATION_ERROR suggesting the plural", async () => {
    const { client } = clientFor(stub);
    await expect(client.listRecords("company")).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      message: expect.stringMatching(/Did you mean 'companies'/),
    });
  });

  it("persistent server errors are SERVER_ERROR after all retries, with exponential backoff", async () => {
    stub.setFaults({ serverErrorRate: 1 });
    const { client, time } = clientFor(stub, { maxRetries: 3, initialBackoffMs: 100, maxBackoffMs: 300 });
    await expect(client.listRecords("companies")).rejects.toMatchObject({
      code: "SERVER_ERROR",
      status: 500,
      attempts: 4,
    });
    expect(requestsTo(stub, "GET", "/rest/companies")).toHaveLength(4);
    expect(time.sleeps).toEqual([100, 200, 300]);
  });

  it("a bare 502 from a proxy is a SERVER_ERROR too", async () => {
    stub.setFaults({ badGatewayRate: 1 });
    const { client } = clientFor(stub, { maxRetries: 1 });
    await expect(client.listObjects()).rejects.toMatchObject({ code: "SERVER_ERROR", status: 502, attempts: 2 });
  });

  it("a hanging server is a TIMEOUT", async () => {
    stub.setFaults({ timeoutRate: 1 });
    const { client } = clientFor(stub, { timeoutMs: 150, maxRetries: 1 });
    const error = await client.listRecords("companies").catch((e) => e);
    expect(error).toMatchObject({ code: "TIMEOUT", attempts: 2 });
    expect(error.message).toMatch(/150 ms/);
  });

  it("a dropped connection is a NETWORK_ERROR", async () => {
    stub.setFaults({ dropRate: 1 });
    const { client } = clientFor(stub, { maxRetries: 0 });
    await expect(client.listRecords("companies")).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      attempts: 1,
      message: expect.stringContaining("connection closed unexpectedly"),
    });
  });

  it("a closed port is a NETWORK_ERROR naming the server", async () => {
    const url = await closedPortUrl();
    const { client } = clientFor({ url }, { maxRetries: 1 });
    const error = await client.listObjects().catch((e) => e);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", attempts: 2 });
    expect(error.message).toBe(`Could not reach Twenty at ${url} (connection refused)`);
  });

  it("a batch write that keeps failing fails its rows and every later row, without hammering the server", async () => {
    stub.setFaults({ serverErrorRate: 1 });
    const { client } = clientFor(stub, { maxRetries: 2, batchSize: 10 });
    const input = Array.from({ length: 25 }, (_, i) => ({ name: `Never ${i}` }));
    const batches: number[] = [];
    const outcome = await client.createRecords("companies", input, {
      onBatch: (b) => void batches.push(b.failed.length),
    });
    expect(outcome.succeeded).toEqual([]);
    expect(outcome.failed.map((f) => f.index)).toEqual(input.map((_, i) => i));
    expect(outcome.failed[24].error).toMatchObject({ code: "SERVER_ERROR", status: 500, isRetryable: true });
    expect(requestsTo(stub, "POST", "/rest/batch/companies")).toHaveLength(1);
    expect(batches).toEqual([10]);
  });

  it("a rate limit that outlasts the retries is a RATE_LIMIT error", async () => {
    stub.setRateLimit({ limit: 1, windowMs: 60_000 });
    const { client } = clientFor(stub, { maxRetries: 2, maxRetryAfterMs: 120_000 });
    await client.listRecords("companies", { limit: 1, filter: "employees[gt]:100000000" });
    await expect(client.listRecords("companies", { limit: 1 })).rejects.toMatchObject({
      code: "RATE_LIMIT",
      status: 429,
      attempts: 3,
    });
  });

  describe("answers only a broken server gives", () => {
    const answers: Record<string, (res: import("http").ServerResponse) => void> = {
      "/rest/garbled": (res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{ not json"),
      "/rest/wrongshape": (res) =>
        res
          .writeHead(200, { "Content-Type": "application/json" })
          .end(JSON.stringify({ data: { wrongshape: "nope" } })),
      "/rest/echo": (res) =>
        res
          .writeHead(400, { "Content-Type": "application/json" })
          .end(JSON.stringify({ statusCode: 400, error: "BadRequestException", messages: [`bad token ${API_KEY}`] })),
      "/rest/quota": (res) =>
        res
          .writeHead(402, { "Content-Type": "application/json" })
          .end(JSON.stringify({ messages: ["Quota exhausted"] })),
    };
    let server: Awaited<ReturnType<typeof startRawServer>>;
    beforeAll(async () => {
      server = await startRawServer((req, res) => answers[(req.url ?? "").split("?")[0]](res));
    });
    afterAll(() => server.close());

    const client = () => createTwentyClient({ baseUrl: server.url, apiKey: API_KEY, maxRetries: 0 });

    it("a body that is not JSON is UNKNOWN, naming the endpoint", async () => {
      await expect(client().listRecords("garbled")).rejects.toMatchObject({
        code: "UNKNOWN",
        message: "GET /rest/garbled answered 200 with a body that is not JSON",
      });
    });

    it("a body of the wrong shape is UNKNOWN, saying what was wrong and where", async () => {
      const error = await client()
        .listRecords("wrongshape")
        .catch((e) => e);
      expect(error.code).toBe("UNKNOWN");
      expect(error.message).toMatch(/^Unexpected response from GET \/rest\/wrongshape: .* at data\.wrongshape/);
    });

    it("a server echoing the key back never gets it into the error", async () => {
      const error = await client()
        .listRecords("echo")
        .catch((e) => e);
      expect(error.code).toBe("VALIDATION_ERROR");
      expect(error.message).toBe("bad token ****");
    });

    it("a status outside the taxonomy is UNKNOWN with the server's words", async () => {
      await expect(client().listRecords("quota")).rejects.toMatchObject({
        code: "UNKNOWN",
        status: 402,
        message: "Quota exhausted",
      });
    });
  });
});
