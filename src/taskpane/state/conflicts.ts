import type { CellValue } from "../../sync/ports";
import type { Resolution, SyncConflict } from "../../app/engine";

export type ConflictChoice = { choice: "sheet" } | { choice: "crm" } | { choice: "value"; text: string };

export function conflictKey(c: Pick<SyncConflict, "object" | "id" | "column">): string {
  return `${c.object}\u0000${c.id}\u0000${c.column}`;
}

/**
 * Typed text as the cell value the conflict is about: numbers stay numbers and booleans stay booleans
 * when both sides hold that type, so "keep 42" does not become the text "42".
 */
export function valueFromText(text: string, sides: readonly unknown[]): CellValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const typed = sides.filter((v) => v !== null && v !== undefined && v !== "");
  if (typed.length > 0 && typed.every((v) => typeof v === "number") && Number.isFinite(Number(trimmed)))
    return Number(trimmed);
  if (typed.length > 0 && typed.every((v) => typeof v === "boolean") && /^(true|false)$/i.test(trimmed))
    return trimmed.toLowerCase() === "true";
  return text;
}

/** The resolutions for the conflicts the user decided; undecided conflicts are left for later. */
export function resolutionsFor(
  conflicts: readonly SyncConflict[],
  choices: ReadonlyMap<string, ConflictChoice>,
): Resolution[] {
  return conflicts.flatMap((c): Resolution[] => {
    const decided = choices.get(conflictKey(c));
    if (!decided) return [];
    const base = { object: c.object, id: c.id, column: c.column };
    if (decided.choice === "value")
      return [{ ...base, choice: "value", value: valueFromText(decided.text, [c.sheet, c.crm, c.base]) }];
    return [{ ...base, choice: decided.choice }];
  });
}

export function formatCellValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
