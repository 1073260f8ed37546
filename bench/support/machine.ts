import os from "os";

/** The machine line every results file starts with: figures only compare within one run on one machine. */
export function describeMachine(now: Date = new Date()): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(", ");
  return [
    `- Date: ${now.toISOString()}`,
    `- CPU: ${cpus.length} × ${models || "unknown"}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`,
    `- Node: ${process.version} on ${os.platform()} ${os.release()} (${os.arch()})`,
  ];
}
