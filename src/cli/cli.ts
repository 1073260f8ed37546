/** The CLI as a function of its arguments and streams, so tests run it in-process; main.ts binds it to the process. */
import { resolve } from "path";
import { CliError, EXIT_CODES, type ExitCode } from "./cli-error";
import { loadConnectionConfig } from "./connection-config";
import { runHealth } from "./health";
import { parseCommandLine, USAGE } from "./options";
import type { ErrorStream } from "./progress";
import { runOnce, type OutputStream } from "./run-once";
import { runSchedule } from "./schedule";

export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: OutputStream;
  stderr: ErrorStream;
  /** Aborted on SIGINT/SIGTERM: stops the current run at a safe point and ends a schedule. */
  signal?: AbortSignal;
  now?: () => Date;
}

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  try {
    const command = parseCommandLine(argv);
    if (command.kind === "help") {
      io.stdout.write(USAGE);
      return EXIT_CODES.ok;
    }
    const file = command.file ? resolve(io.cwd, command.file) : undefined;
    const config = loadConnectionConfig({ env: io.env, cwd: io.cwd, workbookPath: file });
    const ctx = { config, stdout: io.stdout, stderr: io.stderr, signal: io.signal, now: io.now };

    switch (command.kind) {
      case "health":
        return await runHealth({ file, json: command.json }, ctx);
      case "run":
        return await runOnce({ ...command, file: file as string }, ctx);
      case "schedule": {
        const signal = io.signal ?? new AbortController().signal;
        return await runSchedule({
          everyMs: command.everyMs,
          signal,
          now: io.now,
          log: (line) => io.stderr.write(`${line}\n`),
          runOnce: (runSignal) =>
            runOnce({ ...command, dryRun: false, file: file as string }, { ...ctx, signal: runSignal }),
        });
      }
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`Error: ${error.message}\n`);
    return error.exitCode;
  }
}
