import { Caption1, Field, SpinButton, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({ schedule: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS } });

export interface ScheduleControlProps {
  minutes: number;
  lastRunAt: Date | null;
  nextRunAt: Date | null;
  hasKey: boolean;
  onMinutesChange(minutes: number): void;
}

const time = (d: Date) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function ScheduleControl({ minutes, lastRunAt, nextRunAt, hasKey, onMinutesChange }: ScheduleControlProps) {
  const styles = useStyles();
  return (
    <section className={styles.schedule} aria-label="Schedule">
      <Field label="Sync automatically every (minutes, 0 = off)" hint="Only while this workbook is open.">
        <SpinButton
          value={minutes}
          min={0}
          max={1440}
          step={5}
          onChange={(_, d) => {
            const value = d.value ?? Number(d.displayValue);
            if (Number.isInteger(value) && value >= 0 && value <= 1440) onMinutesChange(value);
          }}
          data-testid="schedule-minutes"
        />
      </Field>
      <Caption1 data-testid="schedule-status">
        {lastRunAt ? `Last run ${time(lastRunAt)}. ` : "No run yet. "}
        {nextRunAt
          ? `Next run ${time(nextRunAt)}${hasKey ? "" : " (skipped until a key is entered)"}.`
          : "Automatic sync is off."}
      </Caption1>
    </section>
  );
}
