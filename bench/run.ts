/**
 * `npm run bench [-- --quick] [-- --only requests,pacing]`: runs the benchmarks and writes bench/results.md.
 * Each section is loaded and run on its own, so one failing section is reported and the others still run.
 * Sections run one after another (never in parallel) so their figures do not disturb each other.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { describeMachine } from "./support/machine";
import type { BenchSection } from "./support/options";

const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  requests: async () => (await import("./sections/requests")).requestsSection,
  pacing: async () => (await import("./sections/pacing")).pacingSection,
  engine: async () => (await import("./sections/engine")).engineSection,
  excel: async () => (await import("./sections/excel-adapter")).excelAdapterSection,
  taskpane: async () => (await import("./sections/taskpane")).taskpaneSection,
};

function parseArgs(argv: string[]): { quick: boolean; only: string[]; out: string } {
  const quick = argv.includes("--quick");
  const onlyIndex = argv.indexOf("--only");
  const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? "").split(",").filter(Boolean) : Object.keys(SECTIONS);
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
  const outIndex = argv.indexOf("--out");
  const out = outIndex >= 0 ? argv[outIndex + 1] : join(__dirname, "results.md");
  return { quick, only, out };
}

/** Table rows a section marked as missing their target, quoted with their figures. */
function missedTargets(title: string, body: string): string[] {
  return body
    .split("\n")
    .filter((line) => line.startsWith("|") && line.includes("**MISSES**"))
    .map((line) => {
      const cells = line.split("|").slice(1, -1).map((c) => c.trim()).filter((c) => c !== "" && c !== "**MISSES**");
      return `${title}: ${cells.join("; ")}`;
    });
}

async function main(): Promise<void> {
  const { quick, only, out } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const parts = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench${quick ? " -- --quick" : ""}\`. Ratios compare figures measured side by side in this one run.`,
    "",
    "## Machine",
    "",
    ...describeMachine(),
    "",
  ];
  const write = () => writeFileSync(out, parts.join("\n") + "\n");
  write();
  let failures = 0;
  const missed: string[] = [];
  for (const name of only) {
    log(`section ${name}…`);
    const sectionStarted = Date.now();
    try {
      const section = await SECTIONS[name]();
      const body = await section.run({ quick, log: (m) => log(`${name}: ${m}`) });
      parts.push(`## ${section.title}`, "", body, "", `_Section time: ${((Date.now() - sectionStarted) / 1000).toFixed(1)} s._`, "");
      missed.push(...missedTargets(section.title, body));
    } catch (error) {
      failures++;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`section ${name} failed: ${message}`);
      parts.push(`## ${name}`, "", "**This section failed; no figures.**", "", "```", message, "```", "");
    }
    write();
  }
  const summary = missed.length > 0 ? ["Targets missed in this run:", "", ...missed.map((m) => `- ${m}`)] : [failures ? "No target missed among the sections that ran." : "Every target met."];
  parts.splice(parts.indexOf("## Machine"), 0, "## Summary", "", ...summary, "");
  parts.push(`_Total time: ${((Date.now() - started) / 1000).toFixed(0)} s._`);
  write();
  log(`wrote ${out}`);
  if (failures) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
