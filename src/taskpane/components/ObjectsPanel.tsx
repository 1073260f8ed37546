import {
  Badge,
  Button,
  Divider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { SaveRegular } from "@fluentui/react-icons";
import { Fragment } from "react";
import type { ObjectMetadata } from "../../sync/metadata";
import type { WorkbookSettings } from "../../sync/settings";
import {
  findMapping,
  setMappingEnabled,
  setObjectEnabled,
  syncableObjects,
  type SettingsIssue,
} from "../state/mapping-editor";
import { usePaneServices } from "../services/pane-services";
import { useWorksheetList } from "../hooks/useWorksheetList";
import { ObjectMappingEditor } from "./ObjectMappingEditor";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  object: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  footer: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export type ObjectsSource =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "loaded"; metas: ObjectMetadata[] }
  | { status: "failed"; message: string };

export interface ObjectsPanelProps {
  source: ObjectsSource;
  settings: WorkbookSettings;
  issues: SettingsIssue[];
  dirty: boolean;
  /** The switched-on objects are the first-run suggestion, not saved yet. */
  suggested: boolean;
  saving: boolean;
  onChange(settings: WorkbookSettings): void;
  onSave(): void;
}

export function ObjectsPanel({
  source,
  settings,
  issues,
  dirty,
  suggested,
  saving,
  onChange,
  onSave,
}: ObjectsPanelProps) {
  const styles = useStyles();
  const { engine } = usePaneServices();
  const { worksheets, refresh: refreshWorksheets } = useWorksheetList();

  if (source.status === "idle") return <Text>Connect to your workspace to choose what to sync.</Text>;
  if (source.status === "loading") return <Spinner label="Loading objects from Twenty…" />;
  if (source.status === "failed") {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>Could not load the objects: {source.message}</MessageBarBody>
      </MessageBar>
    );
  }

  const objects = syncableObjects(source.metas);
  const workbookIssues = issues.filter((i) => i.object === null);
  const unknown = settings.objects.filter((m) => m.enabled && !objects.some((meta) => meta.namePlural === m.object));
  const switchedOn = objects
    .filter((meta) => findMapping(settings, meta.namePlural)?.enabled)
    .map((m) => m.labelPlural);
  return (
    <div className={styles.panel}>
      {suggested && switchedOn.length > 0 && (
        <MessageBar intent="info" data-testid="defaults-hint">
          <MessageBarBody>
            {switchedOn.join(" and ")} {switchedOn.length === 1 ? "is" : "are"} switched on to start with. Save settings
            to keep this choice (a Pull or Sync saves it too).
          </MessageBarBody>
        </MessageBar>
      )}
      {objects.map((meta, index) => {
        const mapping = findMapping(settings, meta.namePlural);
        const enabled = mapping?.enabled === true;
        return (
          <Fragment key={meta.namePlural}>
            {index > 0 && <Divider />}
            <section className={styles.object} aria-label={meta.labelPlural}>
              <div className={styles.header}>
                <Switch
                  label={`Sync ${meta.labelPlural}`}
                  checked={enabled}
                  onChange={(_, d) =>
                    onChange(setObjectEnabled(settings, meta, d.checked, engine.defaultColumns(meta)))
                  }
                  data-testid={`object-toggle-${meta.namePlural}`}
                />
                {meta.isCustom && <Badge appearance="outline">custom</Badge>}
              </div>
              {enabled && mapping && (
                <ObjectMappingEditor
                  settings={settings}
                  mapping={mapping}
                  available={engine.availableColumns(meta)}
                  defaults={engine.defaultColumns(meta)}
                  issues={issues.filter((i) => i.object === meta.namePlural)}
                  worksheets={worksheets}
                  onSheetListOpened={refreshWorksheets}
                  onChange={onChange}
                />
              )}
            </section>
          </Fragment>
        );
      })}
      {unknown.map((m) => (
        <MessageBar key={m.object} intent="warning" data-testid={`unknown-object-${m.object}`}>
          <MessageBarBody>
            This workbook syncs “{m.object}” to sheet “{m.sheetName}”, but the workspace has no such object (renamed,
            deleted, or not visible to this API key).{" "}
            <Button size="small" onClick={() => onChange(setMappingEnabled(settings, m.object, false))}>
              Stop syncing it
            </Button>
          </MessageBarBody>
        </MessageBar>
      ))}
      {workbookIssues.map((i) => (
        <Text key={`${i.field}:${i.message}`} role="alert">
          {i.field}: {i.message}
        </Text>
      ))}
      <div className={styles.footer}>
        <Button
          appearance="primary"
          icon={<SaveRegular />}
          onClick={onSave}
          disabled={saving}
          data-testid="save-settings"
        >
          {saving ? "Saving…" : "Save settings"}
        </Button>
        <Text role="status" data-testid="settings-status">
          {issues.length > 0
            ? "Fix the highlighted settings to save."
            : dirty
              ? "Unsaved changes"
              : "Saved in this workbook"}
        </Text>
      </div>
    </div>
  );
}
