import { CliError } from "../../src/cli/cli-error";
import { parseCommandLine, parseDuration } from "../../src/cli/options";

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be rejected`);
}

describe("command line", () => {
  it("reads a run with every option", () => {
    expect(
      parseCommandLine([
        "sync",
        "--file",
        "book.xlsx",
        "--objects",
        "companies, people",
        "--strategy",
        "crm_wins",
        "--yes",
        "--full",
        "--json",
        "-v",
      ]),
    ).toEqual({
      kind: "run",
      mode: "sync",
      dryRun: false,
      file: "book.xlsx",
      objects: ["companies", "people"],
      strategy: "crm_wins",
      yes: true,
      full: true,
      json: true,
      verbose: true,
    });
  });

  it("makes preview a dry run of sync unless --mode says otherwise", () => {
    expect(parseCommandLine(["preview", "-f", "b.xlsx"])).toMatchObject({ kind: "run", mode: "sync", dryRun: true });
    expect(parseCommandLine(["preview", "-f", "b.xlsx", "--mode", "push"])).toMatchObject({
      kind: "run",
      mode: "push",
      dryRun: true,
    });
  });

  it("reads a schedule with its interval and mode", () => {
    expect(parseCommandLine(["schedule", "--every", "30m", "push", "--file", "b.xlsx"])).toMatchObject({
      kind: "schedule",
      mode: "push",
      everyMs: 1_800_000,
    });
  });

  it("turns intervals into milliseconds and rejects the rest", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("0m")).toBeNull();
    expect(parseDuration("30")).toBeNull();
    expect(parseDuration("1d")).toBeNull();
  });

  it("names what is wrong with bad usage", () => {
    expect(usageError(["sync"])).toContain("sync needs --file");
    expect(usageError(["sync", "-f", "b.xlsx", "--strategy", "sheet_wins"])).toContain("--strategy");
    expect(usageError(["sync", "-f", "b.xlsx", "--objects", "com panies"])).toContain("--objects");
    expect(usageError(["frobnicate", "-f", "b.xlsx"])).toContain('Unknown command "frobnicate"');
    expect(usageError(["sync", "-f", "b.xlsx", "--colour"])).toContain("--colour");
    expect(usageError(["schedule", "-f", "b.xlsx", "sync"])).toContain("--every");
    expect(usageError(["schedule", "--every", "soon", "-f", "b.xlsx", "sync"])).toContain('"soon" is not an interval');
    expect(usageError(["schedule", "--every", "5m", "-f", "b.xlsx"])).toContain("needs a mode");
    expect(usageError(["pull", "-f", "b.xlsx", "extra"])).toContain('Unexpected argument "extra"');
  });

  it("shows help without a command", () => {
    expect(parseCommandLine([])).toEqual({ kind: "help" });
    expect(parseCommandLine(["sync", "--help"])).toEqual({ kind: "help" });
  });
});
