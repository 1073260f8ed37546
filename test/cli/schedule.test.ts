import { runSchedule } from "../../src/cli/schedule";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("schedule", () => {
  it("runs at once and on every interval, skips a run while the previous one is still going, and stops on abort after the current run", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const durations = [90, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    let started = 0;
    let running = 0;
    let maxConcurrent = 0;
    const done = runSchedule({
      everyMs: 30,
      signal: controller.signal,
      log: (line) => log.push(line),
      runOnce: async () => {
        const duration = durations[Math.min(started++, durations.length - 1)];
        running++;
        maxConcurrent = Math.max(maxConcurrent, running);
        await sleep(duration);
        running--;
        return 0;
      },
    });
    await sleep(200);
    controller.abort();
    // A run may be in flight at the abort; the schedule waits for it.
    expect(await done).toBe(0);
    expect(running).toBe(0);
    expect(maxConcurrent).toBe(1);
    expect(started).toBeGreaterThanOrEqual(3);
    expect(log.some((l) => l.includes("skipped"))).toBe(true);
    expect(log[log.length - 1]).toContain("schedule stopped");
    const runsAtStop = started;
    await sleep(80);
    expect(started).toBe(runsAtStop);
  });

  it("keeps going after a failed run", async () => {
    const controller = new AbortController();
    const log: string[] = [];
    let calls = 0;
    const done = runSchedule({
      everyMs: 20,
      signal: controller.signal,
      log: (line) => log.push(line),
      runOnce: async () => {
        calls++;
        if (calls === 1) throw new Error("workbook is open in Excel");
        if (calls === 2) controller.abort();
        return 0;
      },
    });
    expect(await done).toBe(0);
    expect(calls).toBe(2);
    expect(log.some((l) => l.includes("run failed: workbook is open in Excel"))).toBe(true);
  });
});
