import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { client } from "./http";

describe("authentication", () => {
  let stub: RunningStub;
  beforeAll(async () => (stub = await startTwentyStub({ apiKey: "the-key", rateLimit: null })));
  afterAll(() => stub.close());

  it("answers 403 FORBIDDEN_EXCEPTION without a token or with an empty bearer", async () => {
    for (const headers of [{}, { Authorization: "Bearer " }] as Record<string, string>[]) {
      const answer = await client(stub, null).call("GET", "/rest/companies", undefined, headers);
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ statusCode: 403, error: "FORBIDDEN_EXCEPTION", messages: ["Missing authentication token"] });
    }
  });

  it("refuses a token passed in the URL", async () => {
    const answer = await client(stub, null).get("/rest/companies?token=the-key");
    expect(answer.status).toBe(403);
    expect(stub.requestLog.at(-1)?.path).not.toContain("the-key");
  });

  it("answers 401 UNAUTHENTICATED for a wrong key and for an expired one", async () => {
    const wrong = await client(stub, "someone-else").get("/rest/companies");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: "UNAUTHENTICATED", messages: ["Token invalid."] });
    const expired = await client(stub, "expired-the-key").get("/rest/metadata/objects");
    expect(expired.status).toBe(401);
    expect(expired.body.messages).toEqual(["Token has expired."]);
  });

  it("serves /healthz without a token", async () => {
    const answer = await client(stub, null).get("/healthz");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "ok", info: {}, error: {}, details: {} });
  });
});

describe("CORS", () => {
  let stub: RunningStub;
  beforeAll(async () => (stub = await startTwentyStub({ apiKey: "k", rateLimit: null })));
  afterAll(() => stub.close());

  it("answers a preflight with 204, ACAO *, the six methods and the requested headers reflected", async () => {
    const response = await fetch(`${stub.url}/rest/companies`, {
      method: "OPTIONS",
      headers: { Origin: "https://localhost:3000", "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,HEAD,PUT,PATCH,POST,DELETE");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("marks every answer, errors included, with ACAO * and exposes WWW-Authenticate", async () => {
    const answer = await client(stub, "wrong").call("GET", "/rest/companies", undefined, { Origin: "https://localhost:3000" });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-expose-headers")).toBe("WWW-Authenticate");
  });
});

describe("rate limiting", () => {
  let stub: RunningStub;
  beforeAll(async () => (stub = await startTwentyStub({ apiKey: "k", rateLimit: { limit: 3, windowMs: 60_000 } })));
  afterAll(() => stub.close());

  it("answers 429 RATE_LIMITED with retryAfterSeconds and Retry-After once the bucket is empty", async () => {
    const api = client(stub);
    for (let i = 0; i < 3; i++) expect((await api.get("/rest/companies")).status).toBe(200);
    const limited = await api.get("/rest/companies");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: "RATE_LIMITED", limit: 3, remaining: 0, scope: { spenderType: "apiKey" } });
    expect(limited.body.messages).toEqual(["Limit reached (3 tokens per 60000 ms)"]);
    // One token refills every 20 s at 3 per minute.
    expect(limited.body.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect(limited.body.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect(JSON.stringify(limited.body)).not.toContain('"k"');
    expect(limited.headers.get("retry-after")).toBe(String(limited.body.retryAfterSeconds));
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("refills continuously: one token comes back after windowMs / limit", async () => {
    const api = client(stub);
    stub.setRateLimit({ limit: 2, windowMs: 2000 });
    expect((await api.get("/rest/companies")).status).toBe(200);
    expect((await api.get("/rest/companies")).status).toBe(200);
    expect((await api.get("/rest/companies")).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api.get("/rest/companies")).status).toBe(200);
  });

  it("does not charge metadata calls, and can be switched off at run time", async () => {
    const api = client(stub);
    stub.setRateLimit({ limit: 1, windowMs: 60_000 });
    expect((await api.get("/rest/companies")).status).toBe(200);
    expect((await api.get("/rest/companies")).status).toBe(429);
    expect((await api.get("/rest/metadata/objects")).status).toBe(200);
    stub.setRateLimit(null);
    expect((await api.get("/rest/companies")).status).toBe(200);
  });
});

describe("fault injection", () => {
  let stub: RunningStub;
  beforeAll(async () => (stub = await startTwentyStub({ apiKey: "k", rateLimit: null })));
  afterAll(() => stub.close());
  afterEach(() => stub.setFaults(null));

  it("answers 500 in Twenty's envelope when serverErrorRate is 1, and normally once switched off", async () => {
    const api = client(stub);
    stub.setFaults({ serverErrorRate: 1 });
    const failed = await api.get("/rest/companies");
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ statusCode: 500, error: "InternalServerErrorException", messages: ["Internal server error"] });
    stub.setFaults(null);
    expect((await api.get("/rest/companies")).status).toBe(200);
  });

  it("answers a bare non-JSON 502 like a proxy", async () => {
    stub.setFaults({ badGatewayRate: 1 });
    const response = await fetch(`${stub.url}/rest/companies`, { headers: { Authorization: "Bearer k" } });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toContain("502 Bad Gateway");
  });

  it("drops the connection before a write is applied by default", async () => {
    stub.setFaults({ dropRate: 1 });
    const before = stub.store.count("companies");
    await expect(fetch(`${stub.url}/rest/companies`, { method: "POST", headers: { Authorization: "Bearer k", "Content-Type": "application/json" }, body: '{"name":"lost"}' })).rejects.toThrow();
    expect(stub.store.count("companies")).toBe(before);
  });

  it("with faultAfterWrite, applies the write and then drops the answer", async () => {
    stub.setFaults({ dropRate: 1, faultAfterWrite: true });
    const before = stub.store.count("companies");
    const postAndRead = async () => (await fetch(`${stub.url}/rest/companies`, { method: "POST", headers: { Authorization: "Bearer k", "Content-Type": "application/json" }, body: '{"name":"applied"}' })).text();
    await expect(postAndRead()).rejects.toThrow();
    expect(stub.store.count("companies")).toBe(before + 1);
  });

  it("cuts a read's answer off mid-body on a drop fault", async () => {
    stub.setFaults({ dropRate: 1 });
    const response = await fetch(`${stub.url}/rest/companies`, { headers: { Authorization: "Bearer k" } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(stub.requestLog.at(-1)).toMatchObject({ method: "GET", status: 0 });
  });

  it("with faultAfterWrite, applies the write and then never answers on a timeout fault", async () => {
    stub.setFaults({ timeoutRate: 1, faultAfterWrite: true });
    const before = stub.store.count("companies");
    await expect(
      fetch(`${stub.url}/rest/companies`, { method: "POST", headers: { Authorization: "Bearer k", "Content-Type": "application/json" }, body: '{"name":"applied late"}', signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(stub.store.count("companies")).toBe(before + 1);
  });

  it("hangs on a timeout fault until the client gives up", async () => {
    stub.setFaults({ timeoutRate: 1 });
    const started = Date.now();
    await expect(fetch(`${stub.url}/rest/companies`, { headers: { Authorization: "Bearer k" }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(stub.requestLog.at(-1)).toMatchObject({ method: "GET", status: 0 });
  });

  it("injects the same faults for the same seed", async () => {
    const sequence = async () => {
      stub.setFaults({ serverErrorRate: 0.5, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await client(stub).get("/rest/companies")).status);
      return statuses;
    };
    const first = await sequence();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await sequence()).toEqual(first);
  });

  it("adds latency to every request", async () => {
    stub.setFaults({ latencyMs: 120 });
    const started = Date.now();
    await client(stub).get("/rest/companies");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe("request log", () => {
  it("records method, path, status and record count, and can be reset", async () => {
    const stub = await startTwentyStub({ apiKey: "k", seed: "sample", rateLimit: null });
    try {
      await client(stub).get("/rest/people?limit=7");
      expect(stub.requestLog).toEqual([expect.objectContaining({ method: "GET", path: "/rest/people?limit=7", status: 200, records: 7 })]);
      stub.resetRequestLog();
      expect(stub.requestLog).toEqual([]);
    } finally {
      await stub.close();
    }
  });
});
