import { z } from "zod";
import { SyncError } from "../sync/errors";

/** Hosts allowed over plain http: only the local machine (the stand-in server, a local Twenty). */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The server-side cap on records per request in current Twenty (QUERY_MAX_RECORDS). */
export const SERVER_MAX_RECORDS = 200;

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === "function", { message: `${what} must be a function` });

/**
 * Normalises a Twenty base URL to `scheme://host[:port][/prefix]` without a trailing slash or `/rest`.
 * Returns an error message instead of throwing so the schema can report it as a validation issue.
 */
export function normalizeBaseUrl(raw: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { error: "is not a valid URL (expected e.g. https://api.twenty.com)" };
  }
  if (parsed.username || parsed.password) return { error: "must not contain a user name or password" };
  if (parsed.search || parsed.hash) return { error: "must not contain a query string or fragment" };
  if (parsed.protocol === "http:" && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    return { error: `must use https (plain http is only allowed for localhost, got ${parsed.host})` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return { error: `must use https (got ${parsed.protocol.replace(":", "")})` };
  }
  const path = parsed.pathname.replace(/\/+$/, "").replace(/\/rest$/, "");
  return { url: `${parsed.protocol}//${parsed.host}${path}` };
}

const baseUrlSchema = z.string().transform((raw, ctx) => {
  const result = normalizeBaseUrl(raw);
  if ("error" in result) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.url;
});

export const twentyConfigSchema = z.object({
  baseUrl: baseUrlSchema,
  apiKey: z.string().trim().min(1, "is required (create one in Twenty under Settings → APIs & Webhooks)"),
  timeoutMs: z.number().int().positive().default(30_000),
  maxRetries: z.number().int().min(0).max(10).default(3),
  initialBackoffMs: z.number().int().min(0).default(200),
  maxBackoffMs: z.number().int().min(0).default(5_000),
  /** Records per write request; Twenty caps a batch at 200 (60 on older servers). */
  batchSize: z.number().int().min(1).max(SERVER_MAX_RECORDS).default(60),
  /** Records per page when listing; servers cap it silently, paging follows `hasNextPage`. */
  pageSize: z.number().int().min(1).max(SERVER_MAX_RECORDS).default(SERVER_MAX_RECORDS),
  /** Client-side pacing so a large push stays under Twenty's per-key limit (100/min self-hosted, ~50 on Cloud). */
  requestsPerMinute: z.number().positive().default(100),
  /** Requests that may go out back to back before pacing starts. */
  burst: z.number().int().min(1).default(5),
  /** Whether metadata requests take a pacing token (Twenty may not throttle them; unverified, so yes by default). */
  metadataUsesRateLimit: z.boolean().default(true),
  /** Longest server-requested wait (Retry-After) the client honours before giving up on a request. */
  maxRetryAfterMs: z.number().int().positive().default(60_000),
  fetch: fn<FetchFn>("fetch").optional(),
  now: fn<() => number>("now").optional(),
  sleep: fn<SleepFn>("sleep").optional(),
  random: fn<() => number>("random").optional(),
});

export type TwentyConfigInput = z.input<typeof twentyConfigSchema>;
export type TwentyConfig = z.output<typeof twentyConfigSchema>;

/** `****abcd`: enough to tell keys apart, never enough to use one. */
export function maskApiKey(key: string): string {
  const trimmed = key.trim();
  return trimmed.length > 8 ? `****${trimmed.slice(-4)}` : "****";
}

/** Validates client configuration; a bad value becomes a VALIDATION_ERROR that never echoes the key. */
export function parseTwentyConfig(input: TwentyConfigInput): TwentyConfig {
  const result = twentyConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "config"} ${issue.message}`);
  throw new SyncError("VALIDATION_ERROR", `Invalid Twenty connection settings: ${problems.join("; ")}`);
}
