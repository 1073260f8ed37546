import { TwentyApiError } from "./api-error";
import { maskApiKey } from "./config";
import type { objectsOf } from "./envelopes";

export interface ConnectionTestResult {
  ok: boolean;
  latencyMs: number;
  /** One sentence for the user: what works, or what to fix. */
  message: string;
  details: {
    baseUrl: string;
    /** The key as `****abcd`, so the user can tell which key was tried. */
    apiKey: string;
    status?: number;
    code?: string;
    /** Twenty's own wording, when it sent one. */
    serverMessage?: string;
    /** Number of objects in the workspace, when the server reports it. */
    objectCount?: number;
  };
}

type MetadataPage = Parameters<typeof objectsOf>[0];

export interface ConnectionProbe {
  baseUrl: string;
  apiKey: string;
  now: () => number;
  /** One unretried `GET /rest/metadata/objects?limit=1`. */
  probe: () => Promise<MetadataPage>;
}

/** Checks URL, key and reachability with one cheap metadata request, and explains any failure plainly. */
export async function testConnection({ baseUrl, apiKey, now, probe }: ConnectionProbe): Promise<ConnectionTestResult> {
  const started = now();
  const details: ConnectionTestResult["details"] = { baseUrl, apiKey: maskApiKey(apiKey) };
  try {
    const page = await probe();
    const objectCount = page.totalCount ?? undefined;
    return {
      ok: true,
      latencyMs: now() - started,
      message: `Connected to Twenty at ${baseUrl}.`,
      details: { ...details, status: 200, objectCount },
    };
  } catch (error) {
    const latencyMs = now() - started;
    if (!(error instanceof TwentyApiError)) throw error;
    return {
      ok: false,
      latencyMs,
      message: explain(error, baseUrl),
      details: { ...details, status: error.status, code: error.code, serverMessage: error.message },
    };
  }
}

function explain(error: TwentyApiError, baseUrl: string): string {
  switch (error.code) {
    case "AUTH_ERROR":
      if (error.status === 401) {
        return "Twenty rejected the API key (invalid or expired). Create a new key in Twenty under Settings → APIs & Webhooks.";
      }
      return /missing authentication token/i.test(error.message)
        ? "Twenty received no API key. Paste the key from Settings → APIs & Webhooks."
        : "The API key is valid but its role may not read this workspace's objects.";
    case "NETWORK_ERROR":
      return typeof window === "undefined"
        ? `Could not reach ${baseUrl}. Check the URL and that the server is running.`
        : `Could not reach ${baseUrl}. Check the URL; if it is right, the server probably does not allow requests from this add-in (CORS).`;
    case "TIMEOUT":
      return `${baseUrl} did not answer in time. Check the URL or try again later.`;
    case "RATE_LIMIT": {
      const wait = error.retryAfterMs === undefined ? "" : ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.`;
      return `Twenty is rate limiting this API key right now.${wait}`;
    }
    case "SERVER_ERROR":
      return `Twenty answered with a server error (HTTP ${error.status}). Try again later.`;
    case "NOT_FOUND":
      return `No Twenty REST API at ${baseUrl}. Check the URL (e.g. https://api.twenty.com).`;
    case "OPERATION_FAILED":
      return "Connection test cancelled.";
    default:
      return `The server at ${baseUrl} does not look like Twenty: ${error.message}`;
  }
}
