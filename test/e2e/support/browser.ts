/**
 * Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium, a fresh temporary profile, and every
 * request that is not to 127.0.0.1 blocked (and recorded, so a test can prove nothing left the machine).
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export const SCREENSHOT_DIR = join(__dirname, "..", "..", "..", "test-output", "e2e");

export interface E2eBrowser {
  context: BrowserContext;
  /** URLs the browser tried to reach outside the machine (all aborted). */
  blockedRequests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<E2eBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "twenty-sync-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  const blockedRequests: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return {
    context,
    blockedRequests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-output/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs a test body and leaves a screenshot of the page behind when it fails. */
export async function withFailureScreenshot(
  page: () => Page | null,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const current = page();
    if (current) await screenshot(current, `failed-${name}`).catch(() => undefined);
    throw error;
  }
}
