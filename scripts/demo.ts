/**
 * `npm run demo`: builds the add-in when dist/ is stale, starts the Twenty stand-in with sample data and serves the
 * browser workbook host beside the real task pane. Ctrl-C stops everything.
 */
import { join } from "node:path";
import { buildAddIn, staleBuildReason } from "../src/workbook-host/server/build";
import { DEFAULT_DEMO_API_KEY, startDemo } from "../src/workbook-host/server/demo";

export { startDemo } from "../src/workbook-host/server/demo";
export type { DemoOptions, RunningDemo } from "../src/workbook-host/server/demo";

const PAGE_PORT = Number(process.env.DEMO_PORT ?? 3000);
const STUB_PORT = Number(process.env.DEMO_STUB_PORT ?? 3001);

async function main(): Promise<void> {
  const projectRoot = join(__dirname, "..");
  const stale = await staleBuildReason(projectRoot);
  if (stale) {
    console.log(`Building the add-in (${stale})…`);
    await buildAddIn(projectRoot);
  }
  const demo = await startDemo({ port: PAGE_PORT, stubPort: STUB_PORT, apiKey: DEFAULT_DEMO_API_KEY, seed: "sample" });
  console.log(
    [
      "",
      "Twenty Sync for Excel: demo running",
      "",
      `  Open            ${demo.origin}/`,
      `  Twenty URL      ${demo.stub.url}   (the stand-in, sample workspace)`,
      `  API key         ${DEFAULT_DEMO_API_KEY}   (demo key of the stand-in only)`,
      "",
      '  1. Connect: click "Fill demo connection" in the banner (or paste the URL and key), then Connect.',
      "  2. Objects: Companies and People are already on; set Companies' strategy to field_merge, Save settings.",
      "  3. Sync tab → Pull: the sheets fill in the workbook on the left.",
      "  4. Select a cell in the grid and type (or double-click to edit), Enter, then Sync: Twenty gets the change.",
      '  5. Edit a name in the grid, then change the same record\'s name with "CRM side" (ribbon) → Save in Twenty.',
      "  6. Sync: the cell turns red with a note holding both values; pick a value in the pane's Conflicts list,",
      '     Save choices, then "Sync now to apply". (With the default newest_wins the newer edit wins, and the cell turns blue with a note keeping the value it replaced.)',
      "",
      "Ctrl-C stops the demo.",
    ].join("\n"),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the demo…");
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
