/**
 * The workbook host page: a ribbon, the in-browser workbook (formula bar, grid, sheet tabs) on the left, the real
 * task pane in a same-origin iframe on the right, the add-in's function commands in a hidden iframe, dialogs as
 * toasts, and — for the demo — the connection banner and the "CRM side" panel.
 */
import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  ToggleButton,
  Tooltip,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import {
  ArrowSyncRegular,
  DatabaseRegular,
  DismissRegular,
  PanelRightRegular,
  WeatherMoonRegular,
} from "@fluentui/react-icons";
import { cellAddress } from "../../workbook-layout/a1";
import { editableText } from "../grid/cell-input";
import type { DemoConnection } from "../demo-connection";
import type { HostController } from "../host-controller";
import type { WorkbookView } from "../workbook-view";
import { CrmPanel } from "./CrmPanel";
import { DialogToasts } from "./DialogToasts";
import { SheetGrid, type ActiveCell } from "./SheetGrid";
import { fillDemoConnection } from "../fill-connection";

interface HostAppProps {
  workbook: WorkbookView;
  controller: HostController;
  connection: DemoConnection | null;
}

function useRevision(subscribe: (listener: () => void) => () => void): number {
  const [revision, setRevision] = React.useState(0);
  React.useEffect(() => {
    let scheduled = false;
    return subscribe(() => {
      // Coalesce bursts of changes (one per context.sync) into one render per frame.
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        setRevision((value) => value + 1);
      });
    });
  }, [subscribe]);
  return revision;
}

export function HostApp({ workbook, controller, connection }: HostAppProps): React.JSX.Element {
  const revision = useRevision(workbook.subscribe);
  const hostState = React.useSyncExternalStore(controller.subscribe, controller.state);
  const [paneOpen, setPaneOpen] = React.useState(true);
  const [crmOpen, setCrmOpen] = React.useState(false);
  const [active, setActive] = React.useState<ActiveCell>({ row: 0, column: 0 });
  const [fillMessage, setFillMessage] = React.useState<string | null>(null);
  const [editError, setEditError] = React.useState<string | null>(null);
  const paneFrame = React.useRef<HTMLIFrameElement>(null);

  const sheets = workbook.visibleSheets();
  const apiActive = workbook.activeSheet();
  const selection = workbook.selection();
  // As in Excel, the sheet on screen is the workbook's active sheet (tab clicks activate it).
  const sheetName = apiActive && sheets.includes(apiActive) ? apiActive : (sheets[0] ?? null);
  // revision is the workbook's change counter: the same sheet may hold new cells
  const sheet = React.useMemo(() => (sheetName ? workbook.sheet(sheetName) : null), [workbook, sheetName, revision]);
  const activeCell =
    sheet && active.row < sheet.usedRows && active.column < sheet.usedColumns
      ? sheet.cell(active.row, active.column)
      : null;
  const sheetSelection = selection && selection.sheet === sheetName ? selection : null;

  const onActiveCellChange = React.useCallback(
    (cell: ActiveCell, byUser: boolean) => {
      setActive(cell);
      // The user's selection is the workbook's selection, as in Excel (add-ins can read it).
      if (byUser && sheetName) void workbook.selectCell(sheetName, cellAddress(cell.row, cell.column));
    },
    [workbook, sheetName],
  );

  const onEdit = React.useCallback(
    (row: number, column: number, text: string) => {
      if (!sheetName) return;
      setEditError(null);
      workbook.editCell(sheetName, cellAddress(row, column), text).catch((error: unknown) => {
        setEditError(`${cellAddress(row, column)}: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    [workbook, sheetName],
  );

  const theme = hostState.theme === "dark" ? webDarkTheme : webLightTheme;
  const syncNowRegistered = hostState.commands.includes("syncNow");
  const commandStatus = hostState.lastCommand;

  return (
    // The layout lives on an inner element: Fluent copies the provider's className onto its portals.
    <FluentProvider theme={theme} className="host-provider">
      <div className={`host host-${hostState.theme}`}>
        <header className="ribbon" role="toolbar" aria-label="Ribbon">
          <div className="ribbon-title">
            <span className="app-badge" aria-hidden="true">
              X
            </span>
            <Text weight="semibold">Book1</Text>
            <Text size={200} className="ribbon-subtitle">
              in-browser workbook
            </Text>
          </div>
          <div className="ribbon-group" aria-label="Twenty">
            <Text size={200} className="ribbon-group-label">
              Twenty
            </Text>
            <ToggleButton
              checked={paneOpen}
              icon={<PanelRightRegular />}
              appearance="subtle"
              onClick={() => setPaneOpen((open) => !open)}
              data-testid="ribbon-taskpane"
            >
              Twenty Sync
            </ToggleButton>
            <Tooltip
              content={
                syncNowRegistered
                  ? "Sync with the saved settings (ribbon command)"
                  : "Waiting for the add-in to register its command"
              }
              relationship="description"
            >
              <Button
                appearance="subtle"
                icon={<ArrowSyncRegular />}
                disabled={!syncNowRegistered || commandStatus?.status === "running"}
                onClick={() => void controller.runCommand("syncNow")}
                data-testid="ribbon-sync-now"
              >
                Sync now
              </Button>
            </Tooltip>
          </div>
          <div className="ribbon-group" aria-label="View">
            {connection && (
              <ToggleButton
                checked={crmOpen}
                icon={<DatabaseRegular />}
                appearance="subtle"
                onClick={() => setCrmOpen((open) => !open)}
                data-testid="ribbon-crm"
              >
                CRM side
              </ToggleButton>
            )}
            <ToggleButton
              checked={hostState.theme === "dark"}
              icon={<WeatherMoonRegular />}
              appearance="subtle"
              onClick={() => {
                controller.setTheme(hostState.theme === "dark" ? "light" : "dark");
                paneFrame.current?.contentWindow?.location.reload();
              }}
              data-testid="ribbon-theme"
            >
              Dark theme
            </ToggleButton>
          </div>
        </header>

        {connection && (
          <MessageBar intent="info" className="demo-banner" data-testid="demo-banner">
            <MessageBarBody>
              <MessageBarTitle>Demo connection</MessageBarTitle>
              Workspace URL <code data-testid="demo-url">{connection.crmUrl}</code> · API key{" "}
              <code data-testid="demo-key">{connection.apiKey}</code>
              {fillMessage ? (
                <span className="fill-message"> — {fillMessage}</span>
              ) : (
                <span className="demo-steps">
                  {" "}
                  — Connect → Objects (Companies, strategy field_merge) → Pull → edit a cell → CRM side → Sync
                </span>
              )}
            </MessageBarBody>
            <MessageBarActions>
              <Button
                size="small"
                onClick={() =>
                  setFillMessage(
                    paneFrame.current ? fillDemoConnection(paneFrame.current, connection) : "The task pane is closed.",
                  )
                }
                data-testid="fill-demo-connection"
              >
                Fill demo connection
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}

        {commandStatus?.status === "failed" && (
          <MessageBar intent="error" className="command-status" role="alert">
            <MessageBarBody>Sync now: {commandStatus.message}</MessageBarBody>
          </MessageBar>
        )}

        <main className="workspace">
          <section className="workbook" aria-label="Workbook">
            <div className="formula-bar">
              <span className="name-box" aria-label="Active cell" data-testid="name-box">
                {cellAddress(active.row, active.column)}
              </span>
              <span className="fx" aria-hidden="true">
                fx
              </span>
              <span className="formula-content" data-testid="formula-content">
                {activeCell ? editableText(activeCell) : ""}
              </span>
            </div>
            {sheet ? (
              <SheetGrid
                sheet={sheet}
                revision={revision}
                selection={sheetSelection}
                onEdit={onEdit}
                onActiveCellChange={onActiveCellChange}
              />
            ) : (
              <div className="grid-empty">This workbook has no visible sheets.</div>
            )}
            {editError && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>Excel did not accept the edit of {editError}</MessageBarBody>
              </MessageBar>
            )}
            {activeCell?.note && (
              <div className="note-bar" role="note" data-testid="active-note">
                <strong>Note on {cellAddress(active.row, active.column)}:</strong> {activeCell.note}
              </div>
            )}
            <nav className="sheet-tabs" role="tablist" aria-label="Sheets">
              {sheets.map((name) => (
                <button
                  key={name}
                  role="tab"
                  aria-selected={name === sheetName}
                  className="sheet-tab"
                  onClick={() => {
                    // As in Excel, picking a sheet activates it and puts the keyboard in its grid.
                    void workbook
                      .activateSheet(name)
                      .then(() =>
                        requestAnimationFrame(() =>
                          document.querySelector<HTMLElement>('[data-testid="sheet-grid"]')?.focus(),
                        ),
                      );
                  }}
                  data-testid={`sheet-tab-${name}`}
                >
                  {name}
                </button>
              ))}
            </nav>
          </section>

          {crmOpen && connection && <CrmPanel connection={connection} />}

          <aside
            className={paneOpen ? "taskpane" : "taskpane closed"}
            aria-label="Twenty Sync task pane"
            aria-hidden={!paneOpen}
          >
            <div className="taskpane-header">
              <Text weight="semibold">Twenty Sync</Text>
              <Button
                appearance="subtle"
                size="small"
                icon={<DismissRegular />}
                aria-label="Close task pane"
                onClick={() => setPaneOpen(false)}
              />
            </div>
            <iframe
              ref={paneFrame}
              className="taskpane-frame"
              src="taskpane.html"
              title="Twenty Sync task pane"
              data-testid="taskpane-frame"
            />
          </aside>
        </main>

        {/* Excel loads the FunctionFile in a hidden runtime; the ribbon's "Sync now" runs what it associates. */}
        <iframe
          className="commands-frame"
          src="commands.html"
          title="Add-in commands"
          aria-hidden="true"
          tabIndex={-1}
        />

        <DialogToasts dialogs={hostState.dialogs} controller={controller} />
      </div>
    </FluentProvider>
  );
}
