/**
 * What a synced workbook looks like on disk, shared by the Excel adapter (src/excel) and the .xlsx
 * adapter of the CLI (src/cli) so a workbook can move freely between the two.
 */

/** The very hidden worksheet that holds sync state and workbook settings. Never holds secrets. */
export const STATE_SHEET_NAME = "_twenty_sync";

/** Header row of the state sheet: one row per chunk. */
export const STATE_SHEET_HEADERS = ["key", "chunk", "text"] as const;

/** Excel allows 32,767 characters per cell; keep a margin. */
export const STATE_CHUNK_CHARS = 30_000;

/** Hidden-state keys. Per-object keys keep each write proportional to one object's state. */
export const HIDDEN_KEYS = {
  settings: "settings",
  resolutions: "resolutions",
  objectState: (objectPlural: string) => `state/${objectPlural}`,
  edits: (sheetName: string) => `edits/${sheetName}`,
} as const;

export const MARK_COLORS = {
  conflictFill: "#FFC7CE",
  noticeFill: "#DDEBF7",
  rowErrorFill: "#FFEB9C",
  readOnlyHeaderFill: "#E7E6E6",
  readOnlyFont: "#595959",
} as const;

/** Header of the column where per-row push errors are written. */
export const ERROR_COLUMN_HEADER = "sync error";

/** Prefix of every note the add-in writes, so its own notes can be told from the user's. */
export const NOTE_PREFIX = "Twenty Sync";

export const DEFAULT_SHEET_NAMES: Record<string, string> = {
  companies: "Companies",
  people: "People",
  opportunities: "Opportunities",
  notes: "Notes",
  tasks: "Tasks",
};
