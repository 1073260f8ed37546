import { useEffect, useRef, useState } from "react";
import { decideTick, nextRunAt } from "../state/schedule";

export interface ScheduleInput {
  minutes: number;
  lastRunAt: Date | null;
  running: boolean;
  hasKey: boolean;
  enabledObjects: number;
  now(): Date;
  run(): void;
  /** How often the timer looks at the clock; a tick is cheap. */
  tickMs?: number;
}

/** Runs `run` every `minutes` while the pane is open; skipped ticks wait a full interval again. */
export function useScheduledSync(input: ScheduleInput): { nextRunAt: Date | null } {
  const [openedAt] = useState(() => input.now());
  const [skippedAt, setSkippedAt] = useState<Date | null>(null);
  const since =
    [input.lastRunAt, skippedAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ??
    null;
  const next = nextRunAt(since, openedAt, input.minutes);
  const latest = useRef({ ...input, next });
  latest.current = { ...input, next };

  useEffect(() => {
    const timer = setInterval(() => {
      const s = latest.current;
      const now = s.now();
      const decision = decideTick({
        now,
        nextRunAt: s.next,
        running: s.running,
        hasKey: s.hasKey,
        enabledObjects: s.enabledObjects,
      });
      if (decision.run) s.run();
      else if (decision.reason !== "off" && decision.reason !== "not_due") setSkippedAt(now);
    }, input.tickMs ?? 15_000);
    return () => clearInterval(timer);
  }, [input.tickMs]);

  return { nextRunAt: next };
}
