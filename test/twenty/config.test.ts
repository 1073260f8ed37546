import { createTwentyClient, maskApiKey, normalizeBaseUrl, parseTwentyConfig, TwentyApiError } from "../../src/twenty";
import { SyncError } from "../../src/sync/errors";

const KEY = "eyJhbGciOiJIUzI1NiJ9.secret-payload.sig-9f3c";

describe("Twenty connection settings", () => {
  it("accepts https URLs and strips a trailing slash and a trailing /rest", () => {
    expect(normalizeBaseUrl("https://api.twenty.com/")).toEqual({ url: "https://api.twenty.com" });
    expect(normalizeBaseUrl("https://api.twenty.com/rest/")).toEqual({ url: "https://api.twenty.com" });
    expect(normalizeBaseUrl("https://crm.example.org/twenty/rest")).toEqual({ url: "https://crm.example.org/twenty" });
  });

  it("allows plain http only for the local machine", () => {
    expect(normalizeBaseUrl("http://localhost:3000")).toEqual({ url: "http://localhost:3000" });
    expect(normalizeBaseUrl("http://127.0.0.1:4000/rest")).toEqual({ url: "http://127.0.0.1:4000" });
    expect(normalizeBaseUrl("http://[::1]:4000")).toEqual({ url: "http://[::1]:4000" });
    expect(normalizeBaseUrl("http://api.twenty.com")).toEqual({ error: expect.stringMatching(/must use https/) });
    expect(normalizeBaseUrl("ftp://api.twenty.com")).toEqual({ error: expect.stringMatching(/must use https/) });
    expect(normalizeBaseUrl("not a url")).toEqual({ error: expect.stringMatching(/not a valid URL/) });
  });

  it("refuses an http URL for a remote host with a VALIDATION_ERROR that names the field", () => {
    const attempt = () => createTwentyClient({ baseUrl: "http://crm.example.org", apiKey: KEY });
    expect(attempt).toThrow(SyncError);
    try {
      attempt();
    } catch (error) {
      expect((error as SyncError).code).toBe("VALIDATION_ERROR");
      expect((error as SyncError).message).toMatch(/baseUrl must use https/);
    }
  });

  it("fills in the documented defaults", () => {
    const config = parseTwentyConfig({ baseUrl: "https://api.twenty.com", apiKey: KEY });
    expect(config).toMatchObject({
      timeoutMs: 30000,
      maxRetries: 3,
      initialBackoffMs: 200,
      maxBackoffMs: 5000,
      batchSize: 60,
      pageSize: 200,
      requestsPerMinute: 100,
      metadataUsesRateLimit: true,
    });
  });

  it("rejects an empty key, a batch above the server cap and a non-function fetch", () => {
    expect(() => parseTwentyConfig({ baseUrl: "https://api.twenty.com", apiKey: "  " })).toThrow(/apiKey is required/);
    expect(() => parseTwentyConfig({ baseUrl: "https://api.twenty.com", apiKey: KEY, batchSize: 201 })).toThrow(
      /batchSize/,
    );
    expect(() =>
      parseTwentyConfig({ baseUrl: "https://api.twenty.com", apiKey: KEY, fetch: "nope" as unknown as typeof fetch }),
    ).toThrow(/fetch must be a function/);
  });

  it("never echoes the key in a settings error", () => {
    try {
      parseTwentyConfig({ baseUrl: "http://evil.example.com", apiKey: KEY, timeoutMs: -1 });
      throw new Error("expected a validation error");
    } catch (error) {
      expect(error).toBeInstanceOf(SyncError);
      expect((error as Error).message).not.toContain(KEY);
      expect((error as Error).message).toMatch(/timeoutMs/);
    }
  });

  it("masks keys to their last four characters", () => {
    expect(maskApiKey(KEY)).toBe("****9f3c");
    expect(maskApiKey("short")).toBe("****");
  });

  it("exposes TwentyApiError as a SyncError", () => {
    const error = new TwentyApiError("RATE_LIMIT", "slow down", { method: "GET", path: "/rest/people", status: 429 });
    expect(error).toBeInstanceOf(SyncError);
    expect(error.isRetryable).toBe(true);
    expect(error.withAttempts(4)).toMatchObject({ code: "RATE_LIMIT", attempts: 4, status: 429, path: "/rest/people" });
  });
});
