import { randomUUID } from "crypto";
import type { CrmRecord, ObjectMetadata } from "../../src/sync/metadata";
import type { CrmPort, WriteOptions, WriteOutcome } from "../../src/sync/ports";

export interface MemoryCrm extends CrmPort {
  records: Map<string, Map<string, CrmRecord>>;
}

/**
 * A CrmPort held in memory (soft deletes, delta and by-id listing as Twenty), for the engine benchmark only: it takes HTTP and the client out of the
 * measurement so the plan's own cost can be compared with a floor that reads the same data once.
 */
export function createMemoryCrm(objects: ObjectMetadata[], data: Record<string, CrmRecord[]>, clock: () => Date = () => new Date()): MemoryCrm {
  const records = new Map(objects.map((o) => [o.namePlural, new Map((data[o.namePlural] ?? []).map((r) => [r.id, r]))]));
  const store = (plural: string) => {
    const table = records.get(plural);
    if (!table) throw new Error(`unknown object ${plural}`);
    return table;
  };
  /** Applies a whole write as one batch, reported through `onBatch` as the port contract asks. */
  const each = async <T>(items: T[], options: WriteOptions | undefined, write: (item: T) => CrmRecord): Promise<WriteOutcome> => {
    const outcome: WriteOutcome = { succeeded: [], failed: [] };
    items.forEach((item, index) => {
      try {
        outcome.succeeded.push({ index, record: write(item) });
      } catch (error) {
        outcome.failed.push({ index, error: { code: "NOT_FOUND", message: (error as Error).message, isRetryable: false } });
      }
    });
    await options?.onBatch?.(outcome);
    return outcome;
  };
  return {
    records,
    listObjects: async () => objects,
    listRecords: async (plural, options = {}) => {
      const since = options.changedSince;
      const wanted = options.ids && new Set(options.ids);
      return [...store(plural).values()].filter((r) =>
        wanted ? wanted.has(r.id) && !r.deletedAt : since ? r.updatedAt! >= since || (!!r.deletedAt && r.deletedAt >= since) : !r.deletedAt,
      );
    },
    createRecords: (plural, input, options) =>
      each(input, options, (fields) => {
        const now = clock().toISOString();
        const record: CrmRecord = { ...fields, id: typeof fields.id === "string" ? fields.id : randomUUID(), createdAt: now, updatedAt: now };
        store(plural).set(record.id, record);
        return record;
      }),
    updateRecords: (plural, updates, options) =>
      each(updates, options, ({ id, data: patch }) => {
        const current = store(plural).get(id);
        if (!current || current.deletedAt) throw new Error(`record ${id} not found`);
        const merged: CrmRecord = { ...current, updatedAt: clock().toISOString() };
        for (const [key, value] of Object.entries(patch)) {
          const old = merged[key];
          merged[key] = value && typeof value === "object" && old && typeof old === "object" ? { ...old, ...value } : value;
        }
        store(plural).set(id, merged);
        return merged;
      }),
    deleteRecords: (plural, ids, options) =>
      each(ids, options, (id) => {
        const current = store(plural).get(id);
        if (!current || current.deletedAt) throw new Error(`record ${id} not found`);
        if (options?.soft) store(plural).set(id, { ...current, deletedAt: clock().toISOString() });
        else store(plural).delete(id);
        return current;
      }),
  };
}
