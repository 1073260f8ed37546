/** Shared helpers for the Twenty client tests: a stand-in per suite, fake time, and a client wired to both. */
import { createServer, type IncomingMessage, type ServerResponse } from "http";
import type { AddressInfo } from "net";
import { startTwentyStub } from "../../src/twenty-stub";
import { createTwentyClient, type TwentyConfigInput } from "../../src/twenty";

export const API_KEY = "tw-test-key-0123456789-secret-WXYZ";

export type RunningStub = Awaited<ReturnType<typeof startTwentyStub>>;
export type StubOptions = Parameters<typeof startTwentyStub>[0];

export function startStub(options: Partial<StubOptions> = {}): Promise<RunningStub> {
  return startTwentyStub({ apiKey: API_KEY, seed: "empty", rateLimit: null, ...options });
}

/**
 * Time that only moves when the client sleeps: backoff and pacing waits return at once and are recorded,
 * so tests can assert on them without waiting.
 */
export function fakeTime() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new Error("aborted");
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** A client for the stub on fake time, with generous pacing so only the behaviour under test shows. */
export function clientFor(stub: { url: string }, overrides: Partial<TwentyConfigInput> = {}) {
  const time = fakeTime();
  const client = createTwentyClient({
    baseUrl: stub.url,
    apiKey: API_KEY,
    now: time.now,
    sleep: time.sleep,
    random: () => 1,
    requestsPerMinute: 60_000,
    burst: 1000,
    ...overrides,
  });
  return { client, time };
}

/** Requests the stub saw for a method and a path prefix (query ignored). */
export function requestsTo(stub: RunningStub, method: string, pathPrefix: string) {
  return stub.requestLog.filter((r) => r.method === method && r.path.split("?")[0] === pathPrefix);
}

/** A purpose-built loopback server for answers the stand-in cannot give (malformed bodies and the like). */
export async function startRawServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
