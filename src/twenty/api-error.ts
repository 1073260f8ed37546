import { z } from "zod";
import { SyncError, type ErrorCode } from "../sync/errors";

/** Twenty's error envelope (§7): `messages` is an array; older servers used a singular `message`. */
export const twentyErrorBodySchema = z.looseObject({
  statusCode: z.number().optional(),
  error: z.string().optional(),
  messages: z.array(z.string()).optional(),
  message: z.union([z.string(), z.array(z.string())]).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});
export type TwentyErrorBody = z.infer<typeof twentyErrorBodySchema>;

export interface TwentyApiErrorDetails {
  status?: number;
  method: string;
  /** Path without query string; never contains the key. */
  path: string;
  /** Requests made before giving up (1 = no retry). */
  attempts?: number;
  /** Twenty's `error` field, e.g. `BadRequestException`, `UNAUTHENTICATED`, `RATE_LIMITED`. */
  twentyError?: string;
  /** Server-requested wait before retrying, from the 429 body or the Retry-After header. */
  retryAfterMs?: number;
  /** The caller aborted: never retried, and batch writes stop instead of failing the remaining rows. */
  cancelled?: boolean;
  cause?: unknown;
}

export class TwentyApiError extends SyncError {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly twentyError?: string;
  readonly retryAfterMs?: number;
  readonly cancelled: boolean;

  constructor(code: ErrorCode, message: string, details: TwentyApiErrorDetails) {
    super(code, message, { status: details.status, cause: details.cause });
    this.name = "TwentyApiError";
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts ?? 1;
    this.twentyError = details.twentyError;
    this.retryAfterMs = details.retryAfterMs;
    this.cancelled = details.cancelled ?? false;
  }

  /** The same error, recording how many requests were made in total. */
  withAttempts(attempts: number): TwentyApiError {
    return new TwentyApiError(this.code, this.message, {
      status: this.status,
      method: this.method,
      path: this.path,
      attempts,
      twentyError: this.twentyError,
      retryAfterMs: this.retryAfterMs,
      cancelled: this.cancelled,
      cause: this.cause,
    });
  }
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return "AUTH_ERROR";
  if (status === 404) return "NOT_FOUND";
  if (status === 400 || status === 409 || status === 422) return "VALIDATION_ERROR";
  if (status === 429) return "RATE_LIMIT";
  if (status >= 500) return "SERVER_ERROR";
  return "UNKNOWN";
}

const STATUS_FALLBACK: Record<ErrorCode, string> = {
  AUTH_ERROR: "Twenty refused the API key",
  NOT_FOUND: "Not found in Twenty",
  VALIDATION_ERROR: "Twenty rejected the request",
  RATE_LIMIT: "Twenty's rate limit was reached",
  SERVER_ERROR: "Twenty had a server error",
  TIMEOUT: "The request timed out",
  NETWORK_ERROR: "Could not reach Twenty",
  OPERATION_FAILED: "The operation failed",
  UNKNOWN: "Unexpected response from Twenty",
};

/** Twenty's own words when the body has them, otherwise a plain description of the status. */
export function messageFromBody(status: number, body: TwentyErrorBody | null): string {
  const fromArray = body?.messages?.filter((m) => m.trim() !== "");
  if (fromArray && fromArray.length > 0) return fromArray.join("; ");
  if (typeof body?.message === "string" && body.message.trim() !== "") return body.message;
  if (Array.isArray(body?.message) && body.message.length > 0) return body.message.join("; ");
  return `${STATUS_FALLBACK[codeForStatus(status)]} (HTTP ${status})`;
}

/** Removes any occurrence of the key from text that may be shown or logged (a server could echo it back). */
export function scrubSecret(text: string, secret: string): string {
  if (secret.length < 4) return text;
  return text.split(secret).join("****");
}
