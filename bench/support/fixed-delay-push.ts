/**
 * The baseline for the pacing benchmark: what a simple import script does. It posts batches to
 * `POST /rest/batch/{plural}` one after another with a fixed pause between calls, and gives up on a
 * batch that fails (no retry, no reading of 429 bodies). Deliberately naive: it is the thing we compare
 * our pacer against, not something the product uses.
 */
export interface FixedDelayResult {
  requests: number;
  failedRecords: number;
  statuses: Record<number, number>;
  wallMs: number;
}

export async function fixedDelayPush(options: {
  baseUrl: string;
  apiKey: string;
  objectPlural: string;
  records: Record<string, unknown>[];
  batchSize: number;
  delayMs: number;
}): Promise<FixedDelayResult> {
  const started = performance.now();
  const statuses: Record<number, number> = {};
  let failedRecords = 0;
  let requests = 0;
  for (let offset = 0; offset < options.records.length; offset += options.batchSize) {
    if (offset > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const batch = options.records.slice(offset, offset + options.batchSize);
    const response = await fetch(`${options.baseUrl}/rest/batch/${options.objectPlural}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(batch),
    });
    await response.arrayBuffer();
    requests++;
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (!response.ok) failedRecords += batch.length;
  }
  return { requests, failedRecords, statuses, wallMs: performance.now() - started };
}
