/** @jest-environment jsdom */
import { createTwentyClient } from "../../src/twenty";

// In a browser a CORS refusal surfaces only as `TypeError: Failed to fetch`, indistinguishable from a down
// server; this reproduces exactly that failure, which a Node server cannot produce.
const corsRefusingFetch = async () => {
  throw new TypeError("Failed to fetch");
};

describe("the client inside the task pane (browser)", () => {
  it("explains that a refused cross-origin request may be CORS", async () => {
    const client = createTwentyClient({
      baseUrl: "https://crm.example.org",
      apiKey: "browser-key-0123456789",
      fetch: corsRefusingFetch,
    });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, details: { code: "NETWORK_ERROR" } });
    expect(result.message).toMatch(/does not allow requests from this add-in \(CORS\)/);
  });

  it("reports the same failure on a data request as a retryable NETWORK_ERROR mentioning CORS", async () => {
    const client = createTwentyClient({
      baseUrl: "https://crm.example.org",
      apiKey: "browser-key-0123456789",
      fetch: corsRefusingFetch,
      maxRetries: 0,
    });
    const error = await client.listRecords("companies").catch((e) => e);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", isRetryable: true });
    expect(error.message).toMatch(/Failed to fetch; the server may be down or may not allow requests .* \(CORS\)/);
  });
});
