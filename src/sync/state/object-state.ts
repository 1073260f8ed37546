/**
 * Per-object sync state (the Unison "archive"): for each record the flat column values both sides agreed on after
 * the last sync, plus client-chosen ids of creates that may not have landed yet. Stored as versioned JSON text.
 */
import { z } from "zod";
import { SyncError } from "../errors";
import { HIDDEN_KEYS } from "../../workbook-layout/layout";
import type { SheetPort } from "../ports";
import { canonicalSchema } from "../fields/values";

export const recordStateSchema = z.object({
  base: z.record(z.string(), canonicalSchema),
  crmUpdatedAt: z.string().nullable(),
  /** Hash of the row's mapped cells as last written or read; tells whether the row was edited since. */
  fingerprint: z.string(),
  syncedAt: z.string(),
});
export type RecordState = z.infer<typeof recordStateSchema>;

export const pendingCreateSchema = z.object({ rowNumber: z.number().int(), createdAt: z.string() });

export const objectStateSchema = z.object({
  version: z.literal(1),
  object: z.string(),
  lastSyncAt: z.string().nullable(),
  records: z.record(z.string(), recordStateSchema),
  /** Ids written into sheet rows before their create was sent: on a re-run they are created (upserted), never duplicated. */
  pendingCreates: z.record(z.string(), pendingCreateSchema),
});
export type ObjectState = z.infer<typeof objectStateSchema>;

export function emptyObjectState(object: string): ObjectState {
  return { version: 1, object, lastSyncAt: null, records: {}, pendingCreates: {} };
}

/** `state` is null when there is none or it cannot be trusted; `warning` then says why (a full compare follows). */
export interface LoadedState {
  state: ObjectState | null;
  warning: string | null;
}

export function parseObjectState(object: string, text: string | null): LoadedState {
  if (text === null || text.trim() === "") return { state: null, warning: null };
  const distrust = (why: string): LoadedState => ({
    state: null,
    warning: `Sync state of ${object} ${why}; it was ignored and every record is compared in full (nothing is deleted this run).`,
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return distrust("is not valid JSON (corrupted)");
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > 1) return distrust(`was written by a newer version of Twenty Sync (state version ${version})`);
  const parsed = objectStateSchema.safeParse(json);
  if (!parsed.success) return distrust(`is not in the expected format (${parsed.error.issues[0]?.path.join(".") || "root"}: ${parsed.error.issues[0]?.message})`);
  if (parsed.data.object !== object) return distrust(`belongs to another object ("${parsed.data.object}")`);
  return { state: parsed.data, warning: null };
}

export async function loadObjectState(sheet: SheetPort, object: string): Promise<LoadedState> {
  let text: string | null;
  try {
    text = await sheet.readHidden(HIDDEN_KEYS.objectState(object));
  } catch (error) {
    // A damaged state sheet must not stop the sync: compare in full, and the rewrite at the end repairs it.
    if (error instanceof SyncError && error.code === "VALIDATION_ERROR") {
      return { state: null, warning: `${error.message}. Every record of ${object} is compared in full (nothing is deleted this run).` };
    }
    throw error;
  }
  return parseObjectState(object, text);
}

export async function saveObjectState(sheet: SheetPort, state: ObjectState): Promise<void> {
  await sheet.writeHidden(HIDDEN_KEYS.objectState(state.object), JSON.stringify(objectStateSchema.parse(state)));
}
