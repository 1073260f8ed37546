import type { CrmPort, ListRecordsOptions, WriteOptions, WriteOutcome } from "../sync/ports";
import type { CrmRecord, ObjectMetadata } from "../sync/metadata";
import { TwentyApiError } from "./api-error";
import { writeInChunks, type ItemResult } from "./chunked-writes";
import { parseTwentyConfig, type TwentyConfigInput } from "./config";
import { testConnection, type ConnectionTestResult } from "./connection-test";
import {
  batchCreateEnvelope,
  bulkIdsEnvelope,
  deletedOneEnvelope,
  objectMetadataListSchema,
  objectsOf,
  recordListSchema,
  singleRecordEnvelope,
} from "./envelopes";
import { ANY_DELETION_STATE, allOf, changedSince, idIn } from "./filters";
import { createRequestRunner } from "./request-runner";
import { parseResponse, type HttpRequest } from "./transport";

const IDS_PER_REQUEST = 100;

export interface TwentyListOptions extends ListRecordsOptions {
  /** Extra condition in Twenty's filter grammar, e.g. `name[ilike]:"%acme%"`; combined with the options above. */
  filter?: string;
  /** Twenty's `order_by`, e.g. `updatedAt[AscNullsFirst]`. */
  orderBy?: string;
  /** Records per page (default: the client's pageSize, 200). */
  limit?: number;
}

export interface UpdateOptions extends WriteOptions {
  /**
   * Ids known to exist in Twenty right now. Only these are updated through the batch upsert endpoint
   * (one request per batch); any other id gets its own PATCH, which answers "not found" instead of
   * re-creating a record someone deleted. Default: ids this client has itself listed, fetched or written.
   */
  knownIds?: ReadonlySet<string>;
}

export interface TwentyClient extends CrmPort {
  listRecords(objectPlural: string, options?: TwentyListOptions): Promise<CrmRecord[]>;
  getRecord(objectPlural: string, id: string, signal?: AbortSignal): Promise<CrmRecord>;
  createRecord(
    objectPlural: string,
    record: Record<string, unknown>,
    options?: { upsert?: boolean; signal?: AbortSignal },
  ): Promise<CrmRecord>;
  updateRecords(
    objectPlural: string,
    updates: { id: string; data: Record<string, unknown> }[],
    options?: UpdateOptions,
  ): Promise<WriteOutcome>;
  updateRecord(
    objectPlural: string,
    id: string,
    data: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<CrmRecord>;
  /** Soft delete by default (recoverable from Twenty's trash); `soft: false` destroys. Ids already gone count as deleted. */
  deleteRecords(
    objectPlural: string,
    ids: string[],
    options?: WriteOptions & { soft?: boolean },
  ): Promise<WriteOutcome>;
  /** Deletes one record with its own request (soft by default); a missing id is a NOT_FOUND error. */
  deleteRecord(objectPlural: string, id: string, options?: { soft?: boolean; signal?: AbortSignal }): Promise<void>;
  /** Brings soft-deleted records back; an id that is not in the trash fails with NOT_FOUND. */
  restoreRecords(objectPlural: string, ids: string[], options?: WriteOptions): Promise<WriteOutcome>;
  testConnection(signal?: AbortSignal): Promise<ConnectionTestResult>;
}

/** Creates the Twenty REST client (the only code that talks HTTP). Throws a VALIDATION_ERROR for bad settings. */
export function createTwentyClient(input: TwentyConfigInput): TwentyClient {
  const config = parseTwentyConfig(input);
  const { exchange, withRetries, call } = createRequestRunner(config);
  let batchSize = config.batchSize;
  const liveIds = new Map<string, Set<string>>();

  const idsOf = (plural: string) => {
    let ids = liveIds.get(plural);
    if (!ids) liveIds.set(plural, (ids = new Set()));
    return ids;
  };
  const remember = (plural: string, records: CrmRecord[]) => {
    const ids = idsOf(plural);
    for (const r of records) {
      if (r.deletedAt) ids.delete(r.id);
      else ids.add(r.id);
    }
  };

  const listPage = (plural: string, query: Record<string, string | undefined>, signal?: AbortSignal) =>
    call({ method: "GET", path: collectionPath(plural), query }, recordListSchema(plural), signal);

  /** The live records among `ids` (one request; ids ≤ the server page cap). */
  const findByIds = async (plural: string, ids: string[], signal?: AbortSignal): Promise<Map<string, CrmRecord>> => {
    const page = await parseResponse(
      recordListSchema(plural),
      await exchange(
        { method: "GET", path: collectionPath(plural), query: { filter: idIn(ids), limit: String(ids.length) } },
        signal,
      ),
      { method: "GET", path: collectionPath(plural) },
    );
    return new Map(page.data[plural].map((r) => [r.id, r]));
  };

  /**
   * One batch create. Records carry client-chosen ids, so after an ambiguous failure (timeout, dropped
   * connection) a plain create first asks which ids already landed and sends only the rest: no duplicates.
   * Upserts are idempotent and are simply sent again.
   */
  const createChunk = (plural: string, records: Record<string, unknown>[], upsert: boolean, signal?: AbortSignal) => {
    const request: HttpRequest = {
      method: "POST",
      path: `/rest/batch/${encodeURIComponent(plural)}`,
      query: { upsert: upsert ? "true" : undefined },
      body: records,
    };
    return withRetries(request, signal, async (n) => {
      const landed =
        n > 1 && !upsert ? await findByIds(plural, records.map(idOf), signal) : new Map<string, CrmRecord>();
      const pending = records.filter((r) => !landed.has(idOf(r)));
      if (pending.length > 0) {
        const sent = { ...request, body: pending };
        const created = parseResponse(batchCreateEnvelope(plural), await exchange(sent, signal), sent);
        if (created.length !== pending.length) {
          throw new TwentyApiError(
            "UNKNOWN",
            `Unexpected response from POST ${request.path}: ${created.length} records for ${pending.length} sent`,
            { method: "POST", path: request.path },
          );
        }
        pending.forEach((r, i) => landed.set(idOf(r), created[i]));
      }
      const results = records.map((r) => landed.get(idOf(r)) as CrmRecord);
      remember(plural, results);
      return results;
    });
  };

  const patchOne = async (plural: string, id: string, data: Record<string, unknown>, signal?: AbortSignal) => {
    const record = await call(
      { method: "PATCH", path: recordPath(plural, id), body: data },
      singleRecordEnvelope,
      signal,
    );
    remember(plural, [record]);
    return record;
  };

  /** Bulk delete or restore by filter; resolves with the ids the server reports as affected. */
  const bulkIds = (verb: "delete" | "restore", plural: string, filter: string, soft: boolean, signal?: AbortSignal) => {
    const request: HttpRequest =
      verb === "delete"
        ? { method: "DELETE", path: collectionPath(plural), query: { filter, soft_delete: soft ? "true" : undefined } }
        : { method: "PATCH", path: `${collectionPath(plural)}/restore`, query: { filter } };
    return call(request, bulkIdsEnvelope(verb, plural), signal).then((rows) => new Set(rows.map((r) => r.id)));
  };

  const client: TwentyClient = {
    async listObjects(signal) {
      const objects: ObjectMetadata[] = [];
      const path = "/rest/metadata/objects";
      for (let cursor: string | undefined; ;) {
        const page = await call(
          { method: "GET", path, query: { limit: "1000", starting_after: cursor } },
          objectMetadataListSchema,
          signal,
          config.metadataUsesRateLimit,
        );
        objects.push(...objectsOf(page));
        const next = page.pageInfo?.hasNextPage ? page.pageInfo.endCursor : undefined;
        if (!next) return objects;
        if (next === cursor) throw repeatingCursor("GET", path);
        cursor = next;
      }
    },

    async listRecords(plural, options = {}) {
      const filter = allOf([
        options.filter,
        options.changedSince === undefined ? undefined : changedSince(options.changedSince),
        options.includeDeleted ? ANY_DELETION_STATE : undefined,
      ]);
      const records: CrmRecord[] = [];
      const listAll = async (condition: string | undefined, total: number | null) => {
        const query = {
          limit: String(options.limit ?? config.pageSize),
          filter: condition,
          order_by: options.orderBy,
          fields: options.fields && options.fields.length > 0 ? options.fields.join(",") : undefined,
        };
        for (let cursor: string | undefined; ;) {
          const page = await listPage(plural, { ...query, starting_after: cursor }, options.signal);
          const rows = page.data[plural];
          records.push(...rows);
          remember(plural, rows);
          options.onProgress?.(records.length, total ?? page.totalCount ?? null);
          const next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
          if (!next || rows.length === 0) return;
          if (next === cursor) throw repeatingCursor("GET", collectionPath(plural));
          cursor = next;
        }
      };
      if (options.ids === undefined) await listAll(filter, null);
      else {
        // Ids travel in the URL: chunks keep it well under common 8 KB limits.
        const ids = [...new Set(options.ids)];
        for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
          await listAll(allOf([filter, idIn(ids.slice(start, start + IDS_PER_REQUEST))]), ids.length);
        }
      }
      return records;
    },

    async getRecord(plural, id, signal) {
      const record = await call({ method: "GET", path: recordPath(plural, id) }, singleRecordEnvelope, signal);
      remember(plural, [record]);
      return record;
    },

    async createRecord(plural, record, options = {}) {
      const [created] = await createChunk(plural, [withClientId(record)], options.upsert ?? false, options.signal);
      return created;
    },

    createRecords(plural, records, options = {}) {
      const upsert = options.upsert ?? false;
      return writeInChunks({
        items: records.map(withClientId),
        chunkSize: batchSize,
        onServerCap: (cap) => (batchSize = Math.min(batchSize, cap)),
        onBatch: options.onBatch,
        send: async (chunk) => (await createChunk(plural, chunk, upsert, options.signal)).map((record) => ({ record })),
      });
    },

    async updateRecords(plural, updates, options = {}) {
      const known = options.knownIds ?? idsOf(plural);
      const indexed = updates.map((update, index) => ({ update, index }));
      const batched = indexed.filter((x) => known.has(x.update.id));
      const single = indexed.filter((x) => !known.has(x.update.id));
      const remap =
        (part: typeof indexed) =>
        (outcome: WriteOutcome): WriteOutcome => ({
          succeeded: outcome.succeeded.map((s) => ({ ...s, index: part[s.index].index })),
          failed: outcome.failed.map((f) => ({ ...f, index: part[f.index].index })),
        });
      const onBatchOf = (part: typeof indexed) =>
        options.onBatch ? (o: WriteOutcome) => options.onBatch?.(remap(part)(o)) : undefined;

      const viaUpsert = await writeInChunks({
        items: batched.map((x) => ({ ...x.update.data, id: x.update.id })),
        chunkSize: batchSize,
        onServerCap: (cap) => (batchSize = Math.min(batchSize, cap)),
        onBatch: onBatchOf(batched),
        send: async (chunk) => (await createChunk(plural, chunk, true, options.signal)).map((record) => ({ record })),
      });
      const viaPatch = await writeInChunks({
        items: single.map((x) => x.update),
        chunkSize: 1,
        rowLevelCodes: ["VALIDATION_ERROR", "NOT_FOUND"],
        onBatch: onBatchOf(single),
        send: async ([u]) => [{ record: await patchOne(plural, u.id, u.data, options.signal) }],
      });
      const a = remap(batched)(viaUpsert);
      const b = remap(single)(viaPatch);
      return {
        succeeded: [...a.succeeded, ...b.succeeded].sort((x, y) => x.index - y.index),
        failed: [...a.failed, ...b.failed].sort((x, y) => x.index - y.index),
      };
    },

    updateRecord(plural, id, data, signal) {
      return patchOne(plural, id, data, signal);
    },

    deleteRecords(plural, ids, options = {}) {
      const soft = options.soft ?? true;
      return writeInChunks({
        items: ids,
        chunkSize: batchSize,
        onBatch: options.onBatch,
        send: async (chunk) => {
          // A hard delete also reaches records already in the trash.
          const filter = soft ? idIn(chunk) : allOf([idIn(chunk), ANY_DELETION_STATE]);
          await bulkIds("delete", plural, filter as string, soft, options.signal);
          const live = idsOf(plural);
          chunk.forEach((id) => live.delete(id));
          return chunk.map((id): ItemResult => ({ record: { id } }));
        },
      });
    },

    async deleteRecord(plural, id, options = {}) {
      const soft = options.soft ?? true;
      await call(
        { method: "DELETE", path: recordPath(plural, id), query: { soft_delete: soft ? "true" : undefined } },
        deletedOneEnvelope,
        options.signal,
      );
      idsOf(plural).delete(id);
    },

    restoreRecords(plural, ids, options = {}) {
      return writeInChunks({
        items: ids,
        chunkSize: batchSize,
        onBatch: options.onBatch,
        send: async (chunk) => {
          const filter = allOf([idIn(chunk), "deletedAt[is]:NOT_NULL"]) as string;
          const restored = await bulkIds("restore", plural, filter, false, options.signal);
          return chunk.map((id): ItemResult => {
            if (!restored.has(id)) {
              return { error: { code: "NOT_FOUND", message: "No deleted record with this id", isRetryable: false } };
            }
            idsOf(plural).add(id);
            return { record: { id } };
          });
        },
      });
    },

    testConnection(signal) {
      return testConnection({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        now: config.now ?? Date.now,
        probe: () =>
          exchange(
            { method: "GET", path: "/rest/metadata/objects", query: { limit: "1" } },
            signal,
            config.metadataUsesRateLimit,
          ).then((body) =>
            parseResponse(objectMetadataListSchema, body, { method: "GET", path: "/rest/metadata/objects" }),
          ),
      });
    },
  };
  return client;
}

function collectionPath(plural: string): string {
  return `/rest/${encodeURIComponent(plural)}`;
}

/** Ids come from sheet cells: encode them so a stray character cannot change the route. */
function recordPath(plural: string, id: string): string {
  return `${collectionPath(plural)}/${encodeURIComponent(id)}`;
}

function idOf(record: Record<string, unknown>): string {
  return record.id as string;
}

/** Gives a record a client-chosen UUID before its first send, so retries can recognise it. */
function withClientId(record: Record<string, unknown>): Record<string, unknown> {
  return typeof record.id === "string" && record.id !== "" ? record : { ...record, id: crypto.randomUUID() };
}

function repeatingCursor(method: string, path: string): TwentyApiError {
  return new TwentyApiError("UNKNOWN", `${method} ${path} returned the same page cursor twice; stopped paging`, {
    method,
    path,
  });
}
