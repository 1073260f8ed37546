import { createTwentyClient } from "../../src/twenty";
import { API_KEY, closedPortUrl, startRawServer, startStub, type RunningStub } from "./support";

describe("testing the connection", () => {
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

  const connect = (baseUrl: string, apiKey = API_KEY, extra = {}) =>
    createTwentyClient({ baseUrl, apiKey, timeoutMs: 300, ...extra }).testConnection();

  it("succeeds with one cheap metadata request and a masked key", async () => {
    const result = await connect(`${stub.url}/rest/`);
    expect(result).toMatchObject({ ok: true, details: { baseUrl: stub.url, apiKey: "****WXYZ", status: 200 } });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(stub.requestLog.map((r) => `${r.method} ${r.path}`)).toEqual([
      expect.stringMatching(/^GET \/rest\/metadata\/objects/),
    ]);
  });

  it("explains a rejected key", async () => {
    const result = await connect(stub.url, "not-the-key-1234567");
    expect(result).toMatchObject({ ok: false, details: { status: 401, code: "AUTH_ERROR", apiKey: "****4567" } });
    expect(result.message).toMatch(/rejected the API key/);
    expect(JSON.stringify(result)).not.toContain("not-the-key-1234567");
  });

  it("explains an unreachable server", async () => {
    const url = await closedPortUrl();
    const result = await connect(url);
    expect(result).toMatchObject({ ok: false, details: { code: "NETWORK_ERROR" } });
    expect(result.message).toContain(`Could not reach ${url}`);
  });

  it("explains a server error and a hanging server, without retrying", async () => {
    stub.setFaults({ serverErrorRate: 1 });
    const failing = await connect(stub.url);
    expect(failing).toMatchObject({ ok: false, details: { code: "SERVER_ERROR", status: 500 } });
    expect(failing.message).toMatch(/server error/);
    expect(stub.requestLog).toHaveLength(1);

    stub.setFaults({ timeoutRate: 1 });
    const hanging = await connect(stub.url);
    expect(hanging).toMatchObject({ ok: false, details: { code: "TIMEOUT" } });
    expect(hanging.message).toMatch(/did not answer in time/);
  });

  describe("against a server the stand-in does not imitate", () => {
    let server: Awaited<ReturnType<typeof startRawServer>>;
    let answer: { status: number; body: unknown };
    beforeAll(async () => {
      server = await startRawServer((_req, res) =>
        res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body)),
      );
    });
    afterAll(() => server.close());

    it("explains a missing key (403)", async () => {
      answer = {
        status: 403,
        body: { statusCode: 403, error: "FORBIDDEN_EXCEPTION", messages: ["Missing authentication token"] },
      };
      const result = await connect(server.url);
      expect(result.message).toMatch(/received no API key/);
    });

    it("explains rate limiting with the wait Twenty asked for", async () => {
      answer = {
        status: 429,
        body: { statusCode: 429, error: "RATE_LIMITED", messages: ["Limit reached"], retryAfterSeconds: 12 },
      };
      const result = await connect(server.url);
      expect(result).toMatchObject({ ok: false, details: { code: "RATE_LIMIT" } });
      expect(result.message).toMatch(/rate limiting .* 12 s/);
    });

    it("says when the URL is not a Twenty server", async () => {
      answer = { status: 200, body: { hello: "world" } };
      const result = await connect(server.url);
      expect(result).toMatchObject({ ok: false, details: { code: "UNKNOWN" } });
      expect(result.message).toMatch(/does not look like Twenty/);
    });
  });
});
