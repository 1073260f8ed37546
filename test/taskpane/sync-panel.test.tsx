/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { SyncAutoResolved, SyncHooks, SyncRequest } from "../../src/app/engine";
import { emptyWorkbookSettings } from "../../src/sync/settings";
import { setObjectEnabled } from "../../src/taskpane/state/mapping-editor";
import {
  COMPANIES,
  PEOPLE,
  defaultColumnsOf,
  objectReport,
  paneServices,
  report,
  scriptedEngine,
} from "./support/fakes";
import { connectedWorkbook, renderPane } from "./support/render";

const syncedObjects = setObjectEnabled(
  setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES)),
  PEOPLE,
  true,
  defaultColumnsOf(PEOPLE),
).objects;

async function openSyncTab(engine = scriptedEngine()) {
  const services = paneServices({ engine });
  await connectedWorkbook(services, { objects: syncedObjects });
  renderPane(services);
  expect(await screen.findByTestId("run-sync")).toBeTruthy();
  return services;
}

const previewReport = () =>
  report(
    [
      objectReport({
        object: "companies",
        plan: {
          toCrm: {
            creates: [
              {
                rowNumber: 7,
                id: "99999999-0000",
                writeIdToSheet: true,
                data: { name: "New Co" },
                sheetAfter: {},
                formulaColumns: [],
              },
            ],
            updates: [
              {
                id: "aaaaaaaa-1111",
                rowNumber: 2,
                changes: { name: "Acme", employees: 12 },
                data: {},
                sheetAfter: {},
                formulaColumns: [],
              },
              {
                id: "bbbbbbbb-2222",
                rowNumber: 3,
                changes: { employees: 4 },
                data: {},
                sheetAfter: {},
                formulaColumns: [],
              },
            ],
            deletes: [{ id: "12121212-0000", rowNumber: null, apply: false, reason: "row deleted in the workbook" }],
          },
          toSheet: {
            appends: ["cccccccc-3333", "dddddddd-4444", "eeeeeeee-5555"].map((id) => ({
              id,
              values: { id, name: "X" },
            })),
            updates: [],
            deletes: [{ id: "ffffffff-6666", rowNumber: 9, apply: true, reason: "deleted in Twenty" }],
          },
          conflicts: [],
          warnings: [],
          skipped: [{ row: 5, column: "employees", reason: "not a number" }],
        },
      } as never),
      objectReport({ object: "people" }),
    ],
    { dryRun: true },
  );

describe("running a sync from the pane", () => {
  it("previews counts and items per side before anything is applied, then applies the same mode", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockImplementation(async (request: SyncRequest) =>
      request.dryRun ? previewReport() : report([objectReport({ object: "companies" })]),
    );
    await openSyncTab(engine);

    fireEvent.click(screen.getByRole("checkbox", { name: "Preview changes before applying" }));
    fireEvent.click(screen.getByRole("button", { name: "Push" }));

    const preview = await screen.findByTestId("preview-companies");
    expect(within(preview).getByTestId("preview-count-companies-crm-create").textContent).toBe("Twenty: add 1");
    expect(within(preview).getByTestId("preview-count-companies-crm-update").textContent).toBe("Twenty: update 2");
    expect(within(preview).getByTestId("preview-count-companies-sheet-create").textContent).toBe("Workbook: add 3");
    expect(within(preview).getByTestId("preview-count-companies-sheet-delete").textContent).toBe("Workbook: delete 1");
    expect(within(preview).getByTestId("preview-count-companies-crm-proposed").textContent).toBe(
      "Twenty: 1 deletions proposed, not applied (deletes are off)",
    );
    expect(within(preview).queryByTestId("preview-count-companies-crm-delete")).toBeNull();
    expect(within(preview).getByText("Row 2 · id aaaaaaaa · name, employees")).toBeTruthy();
    expect(within(preview).getByText("1 rows skipped because of errors")).toBeTruthy();
    expect(engine.runSync).toHaveBeenCalledTimes(1);
    expect(engine.runSync.mock.calls[0][0]).toMatchObject({ mode: "push", dryRun: true });

    fireEvent.click(screen.getByTestId("apply-preview"));
    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(2));
    expect(engine.runSync.mock.calls[1][0]).toMatchObject({ mode: "push", dryRun: false, confirmMassChanges: false });
    expect(await screen.findByTestId("results")).toBeTruthy();
  });

  it("checks every Twenty record when asked, through the preview too, and says how Twenty was read", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockImplementation(async (request: SyncRequest) =>
      request.dryRun
        ? previewReport()
        : report([
            objectReport({
              object: "companies",
              crmRead: { kind: "full", reason: "a full compare was asked for", listed: 1204, fetchedById: 0 },
            }),
            objectReport({ object: "people", crmRead: { kind: "changes", reason: null, listed: 3, fetchedById: 2 } }),
          ]),
    );
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("checkbox", { name: /Check every record in Twenty/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Preview changes before applying" }));
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));
    fireEvent.click(await screen.findByTestId("apply-preview"));
    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(2));
    expect(engine.runSync.mock.calls.map(([request]) => [request.dryRun, request.fullCompare])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect((await screen.findByTestId("crm-read-companies")).textContent).toBe(
      "companies: read all 1,204 records from Twenty (a full compare was asked for)",
    );
    expect(screen.getByTestId("crm-read-people").textContent).toBe(
      "people: read 3 records changed in Twenty since the last sync, and 2 records of rows edited in the workbook",
    );

    fireEvent.click(screen.getByRole("checkbox", { name: /Check every record in Twenty/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Preview changes before applying" }));
    fireEvent.click(screen.getByRole("button", { name: "Pull" }));
    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(3));
    expect(engine.runSync.mock.calls[2][0]).toMatchObject({ mode: "pull", dryRun: false, fullCompare: false });
  });

  it("runs the saved settings with the stored key, shows determinate progress, and cancels through the signal", async () => {
    const engine = scriptedEngine();
    let hooks: SyncHooks | undefined;
    engine.runSync.mockImplementation(
      (_request: SyncRequest, _ports: unknown, h: SyncHooks) =>
        new Promise((_resolve, reject) => {
          hooks = h;
          h.onProgress?.({
            object: "companies",
            phase: "writing-crm",
            done: 60,
            total: 240,
            message: "Sending to Twenty",
          });
          h.signal?.addEventListener("abort", () => reject(new Error("cancelled")));
        }),
    );
    const services = await openSyncTab(engine);
    await waitFor(() => expect(services.trackEdits).toHaveBeenLastCalledWith(["Companies", "People"]));
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));

    expect(await screen.findByText("companies: Sending to Twenty (60 of 240)")).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.25");
    expect((screen.getByRole("button", { name: "Pull" }) as HTMLButtonElement).disabled).toBe(true);
    expect(engine.runSync.mock.calls[0][0].settings.objects.map((o: { object: string }) => o.object)).toEqual([
      "companies",
      "people",
    ]);

    fireEvent.click(screen.getByTestId("cancel-run"));
    expect(hooks?.signal?.aborted).toBe(true);
    expect(await screen.findByTestId("run-cancelled")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Pull" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks before a mass change and re-runs confirmed only when the user agrees", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockImplementation(async (request: SyncRequest) =>
      request.confirmMassChanges
        ? report([
            objectReport({
              object: "companies",
              applied: {
                crmCreated: 0,
                crmUpdated: 0,
                crmDeleted: 40,
                sheetAppended: 0,
                sheetUpdated: 0,
                sheetDeleted: 0,
              },
            }),
          ])
        : report([objectReport({ object: "companies", blocked: { reason: "would delete 40 of 100 records (40%)" } })]),
    );
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Pull" }));

    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("companies: would delete 40 of 100 records (40%)");
    // By test id: Fluent's modal transition briefly hides the surface from role queries in jsdom.
    const confirm = await within(dialog).findByTestId("mass-change-confirm");
    expect(confirm.textContent).toBe("Continue anyway");
    fireEvent.click(confirm);
    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(2));
    expect(engine.runSync.mock.calls[1][0]).toMatchObject({ mode: "pull", confirmMassChanges: true });
    expect((await screen.findByTestId("result-companies-crm")).textContent).toBe("40 deleted");
  });

  it("lists row errors and selects the row in the sheet when one is clicked", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockResolvedValue(
      report([
        objectReport({
          object: "people",
          sheetName: "People",
          rowErrors: [{ row: 14, column: "emails.primaryEmail", reason: "not an email address" }],
        }),
      ]),
    );
    const services = await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));

    const error = await screen.findByRole("button", {
      name: 'People: Row 14, column "emails.primaryEmail": not an email address',
    });
    fireEvent.click(error);
    expect(services.selectRow).toHaveBeenCalledWith("People", 14);

    services.selectRow.mockRejectedValueOnce(new Error("The sheet was renamed"));
    fireEvent.click(error);
    expect((await screen.findByText(/Could not go to row 14 of "People"/)).textContent).toContain(
      "The sheet was renamed",
    );
  });

  const settledCell = (overrides: Partial<SyncAutoResolved> & { object: string; rowNumber: number; column: string }) =>
    ({
      id: `id-${overrides.rowNumber}`,
      base: "Oslo",
      sheet: "Bergen",
      crm: "Paris",
      crmUpdatedAt: "2026-03-01T09:00:00.000Z",
      sheetEditedAt: "2026-03-01T08:00:00.000Z",
      kept: "crm",
      reason: "Twenty changed later (Twenty changed 2026-03-01T09:00:00.000Z; sheet edited 2026-03-01T08:00:00.000Z)",
      ...overrides,
    }) as SyncAutoResolved;

  it("counts and lists per object the cells the strategy resolved, with kept and replaced values, and goes to the row", async () => {
    const engine = scriptedEngine();
    const people = objectReport({
      object: "people",
      sheetName: "Contacts",
      autoResolved: [
        settledCell({ object: "people", rowNumber: 7, column: "city" }),
        settledCell({ object: "people", rowNumber: 9, column: "jobTitle", sheet: "CTO", crm: null }),
        settledCell({
          object: "people",
          rowNumber: 12,
          column: "city",
          kept: "sheet",
          sheet: "Rome",
          crm: "Milan",
          base: null,
          withoutBase: true,
          reason:
            "the sheet was edited later (sheet edited 2026-03-01T10:00:00.000Z; Twenty changed 2026-03-01T09:00:00.000Z)",
        }),
      ],
    });
    const companies = objectReport({
      object: "companies",
      autoResolved: [
        settledCell({
          object: "companies",
          rowNumber: 3,
          column: "name",
          kept: "sheet",
          sheet: "Acme",
          crm: "ACME Inc",
          reason: "the strategy is excel_wins (the sheet wins)",
        }),
      ],
    });
    companies.plan.strategy = "excel_wins";
    engine.runSync.mockResolvedValue(report([companies, people]));
    const services = await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));

    expect((await screen.findByTestId("auto-resolved-count-people")).textContent).toBe(
      "people: 3 cells changed on both sides were resolved by newest_wins",
    );
    expect(screen.getByTestId("auto-resolved-count-companies").textContent).toBe(
      "companies: 1 cell changed on both sides was resolved by excel_wins",
    );
    expect(screen.getByTestId("run-summary").textContent).toContain("4 both-sides changes settled by the strategy");

    const cards = screen.getAllByTestId("auto-resolved-item");
    const read = (card: HTMLElement) =>
      ["auto-resolved-go", "auto-resolved-kept", "auto-resolved-replaced", "auto-resolved-why"].map(
        (id) => within(card).getByTestId(id).textContent,
      );
    expect(cards.map(read)).toEqual([
      ["Companies row 3 · name", "Acme", "ACME Inc", "the strategy is excel_wins (the sheet wins)"],
      [
        "Contacts row 7 · city",
        "Paris",
        "Bergen",
        "Twenty changed later (Twenty changed 2026-03-01T09:00:00.000Z; sheet edited 2026-03-01T08:00:00.000Z)",
      ],
      ["Contacts row 9 · jobTitle", "(empty)", "CTO", expect.stringContaining("Twenty changed later")],
      [
        "Contacts row 12 · city",
        "Rome",
        "Milan",
        expect.stringContaining("no earlier sync to compare with, so which side changed is unknown"),
      ],
    ]);
    expect(within(cards[1]).getByText("Kept (Twenty)")).toBeTruthy();
    expect(within(cards[1]).getByText("Replaced (Workbook)")).toBeTruthy();
    expect(within(cards[0]).getByText("Kept (Workbook)")).toBeTruthy();

    fireEvent.click(within(cards[2]).getByTestId("auto-resolved-go"));
    expect(services.selectRow).toHaveBeenCalledWith("Contacts", 9);
  });

  it("lists no resolved cells when the strategy settled nothing", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockResolvedValue(report([objectReport({ object: "people" })]));
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));
    expect(await screen.findByTestId("results")).toBeTruthy();
    expect(screen.queryByTestId("auto-resolved")).toBeNull();
    expect(screen.queryByTestId("auto-resolved-count-people")).toBeNull();
    expect(screen.getByTestId("run-summary").textContent).not.toContain("settled");
  });

  it("says in a preview how many cells the strategy would resolve", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockResolvedValue(
      report(
        [
          objectReport({
            object: "people",
            autoResolved: [
              settledCell({ object: "people", rowNumber: 4, column: "city" }),
              settledCell({ object: "people", rowNumber: 5, column: "city" }),
            ],
          }),
        ],
        { dryRun: true },
      ),
    );
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("checkbox", { name: "Preview changes before applying" }));
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));
    expect((await screen.findByTestId("preview-auto-resolved-people")).textContent).toBe(
      "2 cells changed on both sides would be resolved by newest_wins",
    );
  });

  it("shows a failed run with its error class", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockRejectedValue(
      Object.assign(new Error("Twenty is rate limiting this API key right now."), { code: "RATE_LIMIT" }),
    );
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));
    const alert = await screen.findByTestId("run-error");
    expect(alert.textContent).toContain("Twenty is rate limiting requests");
    expect(alert.textContent).toContain("Twenty is rate limiting this API key right now.");
  });

  it("resolves conflicts cell by cell and records the choices for the next sync", async () => {
    const engine = scriptedEngine();
    const conflict = (id: string, column: string, base: unknown, sheet: unknown, crm: unknown, rowNumber: number) => ({
      object: "companies",
      id,
      rowNumber,
      column,
      base,
      sheet,
      crm,
      crmUpdatedAt: "2026-03-01T09:00:00Z",
      sheetEditedAt: "2026-03-01T09:30:00Z",
    });
    engine.runSync.mockResolvedValue(
      report([
        objectReport({
          object: "companies",
          conflicts: [
            conflict("c1", "name", "Acme", "Acme Inc", "ACME Corp", 2),
            conflict("c2", "employees", 10, 12, 15, 3),
            conflict("c3", "address.addressCity", "Paris", "Lyon", "Nice", 4),
          ],
        } as never),
      ]),
    );
    await openSyncTab(engine);
    fireEvent.click(screen.getByRole("button", { name: "Sync" }));

    const cards = await screen.findAllByTestId("conflict");
    expect(cards).toHaveLength(3);
    expect(within(cards[0]).getByTestId("conflict-base").textContent).toBe("Acme");
    expect(within(cards[0]).getByTestId("conflict-sheet").textContent).toBe("Acme Inc");
    expect(within(cards[0]).getByTestId("conflict-crm").textContent).toBe("ACME Corp");

    fireEvent.click(within(cards[0]).getByRole("button", { name: "Keep Twenty" }));
    fireEvent.click(within(cards[1]).getByRole("button", { name: "Edit" }));
    fireEvent.change(within(cards[1]).getByRole("textbox", { name: "New value for employees in row 3" }), {
      target: { value: "13" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save choices" }));

    await waitFor(() => expect(engine.recordResolutions).toHaveBeenCalledTimes(1));
    expect(engine.recordResolutions.mock.calls[0][1]).toEqual([
      { object: "companies", id: "c1", column: "name", choice: "crm" },
      { object: "companies", id: "c2", column: "employees", choice: "value", value: 13 },
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Sync now to apply" }));
    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(2));
    expect(engine.runSync.mock.calls[1][0]).toMatchObject({ mode: "sync", dryRun: false });
  });
});
