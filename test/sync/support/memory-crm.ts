/**
 * An in-memory CrmPort with Twenty's write semantics that matter to the engine: client-chosen ids, upsert by id,
 * partial composite updates, lower-cased emails, updatedAt bumped on every write, soft deletes (deletedAt) and
 * listing changes since a time or by id, batches with onBatch, and injectable failures (per record, or the whole call after N batches to simulate a crash).
 */
import { randomUUID } from "node:crypto";
import { SyncError } from "../../../src/sync/errors";
import type { CrmRecord, ObjectMetadata } from "../../../src/sync/metadata";
import type { CrmPort, ListRecordsOptions, WriteOptions, WriteOutcome } from "../../../src/sync/ports";

type Data = Record<string, unknown>;

export class MemoryCrm implements CrmPort {
  readonly records = new Map<string, Map<string, CrmRecord>>();
  batchSize = 2;
  /** Throws a NETWORK_ERROR once this many write batches have landed (null = never). */
  crashAfterBatches: number | null = null;
  /** Returns a reason to reject one record of a write. */
  reject: ((object: string, data: Data) => string | null) | null = null;
  calls = { create: 0, update: 0, delete: 0, list: 0 };
  private batchesLanded = 0;
  private clock: number;

  constructor(readonly objects: ObjectMetadata[], startTime = Date.parse("2025-01-01T00:00:00.000Z")) {
    this.clock = startTime;
    for (const o of objects) this.records.set(o.namePlural, new Map());
  }

  /** Twenty's clock, for a test machine whose clock agrees with it. */
  now(): Date {
    return new Date(this.clock);
  }

  /** Time passing in Twenty between syncs. */
  advance(ms: number): void {
    this.clock += ms;
  }

  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  store(object: string): Map<string, CrmRecord> {
    const store = this.records.get(object);
    if (!store) throw new Error(`unknown object ${object}`);
    return store;
  }

  /** Live records (soft-deleted ones stay in the store, as in Twenty's trash). */
  all(object: string): CrmRecord[] {
    return [...this.store(object).values()].filter((r) => !r.deletedAt).map((r) => structuredClone(r));
  }

  get(object: string, id: string): CrmRecord | undefined {
    const r = this.store(object).get(id);
    return r && !r.deletedAt ? structuredClone(r) : undefined;
  }

  /** Deleting in Twenty's UI: the record goes to the trash (soft delete). */
  trash(object: string, id: string): void {
    const existing = this.store(object).get(id);
    if (!existing) throw new Error(`no ${object} ${id}`);
    this.store(object).set(id, { ...existing, deletedAt: this.tick() });
  }

  /** Emptying the trash (or a hard delete through the API): the record is gone without a trace. */
  destroy(object: string, id: string): void {
    this.store(object).delete(id);
  }

  /** A change made by someone in Twenty's UI. */
  edit(object: string, id: string, data: Data): void {
    const existing = this.store(object).get(id);
    if (!existing) throw new Error(`no ${object} ${id}`);
    this.store(object).set(id, { ...merge(existing, normalise(data)), updatedAt: this.tick() } as CrmRecord);
  }

  seed(object: string, data: Data): CrmRecord {
    const id = typeof data.id === "string" ? data.id : randomUUID();
    const now = this.tick();
    const record = { ...normalise(data), id, createdAt: now, updatedAt: now, deletedAt: null, createdBy: { source: "MANUAL", name: "Ann Admin" } } as CrmRecord;
    this.store(object).set(id, record);
    return structuredClone(record);
  }

  async listObjects(): Promise<ObjectMetadata[]> {
    return structuredClone(this.objects);
  }

  async listRecords(object: string, options: ListRecordsOptions = {}): Promise<CrmRecord[]> {
    this.calls.list++;
    const since = options.changedSince;
    const wanted = options.ids && new Set(options.ids);
    const list = [...this.store(object).values()]
      .filter((r) => (since ? r.updatedAt! >= since || (!!r.deletedAt && r.deletedAt >= since) : !r.deletedAt))
      .filter((r) => !wanted || (wanted.has(r.id) && !r.deletedAt))
      .map((r) => structuredClone(r));
    options.onProgress?.(list.length, list.length);
    return list;
  }

  private async batches<T>(items: T[], options: WriteOptions, write: (item: T) => CrmRecord | string): Promise<WriteOutcome> {
    const total: WriteOutcome = { succeeded: [], failed: [] };
    for (let start = 0; start < items.length; start += this.batchSize) {
      if (options.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
      if (this.crashAfterBatches !== null && this.batchesLanded >= this.crashAfterBatches) {
        throw new SyncError("NETWORK_ERROR", "connection reset (simulated crash)");
      }
      const outcome: WriteOutcome = { succeeded: [], failed: [] };
      items.slice(start, start + this.batchSize).forEach((item, offset) => {
        const index = start + offset;
        const result = write(item);
        if (typeof result === "string") outcome.failed.push({ index, error: { code: "VALIDATION_ERROR", message: result, isRetryable: false, status: 400 } });
        else outcome.succeeded.push({ index, record: structuredClone(result) });
      });
      this.batchesLanded++;
      total.succeeded.push(...outcome.succeeded);
      total.failed.push(...outcome.failed);
      await options.onBatch?.(outcome);
    }
    return total;
  }

  async createRecords(object: string, records: Data[], options: WriteOptions & { upsert?: boolean } = {}): Promise<WriteOutcome> {
    this.calls.create++;
    const store = this.store(object);
    return this.batches(records, options, (data) => {
      const reason = this.reject?.(object, data) ?? null;
      if (reason) return reason;
      const email = (data.emails as Data | undefined)?.primaryEmail;
      const sameEmail = typeof email === "string" ? [...store.values()].filter((r) => !r.deletedAt).find((r) => (r.emails as Data | undefined)?.primaryEmail === email.toLowerCase()) : undefined;
      if (sameEmail && !options.upsert) return "Duplicate email";
      // Upsert matches on id, then on the unique primary email (as Twenty does for people).
      const id = options.upsert && sameEmail && !store.has(String(data.id)) ? sameEmail.id : typeof data.id === "string" ? data.id : randomUUID();
      const existing = store.get(id);
      if (existing && !options.upsert) return "Record already exists";
      const now = this.tick();
      // An upsert onto a trashed record restores it, as Twenty's withDeleted() lookup does.
      const record = existing
        ? ({ ...merge(existing, normalise(data)), id, updatedAt: now, deletedAt: null } as CrmRecord)
        : ({ ...normalise(data), id, createdAt: now, updatedAt: now, deletedAt: null, createdBy: { source: "API", name: "Sync key" } } as CrmRecord);
      store.set(id, record);
      return record;
    });
  }

  async updateRecords(object: string, updates: { id: string; data: Data }[], options: WriteOptions = {}): Promise<WriteOutcome> {
    this.calls.update++;
    const store = this.store(object);
    return this.batches(updates, options, ({ id, data }) => {
      const existing = store.get(id);
      if (!existing || existing.deletedAt) return "Record not found";
      const reason = this.reject?.(object, data) ?? null;
      if (reason) return reason;
      const record = { ...merge(existing, normalise(data)), updatedAt: this.tick() } as CrmRecord;
      store.set(id, record);
      return record;
    });
  }

  async deleteRecords(object: string, ids: string[], options: WriteOptions & { soft?: boolean } = {}): Promise<WriteOutcome> {
    this.calls.delete++;
    const store = this.store(object);
    return this.batches(ids, options, (id) => {
      const existing = store.get(id);
      if (!existing || existing.deletedAt) return "Record not found";
      if (options.soft) store.set(id, { ...existing, deletedAt: this.tick() });
      else store.delete(id);
      return { id } as CrmRecord;
    });
  }
}

/** Partial update: composite objects merge sub-key by sub-key; anything else replaces. */
function merge(existing: Data, patch: Data): Data {
  const out: Data = { ...existing };
  for (const [key, value] of Object.entries(patch)) {
    const old = out[key];
    out[key] = value && typeof value === "object" && !Array.isArray(value) && old && typeof old === "object" && !Array.isArray(old) ? { ...old, ...value } : value;
  }
  return out;
}

/** Twenty lower-cases primary emails and stores empty text as null. */
function normalise(data: Data): Data {
  const out: Data = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "emails" && value && typeof value === "object") {
      const emails = { ...(value as Data) };
      if (typeof emails.primaryEmail === "string") emails.primaryEmail = emails.primaryEmail.toLowerCase();
      out[key] = emails;
    } else out[key] = value === "" ? null : value;
  }
  return out;
}
