/**
 * Per-object sync state (the Unison "archive"): for each record the flat column values both sides agreed on after
 * the last sync, plus client-chosen ids of creates that may not have landed yet. Stored as versioned JSON text.
 *
 * Version 2 is columnar (one array per attribute, each record's base as compact JSON text) because a workspace can
 * hold 100k records: the envelope is checked with zod on load, and a record's base is decoded and checked only when
 * the planner needs it. Rows and records unchanged since an agreed sync never need theirs. Version 1 is read and
 * migrated.
 */
import { z } from "zod";
import { SyncError } from "../errors";
import { HIDDEN_KEYS } from "../../workbook-layout/layout";
import type { SheetPort } from "../ports";
import { canonicalSchema, type Canonical } from "../fields/values";

export interface RecordState {
  /** Canonical value per writable column both sides held after the last sync. */
  readonly base: Record<string, Canonical>;
  readonly crmUpdatedAt: string | null;
  /** Fingerprint of the row's mapped cells as last written or read; tells whether the row was edited since. */
  readonly fingerprint: string;
  readonly syncedAt: string;
  /**
   * Both sides held exactly `base` after the last sync (nothing held back by the mode, no conflict, no formula in the
   * way): while the row's fingerprint, the record's updatedAt and the mapping stay the same, there is nothing to compare.
   */
  readonly agreed: boolean;
}

export const clockAnchorSchema = z.object({
  /** A time Twenty's clock had at least reached… */
  server: z.string(),
  /** …when this machine's clock read this. */
  local: z.string(),
  /** Which machine: another machine's clock says nothing about this one's. */
  clockId: z.string(),
});
export type ClockAnchor = z.infer<typeof clockAnchorSchema>;

export const pendingCreateSchema = z.object({ rowNumber: z.number().int(), createdAt: z.string() });
export type PendingCreate = z.infer<typeof pendingCreateSchema>;

export interface ObjectState {
  object: string;
  lastSyncAt: string | null;
  /** Signature of the column mapping the records were compared under (null: unknown, nothing is skipped). */
  mappingSignature: string | null;
  /**
   * Twenty's clock: every record changed before this time is in `records` as last seen (null: unknown). The next
   * sync then reads only what changed since, instead of listing every record.
   */
  crmCursor: string | null;
  /** When every record was last listed (soft deletes show up in a delta read; hard deletes only in a full one). */
  lastFullCompareAt: string | null;
  /** What Twenty's clock read at least, at a moment of one machine's clock (see read-crm). */
  clockAnchor: ClockAnchor | null;
  records: Map<string, RecordState>;
  /** Ids written into sheet rows before their create was sent: on a re-run they are created (upserted), never duplicated. */
  pendingCreates: Record<string, PendingCreate>;
  /** Ids whose stored base turned out unreadable when it was needed; they were compared as if never synced. */
  damagedRecords: string[];
}

const baseSchema = z.union([z.array(canonicalSchema), z.record(z.string(), canonicalSchema)]);

/** A record loaded from version 2: its base stays JSON text until something reads it. */
class StoredRecord implements RecordState {
  private decoded: Record<string, Canonical> | null = null;

  constructor(
    readonly fingerprint: string,
    readonly crmUpdatedAt: string | null,
    readonly syncedAt: string,
    readonly agreed: boolean,
    /** An array aligned with `columns`, or an object keyed by header. */
    readonly baseText: string,
    readonly columns: readonly string[],
    private readonly onDamaged: () => void,
  ) {}

  get base(): Record<string, Canonical> {
    if (this.decoded === null) this.decoded = this.decode();
    return this.decoded;
  }

  with(changes: Partial<Pick<RecordState, "syncedAt" | "agreed">>): StoredRecord {
    const copy = new StoredRecord(
      this.fingerprint,
      this.crmUpdatedAt,
      changes.syncedAt ?? this.syncedAt,
      changes.agreed ?? this.agreed,
      this.baseText,
      this.columns,
      this.onDamaged,
    );
    copy.decoded = this.decoded;
    return copy;
  }

  private decode(): Record<string, Canonical> {
    let parsed: z.infer<typeof baseSchema>;
    try {
      const result = baseSchema.safeParse(JSON.parse(this.baseText));
      if (!result.success || (Array.isArray(result.data) && result.data.length !== this.columns.length)) throw new Error("bad base");
      parsed = result.data;
    } catch {
      this.onDamaged();
      return {};
    }
    if (!Array.isArray(parsed)) return parsed;
    const base: Record<string, Canonical> = {};
    this.columns.forEach((header, i) => (base[header] = parsed[i]));
    return base;
  }
}

/** The record with a new sync time or agreement flag (a loaded record keeps its base undecoded). */
export function updatedRecord(record: RecordState, changes: Partial<Pick<RecordState, "syncedAt" | "agreed">>): RecordState {
  if (record instanceof StoredRecord) return record.with(changes);
  return { ...record, ...changes };
}

const storedV1Schema = z.object({
  version: z.literal(1),
  object: z.string(),
  lastSyncAt: z.string().nullable(),
  records: z.record(
    z.string(),
    z.object({ base: z.record(z.string(), canonicalSchema), crmUpdatedAt: z.string().nullable(), fingerprint: z.string(), syncedAt: z.string() }),
  ),
  pendingCreates: z.record(z.string(), pendingCreateSchema),
});

const storedRecordsSchema = z
  .object({
    ids: z.array(z.string()),
    fingerprints: z.array(z.string()),
    crmUpdatedAt: z.array(z.string().nullable()),
    /** null: the object's lastSyncAt. */
    syncedAt: z.array(z.string().nullable()),
    /** One character per record: "1" agreed, "0" not. */
    agreed: z.string().regex(/^[01]*$/),
    bases: z.array(z.string()),
  })
  .refine(
    (r) => [r.fingerprints.length, r.crmUpdatedAt.length, r.syncedAt.length, r.agreed.length, r.bases.length].every((n) => n === r.ids.length),
    { message: "record columns differ in length" },
  );

export const storedObjectStateSchema = z.object({
  version: z.literal(2),
  object: z.string(),
  lastSyncAt: z.string().nullable(),
  mappingSignature: z.string().nullable(),
  crmCursor: z.string().nullable(),
  lastFullCompareAt: z.string().nullable(),
  clockAnchor: clockAnchorSchema.nullable(),
  /** Headers that the array form of a record's base follows. */
  columns: z.array(z.string()),
  records: storedRecordsSchema,
  pendingCreates: z.record(z.string(), pendingCreateSchema),
});
type StoredObjectState = z.infer<typeof storedObjectStateSchema>;

export const STATE_VERSION = 2 as const;

export function emptyObjectState(object: string): ObjectState {
  return { object, lastSyncAt: null, mappingSignature: null, crmCursor: null, lastFullCompareAt: null, clockAnchor: null, records: new Map(), pendingCreates: {}, damagedRecords: [] };
}

/** `state` is null when there is none or it cannot be trusted; `warning` then says why (a full compare follows). */
export interface LoadedState {
  state: ObjectState | null;
  warning: string | null;
}

function fromV2(stored: StoredObjectState): ObjectState {
  const state = emptyObjectState(stored.object);
  state.lastSyncAt = stored.lastSyncAt;
  state.mappingSignature = stored.mappingSignature;
  state.crmCursor = stored.crmCursor;
  state.lastFullCompareAt = stored.lastFullCompareAt;
  state.clockAnchor = stored.clockAnchor;
  state.pendingCreates = stored.pendingCreates;
  const { ids, fingerprints, crmUpdatedAt, syncedAt, agreed, bases } = stored.records;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const onDamaged = () => state.damagedRecords.push(id);
    const record = new StoredRecord(fingerprints[i]!, crmUpdatedAt[i]!, syncedAt[i] ?? stored.lastSyncAt ?? "", agreed[i] === "1", bases[i]!, stored.columns, onDamaged);
    state.records.set(id, record);
  }
  return state;
}

function fromV1(stored: z.infer<typeof storedV1Schema>): ObjectState {
  const state = emptyObjectState(stored.object);
  state.lastSyncAt = stored.lastSyncAt;
  state.pendingCreates = stored.pendingCreates;
  for (const [id, r] of Object.entries(stored.records)) state.records.set(id, { ...r, agreed: false });
  return state;
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
  if (typeof version === "number" && version > STATE_VERSION) return distrust(`was written by a newer version of Twenty Sync (state version ${version})`);
  const parsed = version === 1 ? storedV1Schema.safeParse(json) : storedObjectStateSchema.safeParse(json);
  if (!parsed.success) return distrust(`is not in the expected format (${parsed.error.issues[0]?.path.join(".") || "root"}: ${parsed.error.issues[0]?.message})`);
  if (parsed.data.object !== object) return distrust(`belongs to another object ("${parsed.data.object}")`);
  return { state: parsed.data.version === 1 ? fromV1(parsed.data) : fromV2(parsed.data), warning: null };
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

/** Base text per record; a loaded record whose columns match keeps its text as it was. */
function baseEncoder(columns: readonly string[]): (record: RecordState) => string {
  const matches = new Map<readonly string[], boolean>();
  const sameColumns = (other: readonly string[]) => {
    let same = matches.get(other);
    if (same === undefined) matches.set(other, (same = other.length === columns.length && other.every((h, i) => h === columns[i])));
    return same;
  };
  return (record) => {
    if (record instanceof StoredRecord && sameColumns(record.columns)) return record.baseText;
    const base = record.base;
    const aligned = Object.keys(base).length === columns.length && columns.every((h) => h in base);
    return JSON.stringify(aligned ? columns.map((h) => base[h]) : base);
  };
}

/**
 * The stored text of a state. `columns` are the writable headers of the mapping the state was made under; bases
 * that hold exactly these are stored as arrays.
 */
export function encodeObjectState(state: ObjectState, columns: readonly string[]): string {
  const records: StoredObjectState["records"] = { ids: [], fingerprints: [], crmUpdatedAt: [], syncedAt: [], agreed: "", bases: [] };
  const agreed: string[] = [];
  const encodeBase = baseEncoder(columns);
  for (const [id, record] of state.records) {
    records.ids.push(id);
    records.fingerprints.push(record.fingerprint);
    records.crmUpdatedAt.push(record.crmUpdatedAt);
    records.syncedAt.push(record.syncedAt === state.lastSyncAt ? null : record.syncedAt);
    agreed.push(record.agreed ? "1" : "0");
    records.bases.push(encodeBase(record));
  }
  records.agreed = agreed.join("");
  const stored: StoredObjectState = {
    version: STATE_VERSION,
    object: state.object,
    lastSyncAt: state.lastSyncAt,
    mappingSignature: state.mappingSignature,
    crmCursor: state.crmCursor,
    lastFullCompareAt: state.lastFullCompareAt,
    clockAnchor: state.clockAnchor,
    columns: [...columns],
    records,
    pendingCreates: state.pendingCreates,
  };
  return JSON.stringify(storedObjectStateSchema.parse(stored));
}

export async function saveObjectState(sheet: SheetPort, state: ObjectState, columns: readonly string[]): Promise<void> {
  await sheet.writeHidden(HIDDEN_KEYS.objectState(state.object), encodeObjectState(state, columns));
}
