/** Ribbon function commands. "Sync now" runs the workbook's saved sync without opening the pane. */
import { createMachineIdentity } from "../app/machine-identity";
import { createSecretStore } from "../app/secret-store";
import { liveEngine } from "../app/live-engine";
import { runSavedSync } from "../app/sync-session";
import { createExcelSheetPort } from "../excel";
import { createTwentyClient } from "../twenty";
import { showNotificationDialog } from "./dialog-notifier";
import { createSyncNowHandler } from "./sync-now";

const syncNow = createSyncNowHandler({
  run: () =>
    runSavedSync({
      sheet: createExcelSheetPort(),
      engine: liveEngine,
      secrets: createSecretStore(),
      machine: createMachineIdentity(),
      createClient: (config) => createTwentyClient(config),
    }),
  notify: (content) => showNotificationDialog(content, new URL("notification.html", window.location.href).toString()),
});

Office.onReady(() => {
  Office.actions.associate("syncNow", syncNow);
});
