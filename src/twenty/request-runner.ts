import type { z } from "zod";
import { TwentyApiError } from "./api-error";
import type { TwentyConfig } from "./config";
import { createPacer } from "./pacer";
import { abortableSleep, backoffDelay, cancelledError, isCancellation } from "./timing";
import { parseResponse, sendOnce, type HttpRequest } from "./transport";

export interface RequestRunner {
  /** One paced request, no retries; resolves with the JSON body of a 2xx answer. */
  exchange(request: HttpRequest, signal?: AbortSignal, paced?: boolean): Promise<unknown>;
  /** Runs `attempt` until it succeeds, fails for good, or retries run out; transient failures back off with jitter. */
  withRetries<T>(request: HttpRequest, signal: AbortSignal | undefined, attempt: (n: number) => Promise<T>): Promise<T>;
  /** A paced, retried request whose body is validated by `schema`. */
  call<S extends z.ZodType>(
    request: HttpRequest,
    schema: S,
    signal?: AbortSignal,
    paced?: boolean,
  ): Promise<z.output<S>>;
}

/** Pacing, timeouts, retries and 429 handling shared by every call of one client. */
export function createRequestRunner(config: TwentyConfig): RequestRunner {
  const fetchFn = config.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  const now = config.now ?? Date.now;
  const sleep = config.sleep ?? abortableSleep;
  const random = config.random ?? Math.random;
  const pacer = createPacer({ requestsPerMinute: config.requestsPerMinute, burst: config.burst, now, sleep });
  const transport = { baseUrl: config.baseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs, fetch: fetchFn };

  const retryWait = (error: TwentyApiError, attempt: number): number | null => {
    if (!error.isRetryable || error.cancelled || attempt > config.maxRetries) return null;
    const jittered = backoffDelay(attempt, config.initialBackoffMs, config.maxBackoffMs, random);
    if (error.retryAfterMs === undefined) return jittered;
    return error.retryAfterMs > config.maxRetryAfterMs ? null : Math.max(jittered, error.retryAfterMs);
  };

  const runner: RequestRunner = {
    async exchange(request, signal, paced = true) {
      if (paced) await pacer.take(signal).catch(rethrowFor(request));
      return sendOnce(transport, request, signal);
    },

    async withRetries(request, signal, attempt) {
      for (let n = 1; ; n++) {
        try {
          return await attempt(n);
        } catch (caught) {
          const error = asApiError(caught, request);
          const wait = retryWait(error, n);
          if (wait === null) throw error.withAttempts(n);
          if (error.retryAfterMs !== undefined) pacer.pauseFor(error.retryAfterMs);
          await sleep(wait, signal).catch(rethrowFor(request));
        }
      }
    },

    call(request, schema, signal, paced = true) {
      return runner.withRetries(request, signal, async () =>
        parseResponse(schema, await runner.exchange(request, signal, paced), request),
      );
    },
  };
  return runner;
}

function asApiError(error: unknown, request: HttpRequest): TwentyApiError {
  if (error instanceof TwentyApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TwentyApiError("UNKNOWN", `${request.method} ${request.path} failed: ${message}`, {
    method: request.method,
    path: request.path,
    cause: error,
  });
}

/** Waits that are cancelled report the request they were waiting for. */
function rethrowFor(request: HttpRequest) {
  return (error: unknown): never => {
    throw isCancellation(error) ? cancelledError(request.method, request.path) : error;
  };
}
