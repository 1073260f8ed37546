import { Button, Caption1, Card, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SyncAutoResolved } from "../../app/engine";
import { formatCellValue } from "../state/conflicts";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalS },
  values: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS },
});

/** Cards shown one by one; the rest are counted (each still has its replaced value in its cell's note). */
const MAX_SHOWN = 50;

const SIDE = { sheet: "Workbook", crm: "Twenty" } as const;

export interface AutoResolvedViewProps {
  settled: SyncAutoResolved[];
  sheetNameOf(object: string): string;
  onSelectRow(sheetName: string, rowNumber: number): unknown;
}

/** Fields both sides changed that the strategy settled: the kept value, the replaced one and why, like a conflict card. */
export function AutoResolvedView({ settled, sheetNameOf, onSelectRow }: AutoResolvedViewProps) {
  const styles = useStyles();
  return (
    <section
      className={styles.list}
      aria-label="Changed on both sides, resolved automatically"
      data-testid="auto-resolved"
    >
      <Subtitle2>Changed on both sides, resolved automatically ({settled.length})</Subtitle2>
      <Caption1>The replaced value is also kept in the cell's note until the next sync.</Caption1>
      {settled.slice(0, MAX_SHOWN).map((c) => {
        const sheetName = sheetNameOf(c.object);
        const replaced = c.kept === "sheet" ? "crm" : "sheet";
        return (
          <Card
            key={`${c.object}\u0000${c.id}\u0000${c.column}`}
            className={styles.card}
            data-testid="auto-resolved-item"
            aria-label={`Resolved in row ${c.rowNumber}, column ${c.column}`}
          >
            <Button
              appearance="transparent"
              size="small"
              onClick={() => onSelectRow(sheetName, c.rowNumber)}
              data-testid="auto-resolved-go"
            >
              {sheetName} row {c.rowNumber} · {c.column}
            </Button>
            <div className={styles.values}>
              <Caption1>Kept ({SIDE[c.kept]})</Caption1>
              <Text data-testid="auto-resolved-kept">{formatCellValue(c[c.kept])}</Text>
              <Caption1>Replaced ({SIDE[replaced]})</Caption1>
              <Text data-testid="auto-resolved-replaced">{formatCellValue(c[replaced])}</Text>
              <Caption1>Why</Caption1>
              <Text data-testid="auto-resolved-why">
                {c.reason}
                {c.withoutBase && " (no earlier sync to compare with, so which side changed is unknown)"}
              </Text>
            </div>
          </Card>
        );
      })}
      {settled.length > MAX_SHOWN && (
        <Caption1>…and {settled.length - MAX_SHOWN} more; each has its replaced value in its cell's note.</Caption1>
      )}
    </section>
  );
}
