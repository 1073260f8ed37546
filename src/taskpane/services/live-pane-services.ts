import { createMachineIdentity } from "../../app/machine-identity";
import { createSecretStore } from "../../app/secret-store";
import { liveEngine } from "../../app/live-engine";
import { createExcelSheetPort } from "../../excel";
import { createTwentyClient, maskApiKey } from "../../twenty";
import { createEditTracker } from "./edit-tracker";
import type { PaneServices } from "./pane-services";

/** The real ports: the Excel adapter, the Twenty client, IndexedDB for the key and this browser's clock name. */
export function createLivePaneServices(): PaneServices {
  const sheet = createExcelSheetPort();
  const edits = createEditTracker(sheet);
  return {
    workbook: {
      sheet,
      selectRow: (sheetName, rowNumber) => sheet.selectRow(sheetName, rowNumber),
      trackEdits: (sheetNames) => edits.track(sheetNames),
      editsFlushed: () => edits.flushed(),
      listWorksheets: async () => (await sheet.listWorksheets()).filter((s) => s.visible).map((s) => s.name),
    },
    secrets: createSecretStore(),
    machine: createMachineIdentity(),
    engine: liveEngine,
    createClient: (config) => createTwentyClient(config),
    maskApiKey,
    now: () => new Date(),
  };
}
