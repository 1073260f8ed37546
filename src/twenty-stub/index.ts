/**
 * The Twenty stand-in server: a loopback-only Node `http` server that follows twenty-api.md (auth, CORS,
 * records, metadata, rate limiting) and can inject faults. Used by tests, benchmarks and the demo.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "http";
import type { Socket } from "net";
import { FaultPlan, type Fault, type FaultOptions } from "./faults";
import { StubHttpError } from "./http-error";
import { SortCache } from "./list-query";
import { metadataResponse, type MetadataFormat } from "./metadata";
import { nameUuid } from "./prng";
import { handleRecordRequest, type RouteResult } from "./record-routes";
import { TokenBucketLimiter, type RateLimit } from "./rate-limiter";
import { seedWorkspace, type SeedSizes } from "./sample-data";
import { StubStore } from "./store";
import { WORKSPACE_OBJECTS } from "./workspace-schema";

export type { FaultOptions } from "./faults";
export type { RateLimit } from "./rate-limiter";
export type { StoredRecord } from "./record-input";
export { StubStore } from "./store";
export { WORKSPACE_OBJECTS } from "./workspace-schema";

export interface StubOptions {
  /** 0 (default) = random free port. */
  port?: number;
  /** The only valid bearer token; tokens starting with "expired-" answer "Token has expired.". */
  apiKey: string;
  /** "sample": a realistic deterministic workspace; "empty" (default): no records. */
  seed?: "sample" | "empty";
  /** Generate N records per object (on top of the seed), fast and memory-lean, for benchmarks. */
  size?: SeedSizes;
  /** QUERY_MAX_RECORDS: 200 (current, default) or 60 (older servers). */
  maxRecords?: number;
  /** Default { limit: 100, windowMs: 60000 }; null = off. */
  rateLimit?: RateLimit | null;
  faults?: FaultOptions;
  metadataFormat?: MetadataFormat;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
  records?: number;
}

export interface RunningStub {
  /** Base URL, e.g. http://127.0.0.1:41234; REST lives under /rest. */
  url: string;
  port: number;
  apiKey: string;
  store: StubStore;
  requestLog: RequestLogEntry[];
  resetRequestLog(): void;
  setFaults(f: FaultOptions | null): void;
  setRateLimit(r: RateLimit | null): void;
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: RateLimit = { limit: 100, windowMs: 60_000 };
const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** Status recorded for requests that never got an answer (hung or dropped). */
const NO_ANSWER = 0;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StubHttpError(400, "BadRequestException", `Invalid JSON body: ${(error as Error).message}`);
  }
}

function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
  if (req.method === "OPTIONS") {
    res.setHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
    const requested = req.headers["access-control-request-headers"];
    if (requested) {
      res.setHeader("Access-Control-Allow-Headers", requested);
      res.setHeader("Vary", "Origin, Access-Control-Request-Headers");
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Checks the bearer token the way Twenty's REST auth middleware does (twenty-api.md §1); `?token=` is ignored. */
function authError(req: IncomingMessage, apiKey: string): StubHttpError | null {
  const header = req.headers.authorization ?? "";
  const token = /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim() ?? "";
  if (token === "") return new StubHttpError(403, "FORBIDDEN_EXCEPTION", "Missing authentication token");
  if (token === apiKey) return null;
  if (token.startsWith("expired-")) return new StubHttpError(401, "UNAUTHENTICATED", "Token has expired.");
  return new StubHttpError(401, "UNAUTHENTICATED", "Token invalid.");
}

function rateLimitedError(rate: RateLimit, retryAfterMs: number, spenderId: string): StubHttpError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new StubHttpError(
    429,
    "RATE_LIMITED",
    `Limit reached (${rate.limit} tokens per ${rate.windowMs} ms)`,
    {
      limitKind: "SPEED",
      exhaustedKind: "SPEED",
      scope: { spenderType: "apiKey", spenderId, operationType: "API_CALL" },
      limit: rate.limit,
      remaining: 0,
      periodCount: rate.windowMs,
      periodUnit: "MILLISECOND",
      retryAfterSeconds,
    },
    {
      "Retry-After": String(retryAfterSeconds),
      "X-RateLimit-Limit": String(rate.limit),
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(Math.ceil((Date.now() + retryAfterMs) / 1000)),
    },
  );
}

function loggedPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  if (params.has("token")) params.set("token", "***");
  const search = params.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export async function startTwentyStub(options: StubOptions): Promise<RunningStub> {
  const store = new StubStore(WORKSPACE_OBJECTS);
  seedWorkspace(store, { sample: options.seed === "sample", sizes: options.size ?? {} });
  const maxRecords = options.maxRecords ?? 200;
  const metadataFormat = options.metadataFormat ?? "legacy";
  const spenderId = nameUuid(`api-key:${options.apiKey}`);
  const sortCache = new SortCache();
  let rate: RateLimit | null = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  let limiter = rate ? new TokenBucketLimiter(rate) : null;
  let faults = options.faults ? new FaultPlan(options.faults) : null;
  const requestLog: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const log = (status: number, records?: number): void => {
      requestLog.push({ method, path: loggedPath(url), status, at: Date.now(), ...(records === undefined ? {} : { records }) });
    };
    const answer = (status: number, body: unknown, headers?: Record<string, string>, records?: number) => {
      sendJson(res, status, body, headers);
      log(status, records);
    };
    setCorsHeaders(req, res);

    if (method === "OPTIONS") {
      res.writeHead(204, { "Content-Length": "0" }).end();
      return log(204);
    }
    if (url.pathname === "/healthz" && (method === "GET" || method === "HEAD")) return answer(200, { status: "ok", info: {}, error: {}, details: {} });
    const segments = url.pathname.split("/").filter(Boolean);
    if (segments[0] !== "rest") return answer(404, { statusCode: 404, error: "NotFoundException", messages: [`Cannot ${method} ${url.pathname}`] });

    let bodyText: string;
    try {
      bodyText = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(413, { statusCode: 413, error: "PayloadTooLargeException", messages: ["request entity too large"] });
      throw error;
    }

    const fault: Fault = faults?.draw() ?? null;
    const latency = faults?.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (fault === "serverError") return answer(500, { statusCode: 500, error: "InternalServerErrorException", messages: ["Internal server error"] });
    if (fault === "badGateway") {
      res.writeHead(502, { "Content-Type": "text/html" }).end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
      return log(502);
    }
    // A write is cut off before it is applied unless faultAfterWrite asks for the nasty case; a read is
    // always answered (or not) after running, so a drop can cut its body in half.
    const cutBeforeRunning = WRITE_METHODS.has(method) && !faults?.options.faultAfterWrite;
    if ((fault === "timeout" || fault === "drop") && cutBeforeRunning) {
      if (fault === "drop") req.socket.destroy();
      return log(NO_ANSWER);
    }
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}, records?: number) => {
      if (fault === "timeout") return log(NO_ANSWER);
      if (fault === "drop") {
        const text = JSON.stringify(body);
        res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
        res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
        return log(NO_ANSWER);
      }
      answer(status, body, headers, records);
    };

    let result: RouteResult;
    try {
      const auth = authError(req, options.apiKey);
      if (auth) throw auth;
      if (segments[1] === "metadata") {
        if (method !== "GET") throw new StubHttpError(405, "MethodNotAllowedException", "The stand-in serves metadata read-only");
        result = { status: 200, body: metadataResponse(WORKSPACE_OBJECTS, segments.slice(2), url.searchParams, metadataFormat) };
      } else {
        if (limiter && rate) {
          const decision = limiter.take(spenderId, Date.now());
          if (!decision.allowed) throw rateLimitedError(rate, decision.retryAfterMs, spenderId);
        }
        result = handleRecordRequest({ store, sortCache, maxRecords }, method, segments.slice(1), url.searchParams, parseJsonBody(bodyText));
      }
    } catch (error) {
      if (!(error instanceof StubHttpError)) throw error;
      return reply(error.status, error.body(), error.headers);
    }
    reply(result.status, result.body, {}, result.records);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { statusCode: 500, error: "InternalServerErrorException", messages: [message] });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The stand-in server did not get a TCP port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    apiKey: options.apiKey,
    store,
    requestLog,
    resetRequestLog: () => void requestLog.splice(0, requestLog.length),
    setFaults: (f) => void (faults = f ? new FaultPlan(f) : null),
    setRateLimit: (r) => {
      rate = r;
      limiter = r ? new TokenBucketLimiter(r) : null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
