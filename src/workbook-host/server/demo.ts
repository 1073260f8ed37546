/**
 * The demo: the Twenty stand-in with sample data plus the built add-in served beside an in-browser workbook.
 * Used by `npm run demo` (scripts/demo.ts) and by the browser end-to-end tests.
 */
import { join } from "node:path";
import { startTwentyStub, type RunningStub, type StubOptions } from "../../twenty-stub";
import { startStaticServer } from "./static-server";
import { REQUIRED_BUILD_OUTPUTS } from "./build";
import { access } from "node:fs/promises";
import { HOST_PAGE, hostPageQuery } from "../demo-connection";

export interface DemoOptions {
  /** Port of the page server; 0 = random. */
  port?: number;
  /** Port of the Twenty stand-in; 0 = random. */
  stubPort?: number;
  apiKey?: string;
  seed?: StubOptions["seed"];
  size?: StubOptions["size"];
  rateLimit?: StubOptions["rateLimit"];
  /** Built add-in to serve; defaults to `<repo>/dist`. */
  distDir?: string;
}

export interface RunningDemo {
  /** The workbook host page, with the demo connection in its query string. */
  url: string;
  /** Origin of the page server (the add-in's origin). */
  origin: string;
  stub: RunningStub;
  close(): Promise<void>;
}

export const DEFAULT_DEMO_API_KEY = "demo-key";

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const distDir = options.distDir ?? join(__dirname, "..", "..", "..", "dist");
  for (const file of REQUIRED_BUILD_OUTPUTS) {
    await access(join(distDir, file)).catch(() => {
      throw new Error(`${join(distDir, file)} is missing: run \`npm run build\` first.`);
    });
  }
  const apiKey = options.apiKey ?? DEFAULT_DEMO_API_KEY;
  const stub = await startTwentyStub({
    port: options.stubPort ?? 0,
    apiKey,
    seed: options.seed ?? "sample",
    ...(options.size ? { size: options.size } : {}),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  });
  const hostPath = `/${HOST_PAGE}?${hostPageQuery({ crmUrl: stub.url, apiKey })}`;
  const pages = await startStaticServer({
    root: distDir,
    port: options.port ?? 0,
    indexPage: HOST_PAGE,
    rootRedirect: hostPath,
  }).catch(async (error: unknown) => {
    await stub.close();
    throw error;
  });
  return {
    url: `${pages.url}${hostPath}`,
    origin: pages.url,
    stub,
    close: async () => {
      await Promise.all([pages.close(), stub.close()]);
    },
  };
}
