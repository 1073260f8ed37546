/** Why a strategy kept one side of a field both sides changed: the words shown in the cell note and the run report. */
import type { Strategy } from "../settings";

export interface SheetEditTime {
  /** The time newest_wins compared with Twenty's updatedAt, or null when none was known. */
  at: string | null;
  /** False when the row had no tracked edit time and `at` is a stand-in (file modified time or last sync). */
  tracked: boolean;
}

export function settledReason(strategy: Strategy, kept: "sheet" | "crm", crmUpdatedAt: string | null, sheet: SheetEditTime): string {
  if (strategy === "crm_wins") return "the strategy is crm_wins (Twenty wins)";
  if (strategy === "excel_wins") return "the strategy is excel_wins (the sheet wins)";
  // newest_wins: field_merge leaves a conflict instead of settling a field by itself.
  const sheetTime = sheet.at === null ? "sheet edit time unknown" : sheet.tracked ? `sheet edited ${sheet.at}` : `sheet edit time not tracked, last known ${sheet.at}`;
  const crmTime = `Twenty changed ${crmUpdatedAt ?? "at an unknown time"}`;
  return kept === "sheet" ? `the sheet was edited later (${sheetTime}; ${crmTime})` : `Twenty changed later (${crmTime}; ${sheetTime})`;
}
