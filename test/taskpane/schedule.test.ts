import { afterSkippedTick, decideTick, nextRunAt } from "../../src/taskpane/state/schedule";

const at = (iso: string) => new Date(iso);

describe("scheduled sync timing", () => {
  it("runs N minutes after the last run, or after the pane opened when nothing ran yet", () => {
    expect(nextRunAt(null, at("2026-03-01T10:00:00Z"), 30)).toEqual(at("2026-03-01T10:30:00Z"));
    expect(nextRunAt(at("2026-03-01T10:20:00Z"), at("2026-03-01T10:00:00Z"), 15)).toEqual(at("2026-03-01T10:35:00Z"));
  });

  it("is off at 0 minutes", () => {
    expect(nextRunAt(null, at("2026-03-01T10:00:00Z"), 0)).toBeNull();
    expect(
      decideTick({ now: at("2026-03-01T11:00:00Z"), nextRunAt: null, running: false, hasKey: true, enabledObjects: 1 }),
    ).toEqual({ run: false, reason: "off" });
  });

  it("runs when due and skips while a run is in progress or without a key", () => {
    const due = {
      now: at("2026-03-01T10:31:00Z"),
      nextRunAt: at("2026-03-01T10:30:00Z"),
      running: false,
      hasKey: true,
      enabledObjects: 2,
    };
    expect(decideTick(due)).toEqual({ run: true });
    expect(decideTick({ ...due, now: at("2026-03-01T10:29:59Z") })).toEqual({ run: false, reason: "not_due" });
    expect(decideTick({ ...due, running: true })).toEqual({ run: false, reason: "running" });
    expect(decideTick({ ...due, hasKey: false })).toEqual({ run: false, reason: "no_key" });
    expect(decideTick({ ...due, enabledObjects: 0 })).toEqual({ run: false, reason: "nothing_to_sync" });
  });

  it("waits a full interval after a skipped tick", () => {
    expect(afterSkippedTick(at("2026-03-01T10:31:00Z"), 30)).toEqual(at("2026-03-01T11:01:00Z"));
  });
});
