import { workbookSettingsSchema, type WorkbookSettings } from "../../src/sync/settings";
import { createTwentyClient, type TwentyClient } from "../../src/twenty";
import { startTwentyStub, type RateLimit, type RunningStub } from "../../src/twenty-stub";
import type { RequestLogEntry } from "../../src/twenty-stub";

export const BENCH_API_KEY = "bench-key-0123456789abcdef";

/** The stand-in plus a real client against it; no client-side pacing unless asked for. */
export async function startStubAndClient(options: {
  companies?: number;
  rateLimit?: RateLimit | null;
  requestsPerMinute?: number;
}): Promise<{ stub: RunningStub; crm: TwentyClient }> {
  const stub = await startTwentyStub({
    apiKey: BENCH_API_KEY,
    seed: "empty",
    size: options.companies ? { companies: options.companies } : {},
    rateLimit: options.rateLimit ?? null,
  });
  const crm = createTwentyClient({
    baseUrl: stub.url,
    apiKey: BENCH_API_KEY,
    batchSize: 60,
    requestsPerMinute: options.requestsPerMinute ?? 1e9,
  });
  return { stub, crm };
}

export function companiesSettings(sheetName = "Companies"): WorkbookSettings {
  return workbookSettingsSchema.parse({ version: 1, objects: [{ object: "companies", sheetName }] });
}

export interface RequestCounts {
  total: number;
  metadata: number;
  reads: number;
  writes: number;
  /** Records carried by write requests (as the stand-in counted them). */
  recordsWritten: number;
  rateLimited: number;
  failed: number;
}

export function countRequests(log: readonly RequestLogEntry[]): RequestCounts {
  const counts: RequestCounts = { total: 0, metadata: 0, reads: 0, writes: 0, recordsWritten: 0, rateLimited: 0, failed: 0 };
  for (const entry of log) {
    if (entry.method === "OPTIONS") continue;
    counts.total++;
    if (entry.status === 429) counts.rateLimited++;
    else if (entry.status === 0 || entry.status >= 400) counts.failed++;
    if (entry.path.startsWith("/rest/metadata")) counts.metadata++;
    else if (entry.method === "GET") counts.reads++;
    else {
      counts.writes++;
      if (entry.status >= 200 && entry.status < 300) counts.recordsWritten += entry.records ?? 0;
    }
  }
  return counts;
}
