/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { useScheduledSync, type ScheduleInput } from "../../src/taskpane/hooks/useScheduledSync";

describe("the schedule timer", () => {
  let clock: Date;
  const now = () => clock;
  const advance = (ms: number) =>
    act(() => {
      clock = new Date(clock.getTime() + ms);
      jest.advanceTimersByTime(ms);
    });

  beforeEach(() => {
    jest.useFakeTimers();
    clock = new Date("2026-03-01T10:00:00Z");
  });
  afterEach(() => jest.useRealTimers());

  const input = (overrides: Partial<ScheduleInput>): ScheduleInput => ({
    minutes: 30,
    lastRunAt: null,
    running: false,
    hasKey: true,
    enabledObjects: 1,
    now,
    run: jest.fn(),
    tickMs: 60_000,
    ...overrides,
  });

  it("runs once the interval has passed since the pane opened, and shows the next run", () => {
    const run = jest.fn();
    const { result } = renderHook(() => useScheduledSync(input({ run })));
    expect(result.current.nextRunAt).toEqual(new Date("2026-03-01T10:30:00Z"));
    advance(29 * 60_000);
    expect(run).not.toHaveBeenCalled();
    advance(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("skips a due tick without a key and waits a full interval before trying again", () => {
    const run = jest.fn();
    const { result } = renderHook(() => useScheduledSync(input({ run, hasKey: false })));
    advance(30 * 60_000);
    expect(run).not.toHaveBeenCalled();
    expect(result.current.nextRunAt).toEqual(new Date("2026-03-01T11:00:00Z"));
  });

  it("never runs when the schedule is off", () => {
    const run = jest.fn();
    const { result } = renderHook(() => useScheduledSync(input({ run, minutes: 0 })));
    advance(3 * 60 * 60_000);
    expect(run).not.toHaveBeenCalled();
    expect(result.current.nextRunAt).toBeNull();
  });
});
