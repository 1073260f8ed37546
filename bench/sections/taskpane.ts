import { spawn } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/demo";
import { kibibytes, millis, table } from "../support/markdown";
import type { BenchOptions, BenchSection } from "../support/options";

const ROOT = join(__dirname, "..", "..");
/** Built apart from dist/ so a bench run never pulls the files from under a colleague's running demo or e2e test. */
const DIST = join(ROOT, "bench", "tmp", "dist");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run"];

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["webpack", "--mode", "production", "--output-path", DIST], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`webpack exited with code ${code}`))));
  });
}

function bundleSizes(): { file: string; raw: number; gzip: number }[] {
  return readdirSync(DIST)
    .filter((file) => file.endsWith(".js"))
    .map((file) => {
      const bytes = readFileSync(join(DIST, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

async function timeToInteractive(runs: number): Promise<number[]> {
  const demo = await startDemo({ port: 0, stubPort: 0, seed: "sample", distDir: DIST });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      const started = Date.now();
      await page.goto(demo.url, { waitUntil: "commit" });
      // Interactive = the pane's first control (the Connect tab) is on screen and enabled in the host's task pane frame.
      await page.frameLocator('[data-testid="taskpane-frame"]').locator('[data-testid="tab-connect"]:not([disabled])').waitFor({ state: "visible", timeout: 30_000 });
      times.push(Date.now() - started);
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
    await demo.close();
  }
}

async function run({ quick, log }: BenchOptions): Promise<string> {
  log("production build into bench/tmp/dist");
  await build();
  const sizes = bundleSizes();
  const runs = quick ? 3 : 7;
  log(`time to interactive, ${runs} cold loads in headless Chromium`);
  const times = await timeToInteractive(runs);
  const sorted = [...times].sort((a, b) => a - b);
  // The add-in proper; the workbook host page and the Office bridge exist only for the demo and the browser tests.
  const demoOnly = (file: string) => /^(workbookHost|office-bridge)\b/.test(file);
  const taskpane = sizes.filter((s) => s.file.startsWith("taskpane"));
  const addIn = sizes.filter((s) => !demoOnly(s.file));
  const total = (list: typeof sizes, key: "raw" | "gzip") => list.reduce((sum, s) => sum + s[key], 0);
  return [
    "Production build (`webpack --mode production`), built into `bench/tmp/dist`; every JavaScript file, gzip at the default level:",
    "",
    table(["file", "bytes", "gzip"], sizes.map((s) => [s.file, kibibytes(s.raw), kibibytes(s.gzip)])),
    "",
    `Task pane JavaScript: ${kibibytes(total(taskpane, "raw"))} raw, **${kibibytes(total(taskpane, "gzip"))} gzip**` +
      ` (the whole add-in — task pane, commands and other pages — ${kibibytes(total(addIn, "gzip"))} gzip; the demo-only host page and bridge are excluded).`,
    "",
    "Time to interactive: the demo's workbook host page (served from 127.0.0.1, Office.js replaced by the in-browser bridge)",
    "opened in a fresh browser context each time, from navigation until the task pane's first control (the Connect tab) is",
    "visible and enabled. The figure includes loading the host page itself (its grid bundle is listed above).",
    "",
    table(
      ["loads", "first (cold browser)", "median", "fastest", "slowest"],
      [[runs, millis(times[0]), millis(sorted[Math.floor(runs / 2)]), millis(sorted[0]), millis(sorted[runs - 1])]],
    ),
  ].join("\n");
}

export const taskpaneSection: BenchSection = { title: "Task pane: bundle size and time to interactive", run };
