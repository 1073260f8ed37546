import { TwentyApiError } from "./api-error";

export function cancelledError(method: string, path: string): TwentyApiError {
  return new TwentyApiError("OPERATION_FAILED", "Cancelled", { method, path, cancelled: true });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof TwentyApiError && error.cancelled;
}

/** setTimeout as a promise that rejects with a "Cancelled" error as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError("WAIT", ""));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError("WAIT", ""));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, initial·2^(attempt-1))]. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
