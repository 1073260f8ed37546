/** Command-line parsing: `util.parseArgs` for the syntax, zod for the meaning, one clear message on misuse. */
import { parseArgs } from "util";
import { z } from "zod";
import { strategySchema } from "../sync/settings";
import { CliError, EXIT_CODES } from "./cli-error";

export const USAGE = `Usage: twenty-excel-sync <command> --file book.xlsx [options]

Commands:
  health                  check the connection to Twenty (and, with --file, the workbook's mappings)
  pull                    copy CRM records into the workbook
  push                    send workbook edits to the CRM
  sync                    two-way sync
  preview                 show what a run would change, change nothing (--mode pull|push|sync, default sync)
  schedule --every 30m <pull|push|sync>
                          run on a timer until Ctrl+C; a run still going when the next is due is skipped

Options:
  -f, --file <path>       the .xlsx workbook (created by pull when it does not exist)
  --objects <a,b>         only these objects (namePlural, e.g. companies,people); pull adds mappings for new ones
  --strategy <s>          newest_wins | crm_wins | excel_wins | field_merge (overrides the workbook's setting)
  --yes                   confirm mass changes (runs that would delete or clear many records)
  --full                  list every Twenty record instead of only those changed since the last sync
                          (done anyway once a day; finds records deleted for good, not just trashed)
  --json                  print the run report as JSON on stdout
  -v, --verbose           more detail: every warning and settled cell, progress lines when not on a terminal
  -h, --help              this text

Connection (environment, or a .env file beside the workbook or in the current folder):
  TWENTY_API_URL, TWENTY_API_KEY, optional TWENTY_REQUESTS_PER_MINUTE, TWENTY_BATCH_SIZE

Files beside the workbook:
  book.xlsx.<time>.bak    the version each run started from (the newest 5 are kept)
  book.xlsx.twenty-sync.lock   held while a run writes; a second run on the same file is skipped
  The workbook is saved atomically (temp file, fsync, rename) before every write to Twenty and at the end.
  Workbooks with charts, pivot tables, slicers or macros are refused: the CLI could not keep them.

Exit codes:
  0 ok   1 some rows or objects failed (each listed)   2 bad usage, configuration or workbook
  (including a workbook open in Excel)   3 cannot reach Twenty or the API key was refused
`;

export const MODES = ["pull", "push", "sync"] as const;
const modeSchema = z.enum(MODES, { error: "mode must be pull, push or sync" });
export type Mode = z.infer<typeof modeSchema>;

const DURATION = /^(\d+)(s|m|h)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `30s`, `30m`, `2h` → milliseconds. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}

const objectListSchema = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((o) => o.trim())
      .filter((o) => o !== ""),
  )
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "object names are Twenty's plural names, e.g. companies"))
      .min(1, "--objects needs at least one object"),
  );

const commonSchema = z.object({
  file: z.string().min(1).optional(),
  objects: objectListSchema.optional(),
  strategy: strategySchema.optional(),
  yes: z.boolean(),
  full: z.boolean(),
  json: z.boolean(),
  verbose: z.boolean(),
});

export type CliCommand =
  | { kind: "help" }
  | ({ kind: "health" } & CommonOptions)
  | ({ kind: "run"; mode: Mode; dryRun: boolean; file: string } & CommonOptions)
  | ({ kind: "schedule"; mode: Mode; everyMs: number; file: string } & CommonOptions);
type CommonOptions = Omit<z.infer<typeof commonSchema>, "file"> & { file?: string };

function usage(message: string): CliError {
  return new CliError(EXIT_CODES.usage, `${message}\nRun with --help for usage.`);
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `--${String(i.path[0])}: ${i.message}` : i.message)).join("; ");
}

export function parseCommandLine(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: "string", short: "f" },
        objects: { type: "string" },
        strategy: { type: "string" },
        mode: { type: "string" },
        every: { type: "string" },
        yes: { type: "boolean", default: false },
        full: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") return { kind: "help" };

  const common = commonSchema.safeParse({
    file: values.file,
    objects: values.objects,
    strategy: values.strategy,
    yes: values.yes,
    full: values.full,
    json: values.json,
    verbose: values.verbose,
  });
  if (!common.success) throw usage(zodMessage(common.error));
  const options = common.data;

  const requireFile = (): string => {
    if (!options.file) throw usage(`${command} needs --file <book.xlsx>`);
    return options.file;
  };
  const noExtra = (allowed: number) => {
    if (rest.length > allowed) throw usage(`Unexpected argument "${rest[allowed]}"`);
  };
  const parseMode = (raw: string | undefined, fallback?: Mode): Mode => {
    const result = modeSchema.safeParse(raw ?? fallback);
    if (!result.success)
      throw usage(
        raw === undefined
          ? `${command} needs a mode: pull, push or sync`
          : `Unknown mode "${raw}" (expected pull, push or sync)`,
      );
    return result.data;
  };
  if (values.mode !== undefined && command !== "preview") throw usage("--mode only applies to preview");
  if (values.every !== undefined && command !== "schedule") throw usage("--every only applies to schedule");

  switch (command) {
    case "health":
      noExtra(0);
      return { kind: "health", ...options };
    case "pull":
    case "push":
    case "sync":
      noExtra(0);
      return { kind: "run", mode: command, dryRun: false, ...options, file: requireFile() };
    case "preview":
      noExtra(0);
      return { kind: "run", mode: parseMode(values.mode, "sync"), dryRun: true, ...options, file: requireFile() };
    case "schedule": {
      noExtra(1);
      if (values.every === undefined) throw usage("schedule needs --every <interval>, e.g. --every 30m");
      const everyMs = parseDuration(values.every);
      if (everyMs === null) throw usage(`--every: "${values.every}" is not an interval (use e.g. 90s, 30m or 2h)`);
      return { kind: "schedule", mode: parseMode(rest[0]), everyMs, ...options, file: requireFile() };
    }
    default:
      throw usage(`Unknown command "${command}"`);
  }
}
