/** Scheduled syncs while the workbook is open: pure timing rules, driven by a timer in the pane. */

export function nextRunAt(lastRunAt: Date | null, openedAt: Date, minutes: number): Date | null {
  if (minutes <= 0) return null;
  const from = lastRunAt ?? openedAt;
  return new Date(from.getTime() + minutes * 60_000);
}

export type TickDecision =
  { run: true } | { run: false; reason: "off" | "not_due" | "running" | "no_key" | "nothing_to_sync" };

export function decideTick(input: {
  now: Date;
  nextRunAt: Date | null;
  running: boolean;
  hasKey: boolean;
  enabledObjects: number;
}): TickDecision {
  if (input.nextRunAt === null) return { run: false, reason: "off" };
  if (input.now.getTime() < input.nextRunAt.getTime()) return { run: false, reason: "not_due" };
  if (input.running) return { run: false, reason: "running" };
  if (!input.hasKey) return { run: false, reason: "no_key" };
  if (input.enabledObjects === 0) return { run: false, reason: "nothing_to_sync" };
  return { run: true };
}

/** A skipped tick waits a full interval again, so a long run or a missing key does not cause a burst of runs. */
export function afterSkippedTick(now: Date, minutes: number): Date | null {
  return nextRunAt(now, now, minutes);
}
