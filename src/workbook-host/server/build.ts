/** Keeps `dist/` in step with the sources before the demo serves it. */
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** What the production build reads; a newer file here means dist/ is stale. */
const BUILD_INPUTS = ["src", "assets", "webpack.config.js", "package.json", "manifest.xml", "tsconfig.json"];

/** Pages the demo needs from the build. */
export const REQUIRED_BUILD_OUTPUTS = ["workbook-host.html", "taskpane.html", "commands.html", "office-bridge.js"];

async function newestModification(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestModification(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export async function staleBuildReason(projectRoot: string): Promise<string | null> {
  const dist = join(projectRoot, "dist");
  const outputTimes = await Promise.all(
    REQUIRED_BUILD_OUTPUTS.map(async (file) => (await stat(join(dist, file)).catch(() => null))?.mtimeMs ?? null),
  );
  const missing = REQUIRED_BUILD_OUTPUTS.filter((_, index) => outputTimes[index] === null);
  if (missing.length > 0) return `dist/ has no ${missing.join(", ")}`;
  const builtAt = Math.min(...(outputTimes as number[]));
  const sourcesAt = Math.max(
    ...(await Promise.all(BUILD_INPUTS.map((input) => newestModification(join(projectRoot, input))))),
  );
  return sourcesAt > builtAt ? "sources changed since the last build" : null;
}

/** Runs the production webpack build, streaming its output to this process. */
export function buildAddIn(projectRoot: string): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const child = spawn("npx", ["webpack", "--mode", "production"], { cwd: projectRoot, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolveBuild() : reject(new Error(`webpack exited with code ${code}`))));
  });
}
