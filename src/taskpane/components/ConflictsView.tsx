import {
  Button,
  Caption1,
  Card,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { SyncConflict } from "../../app/engine";
import { toErrorInfo } from "../../app/error-text";
import { conflictKey, formatCellValue, resolutionsFor, type ConflictChoice } from "../state/conflicts";
import { usePaneServices } from "../services/pane-services";

const useStyles = makeStyles({
  conflicts: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalS },
  values: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, alignItems: "center" },
});

export interface ConflictsViewProps {
  conflicts: SyncConflict[];
  sheetNameOf(object: string): string;
  onSelectRow(sheetName: string, rowNumber: number): unknown;
  /** Runs a sync so recorded choices are applied. */
  onSyncNow(): void;
  running: boolean;
}

/** One card per conflicting cell: both values and the base, and the user's decision. */
export function ConflictsView({ conflicts, sheetNameOf, onSelectRow, onSyncNow, running }: ConflictsViewProps) {
  const styles = useStyles();
  const { engine, workbook } = usePaneServices();
  const [choices, setChoices] = useState<Map<string, ConflictChoice>>(new Map());
  const [recorded, setRecorded] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = (key: string, choice: ConflictChoice) => {
    setChoices((current) => new Map(current).set(key, choice));
    setRecorded(null);
  };

  async function save() {
    const resolutions = resolutionsFor(conflicts, choices);
    try {
      await engine.recordResolutions(workbook.sheet, resolutions);
      setRecorded(resolutions.length);
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e).message);
    }
  }

  return (
    <section className={styles.conflicts} aria-label="Conflicts" data-testid="conflicts">
      <Subtitle2>Conflicts ({conflicts.length})</Subtitle2>
      <Caption1>Both sides changed these cells differently since the last sync. Choose which value to keep.</Caption1>
      {conflicts.map((c) => {
        const key = conflictKey(c);
        const choice = choices.get(key);
        const sheetName = sheetNameOf(c.object);
        return (
          <Card
            key={key}
            className={styles.card}
            data-testid="conflict"
            aria-label={`Conflict in row ${c.rowNumber}, column ${c.column}`}
          >
            <Button appearance="transparent" size="small" onClick={() => onSelectRow(sheetName, c.rowNumber)}>
              {sheetName} row {c.rowNumber} · {c.column}
            </Button>
            <div className={styles.values}>
              <Caption1>Last synced</Caption1>
              <Text data-testid="conflict-base">{formatCellValue(c.base)}</Text>
              <Caption1>Workbook</Caption1>
              <Text data-testid="conflict-sheet">{formatCellValue(c.sheet)}</Text>
              <Caption1>Twenty</Caption1>
              <Text data-testid="conflict-crm">{formatCellValue(c.crm)}</Text>
            </div>
            <div className={styles.buttons} role="group" aria-label={`Resolve ${c.column} in row ${c.rowNumber}`}>
              <ToggleButton
                size="small"
                checked={choice?.choice === "sheet"}
                onClick={() => choose(key, { choice: "sheet" })}
                data-testid="keep-sheet"
              >
                Keep workbook
              </ToggleButton>
              <ToggleButton
                size="small"
                checked={choice?.choice === "crm"}
                onClick={() => choose(key, { choice: "crm" })}
                data-testid="keep-crm"
              >
                Keep Twenty
              </ToggleButton>
              <ToggleButton
                size="small"
                checked={choice?.choice === "value"}
                onClick={() =>
                  choose(key, {
                    choice: "value",
                    text: choice?.choice === "value" ? choice.text : formatEditable(c.sheet),
                  })
                }
                data-testid="edit-value"
              >
                Edit
              </ToggleButton>
              {choice?.choice === "value" && (
                <Input
                  size="small"
                  aria-label={`New value for ${c.column} in row ${c.rowNumber}`}
                  value={choice.text}
                  onChange={(_, d) => choose(key, { choice: "value", text: d.value })}
                  data-testid="edit-value-input"
                />
              )}
            </div>
          </Card>
        );
      })}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          onClick={() => void save()}
          disabled={choices.size === 0}
          data-testid="save-resolutions"
        >
          Save choices
        </Button>
        {recorded !== null && (
          <Button onClick={onSyncNow} disabled={running} data-testid="sync-to-apply">
            Sync now to apply
          </Button>
        )}
      </div>
      {recorded !== null && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {recorded} {recorded === 1 ? "choice" : "choices"} saved; they are applied on the next sync.
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>Could not save the choices: {error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function formatEditable(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
