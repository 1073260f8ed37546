/**
 * One writing run per workbook at a time, across processes (a cron job whose previous run is still going):
 * `book.xlsx.twenty-sync.lock` holds the owner's pid. A lock whose process is gone is taken over.
 */
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from "fs";
import { basename } from "path";
import { CliError, EXIT_CODES } from "./cli-error";

export function runLockPathFor(path: string): string {
  return `${path}.twenty-sync.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface RunLock {
  release(): void;
}

export function acquireRunLock(path: string): RunLock {
  const lockPath = runLockPathFor(path);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return {
        release: () => {
          try {
            unlinkSync(lockPath);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new CliError(
          EXIT_CODES.usage,
          `Another twenty-excel-sync run (pid ${pid}) is working on ${basename(path)}; this run was skipped.`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new CliError(EXIT_CODES.usage, `Could not take the run lock ${basename(lockPath)}.`);
}
