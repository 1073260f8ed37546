/**
 * The engine as the task pane and the ribbon command see it. Types are derived from the engine's own
 * exports so they never drift; the functions are injected so UI tests can substitute canned reports.
 */
import type * as sync from "../sync";
import type { ObjectMetadata } from "../sync/metadata";

export type SyncEngine = Pick<
  typeof sync,
  "runSync" | "loadSettings" | "saveSettings" | "recordResolutions" | "defaultColumns"
> & {
  /** Every flat column the object offers (dot names for composite fields), in metadata order. */
  availableColumns(meta: ObjectMetadata): AvailableColumn[];
};

export interface AvailableColumn {
  name: string;
  /** Shown in the sheet but never pushed (ids, timestamps, actors). */
  readOnly: boolean;
}

export type SyncRequest = Parameters<typeof sync.runSync>[0];
export type SyncMode = SyncRequest["mode"];
export type SyncHooks = NonNullable<Parameters<typeof sync.runSync>[2]>;
export type SyncProgress = Parameters<NonNullable<SyncHooks["onProgress"]>>[0];
export type SyncRunReport = Awaited<ReturnType<typeof sync.runSync>>;
export type ObjectSyncReport = SyncRunReport["objects"][number];
export type SyncConflict = ObjectSyncReport["conflicts"][number];
export type SyncAutoResolved = ObjectSyncReport["autoResolved"][number];
export type SyncRowError = ObjectSyncReport["rowErrors"][number];
export type Resolution = Parameters<typeof sync.recordResolutions>[1][number];
