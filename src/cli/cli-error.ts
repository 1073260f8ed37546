/** Process exit codes of the CLI (documented in `--help`). */
export const EXIT_CODES = {
  ok: 0,
  /** Some rows or objects failed; each failure is listed. */
  partialFailure: 1,
  /** Bad usage or configuration, or the workbook cannot be used (open in Excel, unreadable, not mapped). */
  usage: 2,
  /** The Twenty server could not be reached or refused the API key. */
  connection: 3,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** A failure the CLI reports in one line and exits on. Never carries the API key. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "CliError";
  }
}
