/** Small helpers to call the running stand-in over real HTTP with Node's fetch. */
import type { RunningStub } from "../../src/twenty-stub";

export interface Answer {
  status: number;
  headers: Headers;
  // The tests inspect arbitrary JSON envelopes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function client(stub: RunningStub, token: string | null = stub.apiKey) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${stub.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Non-JSON bodies (the injected 502) are kept as text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
  return {
    call,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, body),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    put: (path: string, body: unknown) => call("PUT", path, body),
    delete: (path: string) => call("DELETE", path),
  };
}

export const q = encodeURIComponent;
