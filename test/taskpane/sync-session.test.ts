import "fake-indexeddb/auto";
import { checkReadiness, runSavedSync } from "../../src/app/sync-session";
import { describeRun } from "../../src/app/run-summary";
import { notificationFor, notificationQuery, parseNotificationQuery } from "../../src/app/notification";
import { createSyncNowHandler } from "../../src/commands/sync-now";
import { emptyWorkbookSettings } from "../../src/sync/settings";
import { setObjectEnabled } from "../../src/taskpane/state/mapping-editor";
import {
  COMPANIES,
  defaultColumnsOf,
  freshMachine,
  freshSecrets,
  memorySheet,
  objectReport,
  report,
  scriptedClient,
  scriptedEngine,
} from "./support/fakes";

async function workbook(options: { baseUrl?: string | null; key?: string | null; objects?: boolean } = {}) {
  const sheet = memorySheet();
  const secrets = freshSecrets();
  const engine = scriptedEngine();
  const baseUrl = options.baseUrl === undefined ? "https://crm.example.com" : options.baseUrl;
  const settings =
    options.objects === false
      ? emptyWorkbookSettings()
      : setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES));
  await engine.saveSettings(sheet, { ...settings, baseUrl });
  if (baseUrl && options.key !== null) await secrets.saveApiKey(baseUrl, options.key ?? "key-7777");
  const createClient = jest.fn(() => scriptedClient());
  return { sheet, secrets, engine, createClient, machine: freshMachine() };
}

describe("running the workbook's saved sync (shared by the pane and Sync now)", () => {
  it("builds the client from the saved URL and the stored key, and runs the saved settings", async () => {
    const deps = await workbook();
    deps.engine.runSync.mockResolvedValue(report([objectReport({ object: "companies" })]));
    const outcome = await runSavedSync(deps, { mode: "push" });
    expect(outcome.status).toBe("ran");
    expect(deps.createClient).toHaveBeenCalledWith({ baseUrl: "https://crm.example.com", apiKey: "key-7777" });
    const [request, ports] = deps.engine.runSync.mock.calls[0];
    expect(request).toMatchObject({ mode: "push", dryRun: false, confirmMassChanges: false });
    expect(request.settings.objects.map((o: { object: string }) => o.object)).toEqual(["companies"]);
    expect(ports.sheet).toBe(deps.sheet);
  });

  it("names this browser's clock to the engine, the same on every run, and passes a full compare on", async () => {
    const deps = await workbook();
    deps.engine.runSync.mockResolvedValue(report([objectReport({ object: "companies" })]));
    await runSavedSync(deps, { fullCompare: true, hooks: { now: () => new Date("2026-03-01T10:00:00Z") } });
    await runSavedSync(deps);
    const [[first, , firstHooks], [second, , secondHooks]] = deps.engine.runSync.mock.calls;
    expect(first.fullCompare).toBe(true);
    expect(second.fullCompare).toBe(false);
    expect(firstHooks.clockId).toMatch(/^browser@/);
    expect(firstHooks.now()).toEqual(new Date("2026-03-01T10:00:00Z"));
    expect(secondHooks.clockId).toBe(firstHooks.clockId);
  });

  it("reports a wiped key instead of running", async () => {
    const deps = await workbook({ key: null });
    expect(await checkReadiness(deps)).toMatchObject({ status: "key_missing", baseUrl: "https://crm.example.com" });
    const outcome = await runSavedSync(deps);
    expect(outcome).toEqual({
      status: "key_missing",
      message: expect.stringContaining("No API key is stored on this computer"),
    });
    expect(deps.engine.runSync).not.toHaveBeenCalled();
  });

  it("reports a workbook that was never set up", async () => {
    expect((await runSavedSync(await workbook({ baseUrl: null }))).status).toBe("not_configured");
    expect((await runSavedSync(await workbook({ objects: false }))).status).toBe("not_configured");
  });

  it("turns a thrown engine error into a value with its code", async () => {
    const deps = await workbook();
    deps.engine.runSync.mockRejectedValue(
      Object.assign(new Error("Twenty answered with a server error (HTTP 503)."), {
        code: "SERVER_ERROR",
        isRetryable: true,
      }),
    );
    expect(await runSavedSync(deps)).toEqual({
      status: "failed",
      error: {
        code: "SERVER_ERROR",
        message: "Twenty answered with a server error (HTTP 503).",
        isRetryable: true,
        status: undefined,
      },
    });
  });
});

describe("the ribbon's Sync now", () => {
  it("notifies the outcome and always completes the event, even when notifying fails", async () => {
    const completed = jest.fn();
    const notify = jest.fn().mockRejectedValue(new Error("dialogs blocked"));
    const handler = createSyncNowHandler({
      run: async () => ({ status: "key_missing", message: "No API key" }),
      notify,
    });
    await handler({ completed });
    expect(notify).toHaveBeenCalledWith({ kind: "warning", title: "API key needed", message: "No API key" });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("completes the event when the run itself throws", async () => {
    const completed = jest.fn();
    await createSyncNowHandler({ run: async () => Promise.reject(new Error("boom")), notify: jest.fn() })({
      completed,
    });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("summarises a run: changes on each side, conflicts and row errors make it a warning", () => {
    const run = report([
      objectReport({
        object: "companies",
        applied: { crmCreated: 1, crmUpdated: 2, crmDeleted: 0, sheetAppended: 5, sheetUpdated: 0, sheetDeleted: 0 },
        rowErrors: [{ row: 4, reason: "bad" }],
      }),
    ]);
    expect(describeRun(run)).toBe("Sync finished: 5 changes to the workbook, 3 changes to Twenty, 1 row error.");
    expect(notificationFor({ status: "ran", report: run })).toMatchObject({
      kind: "warning",
      title: "Sync needs attention",
    });
    expect(notificationFor({ status: "ran", report: report([objectReport({ object: "companies" })]) }).kind).toBe(
      "success",
    );
  });

  it("calls a run where every object failed a failure, naming the class of error", () => {
    const run = report([
      objectReport({
        object: "companies",
        error: { code: "AUTH_ERROR", message: "Token invalid.", isRetryable: false },
      }),
    ]);
    expect(notificationFor({ status: "ran", report: run })).toEqual({
      kind: "error",
      title: "Sync failed",
      message:
        "Sync finished with problems: 0 changes to the workbook, 0 changes to Twenty. Failed: companies: The API key was refused (Token invalid).",
    });
  });

  it("passes the notification through the dialog URL as text, never markup", () => {
    const content = { kind: "error" as const, title: "Sync failed", message: "<img src=x onerror=alert(1)> & more" };
    expect(parseNotificationQuery(`?${notificationQuery(content)}`)).toEqual(content);
    expect(parseNotificationQuery("?kind=<script>&title=&message=x")).toEqual({
      kind: "warning",
      title: "Twenty Sync",
      message: "x",
    });
  });
});
