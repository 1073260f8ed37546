/** Conflict resolutions chosen by the user, stored in the workbook and applied (then dropped) on the next sync. */
import { z } from "zod";
import { HIDDEN_KEYS } from "../../workbook-layout/layout";
import type { SheetPort } from "../ports";
import { SyncError } from "../errors";

export const resolutionSchema = z.object({
  object: z.string().min(1),
  id: z.string().min(1),
  column: z.string().min(1),
  choice: z.enum(["sheet", "crm", "value"]),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

const resolutionsFileSchema = z.object({ version: z.literal(1), items: z.array(resolutionSchema) });

export function resolutionKey(r: { object: string; id: string; column: string }): string {
  return `${r.object}\u0000${r.id.toLowerCase()}\u0000${r.column}`;
}

export async function loadResolutions(sheet: SheetPort): Promise<{ items: Resolution[]; warning: string | null }> {
  const text = await sheet.readHidden(HIDDEN_KEYS.resolutions);
  if (text === null || text.trim() === "") return { items: [], warning: null };
  try {
    return { items: resolutionsFileSchema.parse(JSON.parse(text)).items, warning: null };
  } catch {
    return { items: [], warning: "Stored conflict resolutions are unreadable; they were ignored. Resolve the conflicts again." };
  }
}

export async function saveResolutions(sheet: SheetPort, items: Resolution[]): Promise<void> {
  await sheet.writeHidden(HIDDEN_KEYS.resolutions, JSON.stringify({ version: 1, items }));
}

/** Records the user's choices; a later choice for the same cell replaces an earlier one. */
export async function recordResolutions(sheet: SheetPort, resolutions: Resolution[]): Promise<void> {
  const parsed = z.array(resolutionSchema).safeParse(resolutions);
  if (!parsed.success) throw new SyncError("VALIDATION_ERROR", `Invalid conflict resolution: ${parsed.error.issues[0]?.message}`);
  for (const r of parsed.data) {
    if (r.choice === "value" && r.value === undefined) throw new SyncError("VALIDATION_ERROR", `Resolution for ${r.column} of ${r.id} chooses "value" but gives none`);
  }
  const { items } = await loadResolutions(sheet);
  const byKey = new Map(items.map((r) => [resolutionKey(r), r]));
  for (const r of parsed.data) byKey.set(resolutionKey(r), r);
  await saveResolutions(sheet, [...byKey.values()]);
}
