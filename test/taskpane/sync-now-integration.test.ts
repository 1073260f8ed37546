/**
 * The ribbon's Sync now end to end in Node: the real engine, the real Excel adapter on the in-memory Excel,
 * the real Twenty client over HTTP against the stand-in, and the real key store on fake IndexedDB.
 */
import "fake-indexeddb/auto";
import { createStore } from "idb-keyval";
import { liveEngine } from "../../src/app/live-engine";
import type { NotificationContent } from "../../src/app/notification";
import { createMachineIdentity } from "../../src/app/machine-identity";
import { createSecretStore } from "../../src/app/secret-store";
import { runSavedSync } from "../../src/app/sync-session";
import { createSyncNowHandler } from "../../src/commands/sync-now";
import { createExcelSheetPort } from "../../src/excel";
import { createFakeExcel } from "../../src/excel-fake";
import { saveSettings, workbookSettingsSchema } from "../../src/sync";
import { createTwentyClient } from "../../src/twenty";
import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";

const API_KEY = "ribbon-test-key-0123456789";

describe("Sync now from the ribbon", () => {
  let stub: RunningStub;
  beforeEach(async () => {
    stub = await startTwentyStub({ apiKey: API_KEY, seed: "empty", size: { companies: 20 }, rateLimit: null });
  });
  afterEach(async () => {
    await stub.close();
  });

  async function setUp(storedKey: string | null) {
    const fake = createFakeExcel();
    const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office });
    const secrets = createSecretStore(createStore(`ribbon-${Math.random()}`, "secrets"));
    await saveSettings(
      sheet,
      workbookSettingsSchema.parse({
        version: 1,
        baseUrl: stub.url,
        objects: [{ object: "companies", sheetName: "Companies" }],
      }),
    );
    if (storedKey) await secrets.saveApiKey(stub.url, storedKey);
    const notices: NotificationContent[] = [];
    const completed = jest.fn();
    const syncNow = createSyncNowHandler({
      run: () =>
        runSavedSync({
          sheet,
          engine: liveEngine,
          secrets,
          machine: createMachineIdentity(createStore(`ribbon-machine-${Math.random()}`, "machine")),
          createClient: (config) => createTwentyClient({ ...config, requestsPerMinute: 1e9, maxRetries: 0 }),
        }),
      notify: async (content) => void notices.push(content),
    });
    return { sheet, notices, completed, run: () => syncNow({ completed }) };
  }

  it("syncs the saved settings with the stored key and reports what changed", async () => {
    const { sheet, notices, completed, run } = await setUp(API_KEY);
    await run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(notices).toEqual([
      {
        kind: "success",
        title: "Sync complete",
        message: "Sync finished: 20 changes to the workbook, 0 changes to Twenty.",
      },
    ]);
    expect((await sheet.readTable("Companies"))?.rows).toHaveLength(20);
    expect(await sheet.readHidden(HIDDEN_KEYS.settings)).not.toContain(API_KEY);
  });

  it("asks for the key, without calling Twenty, when this computer has none", async () => {
    const { notices, completed, run } = await setUp(null);
    stub.resetRequestLog();
    await run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(notices[0]).toMatchObject({ kind: "warning", title: "API key needed" });
    expect(stub.requestLog).toHaveLength(0);
  });

  it("says what went wrong when Twenty refuses the stored key, and never shows the key", async () => {
    const { notices, completed, run } = await setUp("revoked-key-9999");
    await run();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "error", title: "Sync failed" });
    expect(notices[0].message).toContain("companies: The API key was refused (");
    expect(JSON.stringify(notices)).not.toContain("revoked-key-9999");
  });
});
