/**
 * Edit times per worksheet row, kept under `edits/<sheet>` in the hidden state so the engine can tell
 * which rows the user changed since the last sync (and when). Row-keyed, so deletions shift it.
 */
import { z } from "zod";
import { SyncError } from "../sync/errors";
import { rowAfterDeletions } from "./change-plan";

const editsSchema = z.record(z.string().regex(/^[1-9]\d*$/, "row numbers are whole numbers"), z.iso.datetime({ offset: true }));
export type EditRecord = Map<number, string>;

export function parseEdits(sheetName: string, text: string | null): EditRecord {
  if (text === null) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyncError("VALIDATION_ERROR", `The edit times stored for sheet "${sheetName}" are not valid JSON.`, { cause: error });
  }
  const parsed = editsSchema.safeParse(json);
  if (!parsed.success) {
    throw new SyncError("VALIDATION_ERROR", `The edit times stored for sheet "${sheetName}" are damaged: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  }
  return new Map(Object.entries(parsed.data).map(([row, at]) => [Number(row), at]));
}

export function serializeEdits(edits: EditRecord): string {
  return JSON.stringify(Object.fromEntries([...edits].sort((a, b) => a[0] - b[0]).map(([row, at]) => [String(row), at])));
}

export function afterDeletions(edits: EditRecord, deletedRowNumbers: readonly number[]): EditRecord {
  const next: EditRecord = new Map();
  for (const [row, at] of edits) {
    const moved = rowAfterDeletions(row, deletedRowNumbers);
    if (moved !== null) next.set(moved, at);
  }
  return next;
}
