/**
 * The record endpoints under `/rest` (twenty-api.md §2–§6): list, get, create, batch create, upsert,
 * update (one or by filter), delete (destroy or soft, one or by filter) and restore, with Twenty's envelopes.
 */
import { z } from "zod";
import { uniqueKey, fieldValue } from "./field-values";
import { compileFilter, mentionsDeletedAt, parseFilter } from "./filter";
import { assertUuid, badRequest, StubHttpError } from "./http-error";
import { parseDepth, parseFields, presentRecords, runListQuery, type SortCache } from "./list-query";
import { recordBodySchema, type RecordBody, type StoredRecord } from "./record-input";
import type { StubStore } from "./store";
import { capitalize, OBJECTS_BY_PLURAL, WORKSPACE_OBJECTS, type ObjectDef } from "./workspace-schema";

export interface RecordRouteContext {
  store: StubStore;
  sortCache: SortCache;
  maxRecords: number;
}

export interface RouteResult {
  status: number;
  body: unknown;
  /** How many records the answer carries or the request wrote (for the request log). */
  records?: number;
}

function resolveObject(name: string): ObjectDef {
  const object = OBJECTS_BY_PLURAL.get(name);
  if (object) return object;
  const bySingular = WORKSPACE_OBJECTS.find((o) => o.nameSingular === name);
  if (bySingular) throw badRequest(`object '${name}' not found. Did you mean '${bySingular.namePlural}'?`);
  throw badRequest(`object '${name}' not found. eg: companies`);
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, expected: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(`Invalid request body: expected ${expected}`);
  return parsed.data;
}

function matchingRows(ctx: RecordRouteContext, object: ObjectDef, filterText: string | null, missingMessage: string): StoredRecord[] {
  if (!filterText || filterText.trim() === "") throw badRequest(missingMessage);
  const node = parseFilter(filterText);
  const predicate = compileFilter(object, node);
  return ctx.store.list(object.namePlural, { includeDeleted: mentionsDeletedAt(node) }).filter(predicate);
}

/** Upsert: match on id and every unique field (soft-deleted rows included); update the match or insert. */
function upsertOne(store: StubStore, object: ObjectDef, body: RecordBody): StoredRecord {
  const plural = object.namePlural;
  const matches = new Set<string>();
  if (typeof body.id === "string" && store.get(plural, body.id, { includeDeleted: true })) matches.add(body.id);
  for (const field of object.fields) {
    if (!field.unique || body[field.name] === undefined) continue;
    const key = uniqueKey(field, fieldValue(object, field, body[field.name], null));
    if (key !== null) for (const id of store.idsWithUniqueValue(plural, field.name, key)) matches.add(id);
  }
  if (matches.size > 1) {
    throw badRequest(`Multiple records found with the same unique field values for ${object.nameSingular} (ids ${[...matches].join(", ")}). Cannot determine which record to update.`, {
      code: "UPSERT_MULTIPLE_MATCHING_RECORDS_CONFLICT",
    });
  }
  const [matchId] = matches;
  if (matchId === undefined) return store.insert(plural, body);
  const { id: _id, ...patch } = body;
  const updated = store.update(plural, matchId, patch, { includeDeleted: true });
  return updated.deletedAt === null ? updated : store.restore(plural, matchId);
}

function createOne(store: StubStore, object: ObjectDef, body: RecordBody, upsert: boolean): StoredRecord {
  return upsert ? upsertOne(store, object, body) : store.insert(object.namePlural, body);
}

function present(ctx: RecordRouteContext, object: ObjectDef, rows: StoredRecord[], params: URLSearchParams): Record<string, unknown>[] {
  return presentRecords(ctx.store, object, rows, parseDepth(params.get("depth")), null);
}

function ids(rows: StoredRecord[]): { id: string }[] {
  return rows.map((r) => ({ id: r.id }));
}

export function handleRecordRequest(ctx: RecordRouteContext, method: string, segments: string[], params: URLSearchParams, body: unknown): RouteResult {
  const { store } = ctx;
  const upsert = params.get("upsert") === "true";

  if (segments[0] === "batch") {
    if (segments.length !== 2 || method !== "POST") throw badRequest(`Query path '/rest/${segments.join("/")}' invalid. Valid example: POST /rest/batch/companies`);
    const object = resolveObject(segments[1]);
    const rows = parseBody(z.array(recordBodySchema), body, "an array of records");
    if (rows.length > ctx.maxRecords) throw badRequest(`Maximum number of records to upsert is ${ctx.maxRecords}.`);
    const created = store.transaction(() => rows.map((row) => createOne(store, object, row, upsert)));
    return { status: 201, body: { data: { [`create${capitalize(object.namePlural)}`]: present(ctx, object, created, params) } }, records: created.length };
  }

  if (segments.length === 0 || segments.length > 3 || (segments.length === 3 && segments[2] !== "restore")) {
    throw badRequest(`Query path '/rest/${segments.join("/")}' invalid. Valid examples: /rest/companies/id or /rest/companies`);
  }
  const object = resolveObject(segments[0]);
  const plural = object.namePlural;
  const Singular = capitalize(object.nameSingular);
  const Plural = capitalize(plural);

  if (segments.length === 1 || (segments.length === 2 && segments[1] === "restore")) {
    const restoring = segments.length === 2;
    switch (`${method}${restoring ? " restore" : ""}`) {
      case "GET": {
        const page = runListQuery(store, ctx.sortCache, { plural, params, maxRecords: ctx.maxRecords });
        const records = presentRecords(store, object, page.records, parseDepth(params.get("depth")), parseFields(object, params.get("fields")));
        return { status: 200, body: { data: { [plural]: records }, totalCount: page.totalCount, pageInfo: page.pageInfo }, records: records.length };
      }
      case "POST": {
        const created = store.transaction(() => createOne(store, object, parseBody(recordBodySchema, body, "a record object"), upsert));
        return { status: 201, body: { data: { [`create${Singular}`]: present(ctx, object, [created], params)[0] } }, records: 1 };
      }
      case "PATCH":
      case "PUT": {
        const patch = parseBody(recordBodySchema, body ?? {}, "a record object");
        const rows = matchingRows(ctx, object, params.get("filter"), "Filter is required");
        if (rows.length > ctx.maxRecords) throw badRequest(`Maximum number of records to update is ${ctx.maxRecords}.`);
        const updated = store.transaction(() => rows.map((r) => store.update(plural, r.id, patch, { includeDeleted: true })));
        return { status: 200, body: { data: { [`update${Plural}`]: present(ctx, object, updated, params) } }, records: updated.length };
      }
      case "DELETE": {
        const soft = params.get("soft_delete") === "true";
        const matched = matchingRows(ctx, object, params.get("filter"), `Filters are mandatory for bulk ${soft ? "delete" : "destroy"} operations`);
        const rows = soft ? matched.filter((r) => r.deletedAt === null) : matched;
        store.transaction(() => (soft ? rows.forEach((r) => store.softDelete(plural, r.id)) : store.hardDeleteMany(plural, rows.map((r) => r.id))));
        return { status: 200, body: { data: { [`delete${Plural}`]: ids(rows) } }, records: rows.length };
      }
      case "PATCH restore": {
        const rows = matchingRows(ctx, object, params.get("filter"), "Filter is required").filter((r) => r.deletedAt !== null);
        const restored = store.transaction(() => rows.map((r) => store.restore(plural, r.id)));
        return { status: 200, body: { data: { [`restore${Plural}`]: present(ctx, object, restored, params) } }, records: restored.length };
      }
    }
    throw new StubHttpError(404, "NotFoundException", `Cannot ${method} /rest/${segments.join("/")}`);
  }

  const id = segments[1];
  assertUuid(id);
  const route = `${method}${segments.length === 3 ? " restore" : ""}`;
  switch (route) {
    case "GET": {
      const row = store.get(plural, id);
      if (!row) throw new StubHttpError(404, "NotFoundException", "Record not found");
      const [record] = presentRecords(store, object, [row], parseDepth(params.get("depth")), parseFields(object, params.get("fields")));
      return { status: 200, body: { data: { [object.nameSingular]: record } }, records: 1 };
    }
    case "PATCH":
    case "PUT": {
      const patch = parseBody(recordBodySchema, body ?? {}, "a record object");
      const updated = store.transaction(() => store.update(plural, id, patch));
      return { status: 200, body: { data: { [`update${Singular}`]: present(ctx, object, [updated], params)[0] } }, records: 1 };
    }
    case "DELETE": {
      const removed = params.get("soft_delete") === "true" ? store.softDelete(plural, id) : store.hardDelete(plural, id);
      return { status: 200, body: { data: { [`delete${Singular}`]: { id: removed.id } } }, records: 1 };
    }
    case "PATCH restore": {
      const restored = store.restore(plural, id);
      return { status: 200, body: { data: { [`restore${Singular}`]: present(ctx, object, [restored], params)[0] } }, records: 1 };
    }
  }
  throw new StubHttpError(404, "NotFoundException", `Cannot ${method} /rest/${segments.join("/")}`);
}
