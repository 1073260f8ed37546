import type { z } from "zod";
import { TwentyApiError, codeForStatus, messageFromBody, scrubSecret, twentyErrorBodySchema } from "./api-error";
import type { FetchFn } from "./config";
import { cancelledError } from "./timing";

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path under the base URL, e.g. `/rest/companies`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch: FetchFn;
}

/** One HTTP exchange: a 2xx JSON body, or a TwentyApiError with a code from the taxonomy. Never retries. */
export async function sendOnce(
  options: TransportOptions,
  request: HttpRequest,
  signal?: AbortSignal,
): Promise<unknown> {
  const { method, path } = request;
  if (signal?.aborted) throw cancelledError(method, path);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCancel = () => controller.abort();
  signal?.addEventListener("abort", onCancel, { once: true });

  const fail = (error: unknown): TwentyApiError => {
    if (error instanceof TwentyApiError) return error;
    if (signal?.aborted) return cancelledError(method, path);
    if (timedOut) {
      return new TwentyApiError("TIMEOUT", `${method} ${path} got no answer within ${options.timeoutMs} ms`, {
        method,
        path,
        cause: error,
      });
    }
    const detail = scrubSecret(describeNetworkFailure(error), options.apiKey);
    return new TwentyApiError("NETWORK_ERROR", `Could not reach Twenty at ${options.baseUrl} (${detail})`, {
      method,
      path,
      cause: error,
    });
  };

  try {
    const response = await options.fetch(buildUrl(options.baseUrl, request), {
      method,
      credentials: "omit",
      headers: {
        Authorization: `Bearer ${options.apiKey}`,
        Accept: "application/json",
        ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
    });
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response, text, request, options.apiKey);
    if (text.trim() === "") return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new TwentyApiError(
        "UNKNOWN",
        `${method} ${path} answered ${response.status} with a body that is not JSON`,
        {
          status: response.status,
          method,
          path,
        },
      );
    }
  } catch (error) {
    throw fail(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onCancel);
  }
}

/** Validates a response body; a mismatch is an UNKNOWN error naming the endpoint and what was wrong. */
export function parseResponse<T extends z.ZodType>(schema: T, body: unknown, request: HttpRequest): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  throw new TwentyApiError(
    "UNKNOWN",
    `Unexpected response from ${request.method} ${request.path}: ${issue.message}${where}`,
    { method: request.method, path: request.path },
  );
}

export function buildUrl(baseUrl: string, request: HttpRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) params.set(key, value);
  }
  const query = params.toString();
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

function errorFromResponse(response: Response, text: string, request: HttpRequest, apiKey: string): TwentyApiError {
  const status = response.status;
  let body: ReturnType<typeof twentyErrorBodySchema.parse> | null = null;
  try {
    const parsed = twentyErrorBodySchema.safeParse(JSON.parse(text));
    body = parsed.success ? parsed.data : null;
  } catch {
    body = null;
  }
  return new TwentyApiError(codeForStatus(status), scrubSecret(messageFromBody(status, body), apiKey), {
    status,
    method: request.method,
    path: request.path,
    twentyError: body?.error,
    retryAfterMs:
      status === 429 ? retryAfterMs(body?.retryAfterSeconds, response.headers.get("Retry-After")) : undefined,
  });
}

/** The body's `retryAfterSeconds` first (browsers cannot read Retry-After cross-origin), then the header. */
function retryAfterMs(bodySeconds: number | undefined, header: string | null): number | undefined {
  if (bodySeconds !== undefined) return bodySeconds * 1000;
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection closed unexpectedly",
  EPIPE: "connection closed unexpectedly",
  UND_ERR_SOCKET: "connection closed unexpectedly",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

/** Duck-typed: errors from fetch may come from another realm (e.g. Node's own fetch under Jest), defeating instanceof. */
function describeNetworkFailure(error: unknown): string {
  const failure = (typeof error === "object" && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string };
  };
  const code = failure.cause?.code;
  if (code) return NETWORK_CODES[code] ?? code;
  const message = failure.message ?? String(error);
  if (failure.name === "TypeError" && typeof window !== "undefined") {
    return `${message}; the server may be down or may not allow requests from this add-in (CORS)`;
  }
  return message;
}
