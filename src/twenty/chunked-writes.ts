import type { ErrorCode, ErrorInfo } from "../sync/errors";
import type { WriteOutcome } from "../sync/ports";
import type { CrmRecord } from "../sync/metadata";
import { TwentyApiError } from "./api-error";
import { isCancellation } from "./timing";

export interface ChunkedWrite<T> {
  items: readonly T[];
  chunkSize: number;
  /** Sends one chunk (retrying transient failures itself); resolves with one result per item, in order. */
  send: (chunk: T[]) => Promise<ItemResult[]>;
  /** Codes that blame the rows of a chunk rather than the request; such chunks are bisected to find the bad rows. */
  rowLevelCodes?: readonly ErrorCode[];
  onBatch?: (outcome: WriteOutcome) => Promise<void> | void;
  /** Told when the server reports a smaller batch cap, so later calls start with the right size. */
  onServerCap?: (cap: number) => void;
}

/** What happened to one item of a chunk the server accepted. */
export type ItemResult = { record: CrmRecord } | { error: ErrorInfo };

interface Entry<T> {
  index: number;
  item: T;
}

const SERVER_CAP = /Maximum number of records to (?:upsert|update|create|delete) is (\d+)/i;

/**
 * Writes items in chunks. Twenty applies a batch all-or-nothing, so a chunk rejected as invalid is split
 * in halves until each bad row stands alone: good rows still land and each bad row gets its own error.
 * Any other failure (auth, server down after retries) fails that chunk and every later one with that error.
 * Cancellation reports what already landed through `onBatch`, then rethrows.
 */
export async function writeInChunks<T>(write: ChunkedWrite<T>): Promise<WriteOutcome> {
  const rowLevel = new Set<ErrorCode>(write.rowLevelCodes ?? ["VALIDATION_ERROR"]);
  const total: WriteOutcome = { succeeded: [], failed: [] };
  let chunkSize = write.chunkSize;
  let position = 0;

  const settle = async (entries: Entry<T>[], outcome: WriteOutcome): Promise<void> => {
    let results: ItemResult[];
    try {
      results = await write.send(entries.map((e) => e.item));
    } catch (error) {
      if (!(error instanceof TwentyApiError) || !rowLevel.has(error.code)) throw error;
      const cap = Number(SERVER_CAP.exec(error.message)?.[1] ?? NaN);
      if (cap > 0 && cap < entries.length) {
        chunkSize = Math.min(chunkSize, cap);
        write.onServerCap?.(cap);
        for (let i = 0; i < entries.length; i += cap) await settle(entries.slice(i, i + cap), outcome);
        return;
      }
      if (entries.length === 1) {
        outcome.failed.push({ index: entries[0].index, error: error.toInfo() });
        return;
      }
      const half = Math.ceil(entries.length / 2);
      await settle(entries.slice(0, half), outcome);
      await settle(entries.slice(half), outcome);
      return;
    }
    entries.forEach((entry, i) => {
      const result = results[i];
      if ("record" in result) outcome.succeeded.push({ index: entry.index, record: result.record });
      else outcome.failed.push({ index: entry.index, error: result.error });
    });
  };

  while (position < write.items.length) {
    const entries = write.items.slice(position, position + chunkSize).map((item, i) => ({ index: position + i, item }));
    position += entries.length;
    const outcome: WriteOutcome = { succeeded: [], failed: [] };
    try {
      await settle(entries, outcome);
    } catch (error) {
      const info = toErrorInfo(error);
      const isCancel = isCancellation(error);
      if (!isCancel) failUnsettled(entries, outcome, info);
      merge(total, outcome);
      if (outcome.succeeded.length + outcome.failed.length > 0) await write.onBatch?.(sorted(outcome));
      if (isCancel) throw error;
      const rest = write.items.slice(position).map((_, i) => ({ index: position + i, error: info }));
      total.failed.push(...rest);
      return sorted(total);
    }
    merge(total, outcome);
    await write.onBatch?.(sorted(outcome));
  }
  return sorted(total);
}

function failUnsettled<T>(entries: Entry<T>[], outcome: WriteOutcome, error: ErrorInfo): void {
  const settled = new Set([...outcome.succeeded, ...outcome.failed].map((x) => x.index));
  for (const entry of entries) {
    if (!settled.has(entry.index)) outcome.failed.push({ index: entry.index, error });
  }
}

function merge(into: WriteOutcome, from: WriteOutcome): void {
  into.succeeded.push(...from.succeeded);
  into.failed.push(...from.failed);
}

function sorted(outcome: WriteOutcome): WriteOutcome {
  return {
    succeeded: [...outcome.succeeded].sort((a, b) => a.index - b.index),
    failed: [...outcome.failed].sort((a, b) => a.index - b.index),
  };
}

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof TwentyApiError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: "UNKNOWN", message, isRetryable: false };
}
