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
  /** This machine's clock at the start of the read. */
  now: Date;
  /** Names the machine `now` comes from; with it, time elapsed on that clock since an earlier sync counts (see below). */
  clockId?: string;
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
  cursor: Pick<ObjectState, "crmCursor" | "lastFullCompareAt" | "clockAnchor">;
}

export type CrmReadSummary = {
  /** Records listed (full), or changed since the last sync (changes). */
  listed: number;
  /** Records of changed rows fetched by id (changes only). */
  fetchedById: number;
} & (
  | {
      kind: "full";
      /** Why every record was listed. */
      reason: string;
    }
  | { kind: "changes"; reason: null }
);

/** Why every record must be listed this time, or null when a delta read is enough. */
export function fullCompareReason(request: Omit<CrmReadRequest, "crm" | "signal" | "onProgress" | "resolutions">): string | null {
  const { state, table } = request;
  if (request.fullCompare) return "a full compare was asked for";
  if (!state?.crmCursor) return "no earlier sync to continue from";
  if (!table) return "the sheet is missing";
  const { columns } = resolveColumns(request.meta, request.mapping.columns);
  if (state.mappingSignature !== mappingSignature(columns)) return "the columns changed";
  const last = state.lastFullCompareAt ? Date.parse(state.lastFullCompareAt) : NaN;
  if (!(request.now.getTime() - last < FULL_COMPARE_EVERY_MS)) return "the daily full compare is due";
  return null;
}

/**
 * A lower bound of Twenty's clock when this read began, from two sources. The newest updatedAt/deletedAt read is no
 * later than Twenty's clock at the end of the reading; stepping back by the reading's duration reaches its start. An
 * anchor saved by an earlier sync on this same machine, moved on by the time this machine's clock says has passed,
 * still counts when Twenty was quiet since (a client has no other way to read Twenty's clock). The anchor is only
 * trusted for a day, when a full compare is due anyway and would catch what a clock jump let slip.
 */
function twentyClockAtStart(request: CrmReadRequest, seen: number, readingMs: number): number {
  const fromRead = seen - readingMs;
  const anchor = request.state?.clockAnchor;
  if (!request.clockId || anchor?.clockId !== request.clockId) return fromRead;
  const elapsed = request.now.getTime() - Date.parse(anchor.local);
  const fromAnchor = elapsed >= 0 && elapsed < FULL_COMPARE_EVERY_MS ? Date.parse(anchor.server) + elapsed : -Infinity;
  return Math.max(fromRead, fromAnchor);
}

function iso(time: number): string | null {
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
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
  const reason = fullCompareReason(request);
  const full = reason !== null;
  if (full) {
    records = await crm.listRecords(object, { signal, onProgress });
    summary = { kind: "full", reason, listed: records.length, fetchedById: 0 };
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
    summary = { kind: "changes", reason: null, listed: changed.length, fetchedById: fetched.length };
  }
  const previous = state?.crmCursor ?? null;
  const atStart = twentyClockAtStart(request, newestChange(records), Date.now() - started);
  const clockAnchor =
    request.clockId && Number.isFinite(atStart) ? { server: iso(atStart)!, local: request.now.toISOString(), clockId: request.clockId } : (state?.clockAnchor ?? null);
  // Every change from here on is read next time, allowing for commit lag. A push does not write unknown Twenty
  // records into the sheet or state, so a later delta read must still see them: it leaves the cursor alone.
  const cursor: CrmRead["cursor"] =
    request.mode === "push"
      ? { crmCursor: previous, lastFullCompareAt: state?.lastFullCompareAt ?? null, clockAnchor }
      : {
          crmCursor: iso(Math.max(previous ? Date.parse(previous) : -Infinity, atStart - CURSOR_MARGIN_MS)),
          lastFullCompareAt: full ? request.now.toISOString() : (state?.lastFullCompareAt ?? null),
          clockAnchor,
        };
  return { records, delta, summary, cursor };
}
