/** What the sheet picker offers and says: the workbook's worksheets, and whether the typed name is one of them. */
import type { WorkbookSettings } from "../../sync/settings";

export type WorksheetList =
  { status: "loading" } | { status: "loaded"; names: string[] } | { status: "failed"; message: string };

export interface SheetOption {
  name: string;
  /** Another switched-on object already synced with this sheet (validation refuses sharing one). */
  usedBy: string | null;
}

/** Excel compares sheet names without regard to case. */
const sameSheet = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function sheetOptions(worksheets: WorksheetList, settings: WorkbookSettings, object: string): SheetOption[] {
  if (worksheets.status !== "loaded") return [];
  const others = settings.objects.filter((m) => m.enabled && m.object !== object);
  return worksheets.names.map((name) => ({
    name,
    usedBy: others.find((m) => sameSheet(m.sheetName, name))?.object ?? null,
  }));
}

/** The workbook's own spelling of a sheet the typed name refers to, or null when the workbook has no such sheet. */
export function existingSheet(worksheets: WorksheetList, sheetName: string): string | null {
  if (worksheets.status !== "loaded") return null;
  return worksheets.names.find((name) => sameSheet(name, sheetName)) ?? null;
}

export function sheetNameHint(worksheets: WorksheetList, sheetName: string): string | undefined {
  if (worksheets.status === "failed")
    return `The workbook's sheets could not be listed (${worksheets.message}); type the sheet name.`;
  if (worksheets.status === "loading" || sheetName.trim() === "") return undefined;
  return existingSheet(worksheets, sheetName)
    ? "A sheet of this workbook."
    : "Not in this workbook yet: a pull or sync creates it.";
}
