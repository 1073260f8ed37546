import { Button, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SyncRunReport } from "../../app/engine";
import { describeAutoResolved } from "../../app/run-summary";
import { hasChanges, objectPreview } from "../state/preview";

const useStyles = makeStyles({
  preview: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  object: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const GROUP_TITLE = {
  create: "add",
  update: "update",
  delete: "delete",
  proposed: "deletions proposed, not applied (deletes are off)",
} as const;
const SIDE_TITLE = { crm: "Twenty", sheet: "Workbook" } as const;
const MAX_ITEMS_SHOWN = 20;

export interface PreviewViewProps {
  report: SyncRunReport;
  onApply(): void;
  onDiscard(): void;
}

/** What a dry run would do, per object and side, before anything is written. */
export function PreviewView({ report, onApply, onDiscard }: PreviewViewProps) {
  const styles = useStyles();
  const previews = report.objects.map(objectPreview);
  const anything = previews.some(hasChanges);
  return (
    <section className={styles.preview} aria-label="Preview" data-testid="preview">
      <Subtitle2>Preview: nothing has been changed yet</Subtitle2>
      {previews.map((p) => (
        <div key={p.object} className={styles.object} data-testid={`preview-${p.object}`}>
          <Text weight="semibold">
            {p.object} ↔ sheet “{p.sheetName}”
          </Text>
          {p.groups
            .filter((g) => g.items.length > 0)
            .map((g) => (
              <details key={`${g.side}-${g.action}`}>
                <summary data-testid={`preview-count-${p.object}-${g.side}-${g.action}`}>
                  {g.action === "proposed"
                    ? `${SIDE_TITLE[g.side]}: ${g.items.length} ${GROUP_TITLE.proposed}`
                    : `${SIDE_TITLE[g.side]}: ${GROUP_TITLE[g.action]} ${g.items.length}`}
                </summary>
                <ul className={styles.list}>
                  {g.items.slice(0, MAX_ITEMS_SHOWN).map((item) => (
                    <li key={item.key}>
                      <Caption1>{item.text}</Caption1>
                    </li>
                  ))}
                  {g.items.length > MAX_ITEMS_SHOWN && (
                    <li>
                      <Caption1>…and {g.items.length - MAX_ITEMS_SHOWN} more</Caption1>
                    </li>
                  )}
                </ul>
              </details>
            ))}
          {p.conflicts > 0 && <Text>{p.conflicts} conflicting cells</Text>}
          {p.autoResolved > 0 && (
            <Text data-testid={`preview-auto-resolved-${p.object}`}>
              {describeAutoResolved(p.autoResolved, p.strategy, true)}
            </Text>
          )}
          {p.skipped > 0 && <Text>{p.skipped} rows skipped because of errors</Text>}
          {p.blocked && <Text>Needs confirmation: {p.blocked}</Text>}
          {!hasChanges(p) && p.skipped === 0 && <Caption1>Already in sync.</Caption1>}
        </div>
      ))}
      <div>
        <Button appearance="primary" onClick={onApply} disabled={!anything} data-testid="apply-preview">
          Apply
        </Button>{" "}
        <Button onClick={onDiscard} data-testid="discard-preview">
          Discard
        </Button>
      </div>
    </section>
  );
}
