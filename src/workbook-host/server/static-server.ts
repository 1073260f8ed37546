/**
 * A small static file server for the built add-in (`dist/`), bound to 127.0.0.1 only. HTML pages that load
 * Office.js are served with the Office bridge instead (see office-rewrite.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, normalize, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";
import { rewriteOfficeScript } from "./office-rewrite";

export interface StaticServerOptions {
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Page served for `/`. */
  indexPage?: string;
  /** When set, `/` redirects here instead (e.g. the host page with the demo connection in its query). */
  rootRedirect?: string;
}

export interface RunningStaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
};

/** Maps a request path onto a file under root; null for anything that would escape it. */
export function resolveRequestPath(root: string, urlPath: string, indexPage: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = decoded === "/" || decoded === "" ? indexPage : decoded.replace(/^\/+/, "");
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, normalize(relative));
  return target === absoluteRoot || target.startsWith(absoluteRoot + sep) ? target : null;
}

async function serveFile(options: StaticServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { root, indexPage = "index.html", rootRedirect } = options;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }).end("Method not allowed");
    return;
  }
  if (rootRedirect && (req.url === "/" || req.url === "")) {
    res.writeHead(302, { Location: rootRedirect }).end();
    return;
  }
  const path = resolveRequestPath(root, req.url ?? "/", indexPage);
  const info = path ? await stat(path).catch(() => null) : null;
  if (!path || !info || !info.isFile()) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    return;
  }
  const extension = extname(path).toLowerCase();
  const raw = await readFile(path);
  const body = extension === ".html" ? Buffer.from(rewriteOfficeScript(raw.toString("utf8")), "utf8") : raw;
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extension] ?? "application/octet-stream",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  const server = createServer((req, res) => {
    serveFile(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`Could not serve ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
