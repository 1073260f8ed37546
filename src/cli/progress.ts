/** Progress on stderr: one line rewritten in place on a terminal, plain lines per phase with -v otherwise. */
import type { SyncProgress } from "../sync";

export interface ErrorStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  onProgress(progress: SyncProgress): void;
  /** Clears the in-place line so the summary starts on a clean line. */
  finish(): void;
}

export function progressLine(p: SyncProgress): string {
  const count = p.total > 0 ? ` ${p.done}/${p.total}` : "";
  return `[${p.object}] ${p.phase}${count}${p.message ? ` ${p.message}` : ""}`;
}

export function createProgressReporter(stream: ErrorStream, verbose: boolean): ProgressReporter {
  let showing = false;
  let lastPhase = "";
  return {
    onProgress(p) {
      const line = progressLine(p);
      if (stream.isTTY) {
        const width = Math.max(20, (stream.columns || 80) - 1);
        stream.write(`\r\x1b[2K${line.slice(0, width)}`);
        showing = true;
      } else if (verbose && `${p.object}/${p.phase}` !== lastPhase) {
        lastPhase = `${p.object}/${p.phase}`;
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (showing) stream.write("\r\x1b[2K");
      showing = false;
    },
  };
}
