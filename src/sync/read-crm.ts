/**
 * What a sync reads from Twenty: every record (a full compare), or only what changed since the last sync plus the
 * records of rows that changed (a delta read), and where the next delta read may start.
 */
import type { CrmRecord, ObjectMetadata } from "./metadata";
import type { CrmPort, SheetRow, SheetTable } from "./ports";
import type { ObjectMapping } from "./settings";
import { resolveColumns } from "./fields/columns";
import type { ObjectState } from "./state/object-state";
import type { Resolution } from "./state/resolutions";
import { mappingSignature, recordsToFetch } from "./plan/unchanged-rows";
import type { SyncMode } from "./plan/types";

/** Hard deletes (emptied trash) are invisible to a delta read: a full compare at least this often finds them. */
export const FULL_COMPARE_EVERY_MS = 24 * 60 * 60_000;
/**
 * Slack for Twenty's commit lag (updatedAt is the time its transaction started): a delta read starts this much
 * before the newest change the last read saw, so records changed in those seconds are listed again (and skipped).
 */
export const CURSOR_MARGIN_MS = 30_000;

export interface CrmReadRequest {
  crm: CrmPort;
  mode: SyncMode;
  meta: ObjectMetadata;
  mapping: ObjectMapping;
  table: SheetTable | null;
  state: ObjectState | null;
  resolutions: readonly Resolution[];
  /** Read every record even when a delta read would do. */
  fullCompare: boolean;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
}

export interface CrmRead {
  records: CrmRecord[];
  /** Set for a delta read (see PlanInput.delta). */
  delta?: { gone: Set<string>; unchangedRows: Set<SheetRow> };
  /** How the records were read, for the report. */
  summary: CrmReadSummary;
  /** Saved with the state once the run's changes are all applied. */
  cursor: Pick<ObjectState, "crmCursor" | "lastFullCompareAt">;
}

export interface CrmReadSummary {
  kind: "full" | "changes";
  /** Records listed (full), or changed since the last sync (changes). */
  listed: number;
  /** Records of changed rows fetched by id (changes only). */
  fetchedById: number;
}

/** Why every record must be listed this time, or null when a delta read is enough. */
export function fullCompareReason(request: Omit<CrmReadRequest, "crm" | "signal" | "onProgress" | "resolutions">): string | null {
  const { state, table } = request;
  if (request.fullCompare) return "asked for";
  if (!state?.crmCursor) return "no earlier sync to continue from";
  if (!table) return "the sheet is missing";
  const { columns } = resolveColumns(request.meta, request.mapping.columns);
  if (state.mappingSignature !== mappingSignature(columns)) return "the columns changed";
  const last = state.lastFullCompareAt ? Date.parse(state.lastFullCompareAt) : NaN;
  if (!(request.now.getTime() - last < FULL_COMPARE_EVERY_MS)) return "the daily full compare is due";
  return null;
}

/**
 * The latest time a later delta read may start from. `seen` is the newest updatedAt/deletedAt read: no later than
 * Twenty's clock at the end of the reading. Stepping back by the reading's own duration (measured on the local
 * clock, so its skew does not matter) reaches Twenty's clock at the start; the margin covers commit lag.
 */
function nextCursor(previous: string | null, seen: number, readingMs: number): string | null {
  const candidate = Number.isFinite(seen) ? seen - readingMs - CURSOR_MARGIN_MS : -Infinity;
  const best = Math.max(previous ? Date.parse(previous) : -Infinity, candidate);
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

function newestChange(records: readonly CrmRecord[]): number {
  let newest = -Infinity;
  for (const r of records) {
    for (const at of [r.updatedAt, r.deletedAt]) {
      const time = at ? Date.parse(at) : NaN;
      if (time > newest) newest = time;
    }
  }
  return newest;
}

export async function readCrm(request: CrmReadRequest): Promise<CrmRead> {
  const { crm, mapping, state, table, signal, onProgress } = request;
  const started = Date.now();
  const object = mapping.object;
  let records: CrmRecord[];
  let delta: CrmRead["delta"];
  let summary: CrmReadSummary;
  const full = fullCompareReason(request) !== null;
  if (full) {
    records = await crm.listRecords(object, { signal, onProgress });
    summary = { kind: "full", listed: records.length, fetchedById: 0 };
  } else {
    const changed = await crm.listRecords(object, { changedSince: state!.crmCursor!, signal, onProgress });
    const live = changed.filter((r) => !r.deletedAt);
    const gone = new Set(changed.filter((r) => r.deletedAt).map((r) => r.id.toLowerCase()));
    const { ids: wanted, unchanged } = recordsToFetch({ ...request, table: table!, state: state!, changed: live, gone });
    const fetched = wanted.length > 0 ? await crm.listRecords(object, { ids: wanted, signal }) : [];
    const found = new Set(fetched.map((r) => r.id.toLowerCase()));
    // A row's record that is neither changed nor found was deleted for good (emptied trash).
    for (const id of wanted) if (!found.has(id)) gone.add(id);
    const listed = new Set(live.map((r) => r.id.toLowerCase()));
    records = [...live, ...fetched.filter((r) => !listed.has(r.id.toLowerCase()))];
    delta = { gone, unchangedRows: unchanged };
    summary = { kind: "changes", listed: changed.length, fetchedById: fetched.length };
  }
  const previous = state?.crmCursor ?? null;
  // A push does not write unknown Twenty records into the sheet or state, so a later delta read must still see them.
  const cursor: CrmRead["cursor"] =
    request.mode === "push"
      ? { crmCursor: previous, lastFullCompareAt: state?.lastFullCompareAt ?? null }
      : {
          crmCursor: nextCursor(previous, newestChange(records), Date.now() - started),
          lastFullCompareAt: full ? request.now.toISOString() : (state?.lastFullCompareAt ?? null),
        };
  return { records, delta, summary, cursor };
}
