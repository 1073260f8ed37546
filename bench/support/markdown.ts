/** Markdown helpers for bench/results.md. */

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function ratio(measured: number, bound: number): string {
  return bound === 0 ? (measured === 0 ? "1.00" : "∞") : (measured / bound).toFixed(2);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function millis(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function kibibytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** "meets" / "MISSES" against a target, so a reader scanning the file sees failures at once. */
export function verdict(ok: boolean): string {
  return ok ? "meets" : "**MISSES**";
}
