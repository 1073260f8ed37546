import type { SleepFn } from "./config";
import { cancelledError } from "./timing";

export interface Pacer {
  /** Waits (in FIFO order with other callers) until a request may go out. Rejects promptly when the signal aborts. */
  take(signal?: AbortSignal): Promise<void>;
  /** The server asked everyone to wait: no request goes out before `ms` from now. */
  pauseFor(ms: number): void;
}

export interface PacerOptions {
  requestsPerMinute: number;
  burst: number;
  now: () => number;
  sleep: SleepFn;
}

/**
 * Token bucket shared by every call of one client: `burst` requests may go out at once, then one every
 * 60000/requestsPerMinute ms, so a long push runs at the server's limit without tripping 429s.
 */
export function createPacer({ requestsPerMinute, burst, now, sleep }: PacerOptions): Pacer {
  const perMs = requestsPerMinute / 60_000;
  let tokens = burst;
  let refilledAt = now();
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + (t - refilledAt) * perMs);
    refilledAt = t;
  };

  const waitForToken = async (signal?: AbortSignal) => {
    for (;;) {
      if (signal?.aborted) throw cancelledError("WAIT", "");
      refill();
      const pause = pausedUntil - now();
      if (pause > 0) {
        await sleep(pause, signal);
        continue;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.max(1, Math.ceil((1 - tokens) / perMs)), signal);
    }
  };

  return {
    take(signal) {
      const turn = queue.then(() => waitForToken(signal));
      queue = turn.catch(() => undefined);
      if (!signal) return turn;
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(cancelledError("WAIT", ""));
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        turn.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
      });
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      tokens = 0;
    },
  };
}
