/** Workbook settings live in the hidden state sheet as JSON, validated on every read and write. */
import { HIDDEN_KEYS } from "../workbook-layout/layout";
import { SyncError } from "./errors";
import type { SheetPort } from "./ports";
import { emptyWorkbookSettings, workbookSettingsSchema, type WorkbookSettings } from "./settings";

/** Missing settings give the defaults; unreadable settings are a VALIDATION_ERROR (never silently replaced). */
export async function loadSettings(sheet: SheetPort): Promise<WorkbookSettings> {
  const text = await sheet.readHidden(HIDDEN_KEYS.settings);
  if (text === null || text.trim() === "") return emptyWorkbookSettings();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncError("VALIDATION_ERROR", "The workbook's sync settings are corrupted (not valid JSON). Re-create them in the task pane.");
  }
  const parsed = workbookSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError("VALIDATION_ERROR", `The workbook's sync settings are invalid at ${issue?.path.join(".") || "root"}: ${issue?.message}`);
  }
  return parsed.data;
}

export async function saveSettings(sheet: SheetPort, settings: WorkbookSettings): Promise<void> {
  const parsed = workbookSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError("VALIDATION_ERROR", `Settings not saved: ${issue?.path.join(".") || "root"}: ${issue?.message}`);
  }
  await sheet.writeHidden(HIDDEN_KEYS.settings, JSON.stringify(parsed.data));
}
