/**
 * `schedule --every 30m <mode>`: a run at once, then one per interval until the signal aborts (Ctrl+C).
 * A run still going when the next is due makes that one skip, so runs never overlap; a failed run
 * (e.g. the workbook is open in Excel) is reported and the schedule carries on.
 */
import { EXIT_CODES, type ExitCode } from "./cli-error";

export interface ScheduleOptions {
  everyMs: number;
  signal: AbortSignal;
  runOnce: (signal: AbortSignal) => Promise<ExitCode>;
  log: (line: string) => void;
  now?: () => Date;
}

export function runSchedule({
  everyMs,
  signal,
  runOnce,
  log,
  now = () => new Date(),
}: ScheduleOptions): Promise<ExitCode> {
  return new Promise((resolve) => {
    let running: Promise<void> | null = null;
    const stamp = () => now().toISOString();

    const tick = () => {
      if (signal.aborted) return;
      if (running) {
        log(`${stamp()} previous run still going; this run is skipped`);
        return;
      }
      log(`${stamp()} run started`);
      running = runOnce(signal)
        .then((code) => log(`${stamp()} run finished (exit code ${code})`))
        .catch((error: unknown) => log(`${stamp()} run failed: ${(error as Error).message}`))
        .finally(() => {
          running = null;
          if (!signal.aborted) log(`next run at ${new Date(now().getTime() + everyMs).toISOString()} (Ctrl+C stops)`);
        });
    };

    const timer = setInterval(tick, everyMs);
    const stop = () => {
      clearInterval(timer);
      void (running ?? Promise.resolve()).then(() => {
        log(`${stamp()} schedule stopped`);
        resolve(EXIT_CODES.ok);
      });
    };
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    tick();
  });
}
