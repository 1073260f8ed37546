/** The real engine behind the SyncEngine seam: what the task pane and the ribbon command run. */
import { defaultColumns, loadSettings, recordResolutions, runSync, saveSettings } from "../sync";
import { columnCatalog } from "../sync/fields/catalog";
import type { SyncEngine } from "./engine";

export const liveEngine: SyncEngine = {
  runSync,
  loadSettings,
  saveSettings,
  recordResolutions,
  defaultColumns,
  availableColumns: (meta) => [...columnCatalog(meta).values()].map((c) => ({ name: c.header, readOnly: c.readOnly })),
};
