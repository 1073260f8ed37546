import {
  Badge,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Subtitle1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { toErrorInfo } from "../../app/error-text";
import { runSavedSync } from "../../app/sync-session";
import { emptyWorkbookSettings, type WorkbookSettings } from "../../sync/settings";
import {
  connectionBadge,
  connectionReducer,
  hasUsableKey,
  initialConnectionState,
  type ConnectionAction,
} from "../state/connection";
import { firstRunChoices, setScheduleMinutes, validateSettings, type SettingsIssue } from "../state/mapping-editor";
import { initialRunState, runReducer, type RunRequest } from "../state/run";
import { usePaneServices } from "../services/pane-services";
import { useScheduledSync } from "../hooks/useScheduledSync";
import { ConnectPanel } from "./ConnectPanel";
import { ObjectsPanel, type ObjectsSource } from "./ObjectsPanel";
import { ScheduleControl } from "./ScheduleControl";
import { SyncPanel } from "./SyncPanel";

const useStyles = makeStyles({
  app: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
  },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

type TabId = "connect" | "objects" | "sync";

export function App() {
  const styles = useStyles();
  const services = usePaneServices();
  const { workbook, engine, secrets } = services;

  const [tab, setTab] = useState<TabId>("connect");
  // The opening tab follows the workbook's state, unless the user already picked one, or started filling in the
  // Connect tab, while it loaded.
  const userPickedTab = useRef(false);
  const [connection, dispatchConnection] = useReducer(connectionReducer, initialConnectionState);
  const dispatchFromConnectPanel = useCallback((action: ConnectionAction) => {
    userPickedTab.current = true;
    dispatchConnection(action);
  }, []);
  const [settings, setSettingsState] = useState<WorkbookSettings>(emptyWorkbookSettings);
  // A save that started before the pane re-rendered (Connect, made while the workbook was still loading) builds on
  // the latest choices, not on those of the render it started from.
  const latestSettings = useRef(settings);
  const setSettings = useCallback((next: WorkbookSettings) => {
    latestSettings.current = next;
    setSettingsState(next);
  }, []);
  /** Settles once the workbook's saved settings have been read (or could not be). */
  const settingsRead = useRef<Promise<void>>(Promise.resolve());
  const [workbookLoading, setWorkbookLoading] = useState(true);
  const [dirty, setDirty] = useState(false);
  /** The current choices are the first-run suggestion, not yet saved. */
  const [suggested, setSuggested] = useState(false);
  const [saving, setSaving] = useState(false);
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [objects, setObjects] = useState<ObjectsSource>({ status: "idle" });
  const [run, dispatchRun] = useReducer(runReducer, initialRunState);
  const [lastRunAt, setLastRunAt] = useState<Date | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [navigationError, setNavigationError] = useState<string | null>(null);

  // Read the workbook's settings and whether this computer holds the key for its workspace.
  useEffect(() => {
    let live = true;
    setWorkbookLoading(true);
    settingsRead.current = (async () => {
      try {
        const loaded = await engine.loadSettings(workbook.sheet);
        const apiKey = loaded.baseUrl ? await secrets.getApiKey(loaded.baseUrl) : null;
        if (!live) return;
        setSettings(loaded);
        dispatchConnection({
          type: "loaded",
          savedBaseUrl: loaded.baseUrl,
          storedKeyMask: apiKey ? services.maskApiKey(apiKey) : null,
        });
        if (loaded.baseUrl && apiKey && !userPickedTab.current)
          setTab(loaded.objects.some((o) => o.enabled) ? "sync" : "objects");
      } catch (error) {
        if (live) setLoadError(toErrorInfo(error).message);
      } finally {
        if (live) setWorkbookLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [engine, secrets, workbook, services, setSettings]);

  // Objects come from the workspace's metadata once a key is available.
  const usable = hasUsableKey(connection);
  const { savedBaseUrl, storedKeyMask } = connection;
  useEffect(() => {
    if (!usable || !savedBaseUrl) {
      setObjects({ status: "idle" });
      return;
    }
    let live = true;
    setObjects({ status: "loading" });
    (async () => {
      try {
        const apiKey = await secrets.getApiKey(savedBaseUrl);
        if (!apiKey) throw new Error("the API key is no longer stored on this computer");
        const metas = await services.createClient({ baseUrl: savedBaseUrl, apiKey }).listObjects();
        if (live) setObjects({ status: "loaded", metas });
      } catch (error) {
        if (live) setObjects({ status: "failed", message: toErrorInfo(error).message });
      }
    })();
    return () => {
      live = false;
    };
  }, [usable, savedBaseUrl, storedKeyMask, secrets, services]);

  // A workbook without choices starts with Companies and People on; they are saved by Save or by the first run.
  useEffect(() => {
    if (objects.status !== "loaded") return;
    const choices = firstRunChoices(settings, objects.metas, engine.defaultColumns);
    if (!choices) return;
    setSettings(choices);
    setDirty(true);
    setSuggested(true);
  }, [objects, settings, engine, setSettings]);

  // Edit times feed newest_wins; sheets created by a run are picked up once it finishes.
  const [trackingWarning, setTrackingWarning] = useState<string | null>(null);
  const trackedSheets = settings.objects
    .filter((o) => o.enabled)
    .map((o) => o.sheetName)
    .join("\n");
  const lastFinished = run.report?.finishedAt;
  useEffect(() => {
    workbook.trackEdits(trackedSheets ? trackedSheets.split("\n") : []).then(
      () => setTrackingWarning(null),
      (error) => setTrackingWarning(toErrorInfo(error).message),
    );
  }, [workbook, trackedSheets, lastFinished]);

  const persist = useCallback(
    async (next: WorkbookSettings): Promise<WorkbookSettings | null> => {
      const verdict = validateSettings(next);
      if (!verdict.ok) {
        setIssues(verdict.issues);
        return null;
      }
      setSaving(true);
      try {
        await engine.saveSettings(workbook.sheet, verdict.settings);
        setSettings(verdict.settings);
        setIssues([]);
        setDirty(false);
        setSuggested(false);
        return verdict.settings;
      } catch (error) {
        setIssues([
          { object: null, field: "workbook", message: `could not save the settings: ${toErrorInfo(error).message}` },
        ]);
        return null;
      } finally {
        setSaving(false);
      }
    },
    [engine, workbook, setSettings],
  );

  /**
   * Connect stores the workspace URL with the workbook's other choices: a connection made while they are still
   * loading waits for them, so it neither starts from empty settings nor is replaced by them when they arrive.
   * Settings that could not be read are shown as an error and started afresh, as a Save in Objects would.
   */
  const saveWorkspace = useCallback(
    async (baseUrl: string) => {
      await settingsRead.current;
      if (!(await persist({ ...latestSettings.current, baseUrl })))
        throw new Error("the workspace URL could not be saved in the workbook");
    },
    [persist],
  );

  const editSettings = (next: WorkbookSettings) => {
    setSettings(next);
    setDirty(true);
    const verdict = validateSettings(next);
    setIssues(verdict.ok ? [] : verdict.issues);
  };

  const startRun = useCallback(
    /** Runs started by the user save the edited settings first; scheduled runs use what is saved, never a draft. */
    async (request: RunRequest, origin: "user" | "schedule" = "user") => {
      if (abort.current) return;
      if (origin === "user" && dirty && !(await persist(settings))) {
        setTab("objects");
        return;
      }
      const controller = new AbortController();
      abort.current = controller;
      dispatchRun({ type: "started", request });
      await workbook.editsFlushed().catch((error) => setTrackingWarning(toErrorInfo(error).message));
      const outcome = await runSavedSync(
        { sheet: workbook.sheet, engine, secrets, createClient: services.createClient, machine: services.machine },
        {
          mode: request.mode,
          dryRun: request.dryRun,
          confirmMassChanges: request.confirmMassChanges,
          fullCompare: request.fullCompare,
          hooks: {
            signal: controller.signal,
            onProgress: (progress) => dispatchRun({ type: "progressed", progress }),
            now: services.now,
          },
        },
      );
      abort.current = null;
      if (controller.signal.aborted)
        dispatchRun({ type: "cancelled", report: outcome.status === "ran" ? outcome.report : undefined });
      else if (outcome.status === "ran") dispatchRun({ type: "finished", report: outcome.report });
      else if (outcome.status === "failed") dispatchRun({ type: "failed", error: outcome.error });
      else
        dispatchRun({
          type: "failed",
          error: {
            code: outcome.status === "key_missing" ? "AUTH_ERROR" : "VALIDATION_ERROR",
            message: outcome.message,
            isRetryable: false,
          },
        });
      if (!request.dryRun) setLastRunAt(services.now());
    },
    [dirty, persist, settings, workbook, engine, secrets, services],
  );

  const badge = connectionBadge(connection);
  const enabledObjects = settings.objects.filter((o) => o.enabled).length;
  const blockedReason = !usable
    ? "Connect to your workspace first."
    : enabledObjects === 0
      ? "Choose at least one object to sync."
      : null;

  const { nextRunAt } = useScheduledSync({
    minutes: settings.scheduleMinutes,
    lastRunAt,
    running: run.status === "running",
    hasKey: usable,
    enabledObjects,
    now: services.now,
    run: () => void startRun({ mode: "sync", dryRun: false, confirmMassChanges: false, fullCompare: false }, "schedule"),
  });

  return (
    <main className={styles.app}>
      <header className={styles.header}>
        <Subtitle1 as="h1">Twenty Sync</Subtitle1>
        <Badge appearance="tint" color={badge.color} data-testid="connection-badge">
          {badge.label}
        </Badge>
      </header>
      {loadError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The workbook's sync settings could not be read: {loadError}</MessageBarBody>
        </MessageBar>
      )}
      {trackingWarning && (
        <MessageBar intent="warning" data-testid="tracking-warning">
          <MessageBarBody>
            Edits in the sheets are not being timed ({trackingWarning}); when both sides changed a field, Twenty's value
            may win.
          </MessageBarBody>
        </MessageBar>
      )}
      <TabList
        selectedValue={tab}
        onTabSelect={(_, d) => {
          userPickedTab.current = true;
          setTab(d.value as TabId);
        }}
        aria-label="Sections"
      >
        <Tab value="connect" id="tab-connect" data-testid="tab-connect">
          Connect
        </Tab>
        <Tab value="objects" id="tab-objects" data-testid="tab-objects">
          Objects
        </Tab>
        <Tab value="sync" id="tab-sync" data-testid="tab-sync">
          Sync
        </Tab>
      </TabList>
      <div className={styles.body} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === "connect" && (
          <ConnectPanel
            state={connection}
            dispatch={dispatchFromConnectPanel}
            onWorkspaceSaved={saveWorkspace}
            workbookLoading={workbookLoading}
          />
        )}
        {tab === "objects" && (
          <ObjectsPanel
            source={objects}
            settings={settings}
            issues={issues}
            dirty={dirty}
            suggested={suggested}
            saving={saving}
            onChange={editSettings}
            onSave={() => void persist(settings)}
          />
        )}
        {tab === "sync" && (
          <>
            <SyncPanel
              run={run}
              canRun={blockedReason === null}
              blockedReason={blockedReason}
              onRun={(request) => void startRun(request)}
              onCancel={() => abort.current?.abort()}
              onDismissMassChange={() => dispatchRun({ type: "massChangeDismissed" })}
              onDiscardPreview={() => dispatchRun({ type: "previewDiscarded" })}
              onSelectRow={(sheetName, row) =>
                workbook.selectRow(sheetName, row).then(
                  () => setNavigationError(null),
                  (error) =>
                    setNavigationError(`Could not go to row ${row} of "${sheetName}": ${toErrorInfo(error).message}`),
                )
              }
            />
            {navigationError && (
              <MessageBar intent="warning" role="alert">
                <MessageBarBody>{navigationError}</MessageBarBody>
              </MessageBar>
            )}
            <ScheduleControl
              minutes={settings.scheduleMinutes}
              lastRunAt={lastRunAt}
              nextRunAt={nextRunAt}
              hasKey={usable}
              onMinutesChange={(minutes) => void persist(setScheduleMinutes(settings, minutes))}
            />
          </>
        )}
      </div>
    </main>
  );
}
