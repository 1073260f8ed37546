import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowSyncRegular, ArrowUploadRegular, DismissRegular } from "@fluentui/react-icons";
import { useState } from "react";
import type { SyncMode } from "../../app/engine";
import { describeRun } from "../../app/run-summary";
import { errorAdvice } from "../../app/error-text";
import { progressView, type RunRequest, type RunState } from "../state/run";
import { ConflictsView } from "./ConflictsView";
import { PreviewView } from "./PreviewView";
import { ResultsView } from "./ResultsView";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

const MODES: { mode: SyncMode; label: string; icon: JSX.Element; hint: string }[] = [
  { mode: "pull", label: "Pull", icon: <ArrowDownloadRegular />, hint: "Bring Twenty's records into the workbook" },
  { mode: "push", label: "Push", icon: <ArrowUploadRegular />, hint: "Send the workbook's edits to Twenty" },
  { mode: "sync", label: "Sync", icon: <ArrowSyncRegular />, hint: "Both ways, field by field" },
];

export interface SyncPanelProps {
  run: RunState;
  canRun: boolean;
  /** Why running is not possible right now, shown instead of running. */
  blockedReason: string | null;
  onRun(request: RunRequest): void;
  onCancel(): void;
  onDismissMassChange(): void;
  onDiscardPreview(): void;
  onSelectRow(sheetName: string, rowNumber: number): unknown;
}

export function SyncPanel({
  run,
  canRun,
  blockedReason,
  onRun,
  onCancel,
  onDismissMassChange,
  onDiscardPreview,
  onSelectRow,
}: SyncPanelProps) {
  const styles = useStyles();
  const [previewFirst, setPreviewFirst] = useState(false);
  const [fullCompare, setFullCompare] = useState(false);
  const running = run.status === "running";
  const report = run.report;
  const progress = progressView(run.progress);
  const sheetNameOf = (object: string) => report?.objects.find((o) => o.object === object)?.sheetName ?? object;
  const conflicts = report ? report.objects.flatMap((o) => o.conflicts) : [];
  const lastMode = run.request?.mode ?? "sync";

  return (
    <div className={styles.panel}>
      <div className={styles.actions} role="group" aria-label="Sync actions">
        {MODES.map((m) => (
          <Button
            key={m.mode}
            appearance={m.mode === "sync" ? "primary" : "secondary"}
            icon={m.icon}
            title={m.hint}
            disabled={!canRun || running}
            onClick={() => onRun({ mode: m.mode, dryRun: previewFirst, confirmMassChanges: false, fullCompare })}
            data-testid={`run-${m.mode}`}
          >
            {m.label}
          </Button>
        ))}
      </div>
      <Checkbox
        label="Preview changes before applying"
        checked={previewFirst}
        onChange={(_, d) => setPreviewFirst(d.checked === true)}
        data-testid="preview-first"
      />
      <Checkbox
        label="Check every record in Twenty (slower; also finds records deleted for good)"
        checked={fullCompare}
        onChange={(_, d) => setFullCompare(d.checked === true)}
        data-testid="full-compare"
      />
      {blockedReason && <Text data-testid="run-blocked">{blockedReason}</Text>}

      {running && (
        <div data-testid="run-progress">
          <Field
            validationMessage={progress.caption}
            validationState="none"
            label={run.request?.dryRun ? "Preparing preview" : "Running"}
          >
            <ProgressBar value={progress.value} thickness="large" aria-label="Sync progress" />
          </Field>
          <Button icon={<DismissRegular />} onClick={onCancel} data-testid="cancel-run">
            Cancel
          </Button>
        </div>
      )}

      {run.status === "cancelled" && (
        <MessageBar intent="warning" role="status" data-testid="run-cancelled">
          <MessageBarBody>Cancelled. What was already sent is kept and recorded; run again to finish.</MessageBarBody>
        </MessageBar>
      )}
      {run.status === "failed" && run.error && (
        <MessageBar intent="error" role="alert" data-testid="run-error">
          <MessageBarBody>
            <MessageBarTitle>{errorAdvice(run.error.code).title}</MessageBarTitle>
            {errorAdvice(run.error.code).advice} <Text italic>{run.error.message}</Text>
          </MessageBarBody>
        </MessageBar>
      )}
      {run.status === "finished" && report && (
        <MessageBar intent={report.ok ? "success" : "warning"} role="status" data-testid="run-summary">
          <MessageBarBody>{describeRun(report)}</MessageBarBody>
        </MessageBar>
      )}

      {run.status === "finished" && report?.dryRun && (
        <PreviewView
          report={report}
          onApply={() =>
            onRun({
              mode: lastMode,
              dryRun: false,
              confirmMassChanges: run.request?.confirmMassChanges ?? false,
              fullCompare: run.request?.fullCompare ?? false,
            })
          }
          onDiscard={onDiscardPreview}
        />
      )}
      {report && !report.dryRun && <ResultsView report={report} onSelectRow={onSelectRow} />}
      {report && conflicts.length > 0 && (
        <ConflictsView
          key={report.finishedAt}
          conflicts={conflicts}
          sheetNameOf={sheetNameOf}
          onSelectRow={onSelectRow}
          onSyncNow={() => onRun({ mode: "sync", dryRun: false, confirmMassChanges: false, fullCompare: false })}
          running={running}
        />
      )}

      <Dialog open={run.massChange !== null} onOpenChange={(_, d) => !d.open && onDismissMassChange()}>
        <DialogSurface aria-describedby="mass-change-text" data-testid="mass-change-dialog">
          <DialogBody>
            <DialogTitle>Large change: please confirm</DialogTitle>
            <DialogContent id="mass-change-text">
              This {lastMode} would delete or clear a large share of records:
              <ul>
                {run.massChange?.reasons.map((r) => (
                  <li key={r.object}>
                    {r.object}: {r.reason}
                  </li>
                ))}
              </ul>
              Nothing has been changed for these objects yet.
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onDismissMassChange} data-testid="mass-change-cancel">
                Don't change anything
              </Button>
              <Button
                appearance="primary"
                onClick={() => run.massChange && onRun(run.massChange.request)}
                data-testid="mass-change-confirm"
              >
                Continue anyway
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
