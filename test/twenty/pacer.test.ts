import { createPacer } from "../../src/twenty/pacer";

function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("request pacer", () => {
  it("lets a burst through at once, then spaces requests at the configured rate", async () => {
    const c = clock();
    const pacer = createPacer({ requestsPerMinute: 60, burst: 3, now: c.now, sleep: c.sleep });
    const startedAt: number[] = [];
    for (let i = 0; i < 6; i++) {
      await pacer.take();
      startedAt.push(c.now());
    }
    expect(startedAt).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it("refills while idle, but never above the burst", async () => {
    const c = clock();
    const pacer = createPacer({ requestsPerMinute: 60, burst: 2, now: c.now, sleep: c.sleep });
    await pacer.take();
    await pacer.take();
    c.advance(60_000);
    const startedAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pacer.take();
      startedAt.push(c.now());
    }
    expect(startedAt).toEqual([60_000, 60_000, 61_000]);
  });

  it("holds every caller back while the server asked to wait", async () => {
    const c = clock();
    const pacer = createPacer({ requestsPerMinute: 6000, burst: 10, now: c.now, sleep: c.sleep });
    pacer.pauseFor(2500);
    await pacer.take();
    expect(c.now()).toBeGreaterThanOrEqual(2500);
  });

  it("serves concurrent callers in order, each one token", async () => {
    const c = clock();
    const pacer = createPacer({ requestsPerMinute: 60, burst: 1, now: c.now, sleep: c.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => pacer.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    expect(c.now()).toBe(2000);
  });

  it("rejects a waiting caller promptly when its signal aborts, and keeps serving the others", async () => {
    const pacer = createPacer({ requestsPerMinute: 1, burst: 1, now: Date.now, sleep: realSleep });
    await pacer.take();
    const controller = new AbortController();
    const waiting = pacer.take(controller.signal);
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(waiting).rejects.toMatchObject({ code: "OPERATION_FAILED", message: "Cancelled" });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    });
  });
}
