/**
 * `GET /rest/{plural}`: parameter parsing (limit, cursors, order_by, filter, depth, fields) and keyset paging
 * over a sort order computed once per table version (twenty-api.md §2).
 */
import { z } from "zod";
import { compileFilter, mentionsDeletedAt, parseFilter } from "./filter";
import { badRequest } from "./http-error";
import type { StoredRecord } from "./record-input";
import type { StubStore } from "./store";
import { COMPOSITE_SUB_FIELDS, fieldByName, fieldForRecordKey, type ObjectDef } from "./workspace-schema";

export const DEFAULT_LIMIT = 60;
export const ORDER_DIRECTIONS = ["AscNullsFirst", "AscNullsLast", "DescNullsFirst", "DescNullsLast"] as const;
type Direction = (typeof ORDER_DIRECTIONS)[number];

interface OrderTerm {
  key: string;
  direction: Direction;
  read: (row: StoredRecord) => unknown;
}

export interface ListPage {
  records: StoredRecord[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function parseLimit(raw: string | null, maxRecords: number, defaultLimit = DEFAULT_LIMIT): number {
  if (raw === null) return Math.min(defaultLimit, maxRecords);
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`limit '${raw}' is invalid. Should be an integer`);
  return Math.min(Number(raw), maxRecords);
}

export function parseDepth(raw: string | null): 0 | 1 {
  if (raw === null) return 0;
  if (raw === "0" || raw === "1") return Number(raw) as 0 | 1;
  throw badRequest(`'depth=${raw}' parameter invalid. Allowed values are 0, 1`);
}

function parseOrderBy(object: ObjectDef, raw: string | null): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const item of raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : []) {
    const match = /^([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?(?:\[(\w+)\])?$/.exec(item);
    if (!match) throw badRequest(`'order_by' invalid for '${item}'. eg: ?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3`);
    const [, key, subField, rawDirection] = match;
    const direction = (rawDirection ?? "AscNullsFirst") as Direction;
    if (!ORDER_DIRECTIONS.includes(direction)) {
      throw badRequest(`'order_by' direction '${rawDirection}' invalid. Allowed values are '${ORDER_DIRECTIONS.join("', '")}'. eg: ?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3`);
    }
    const field = fieldForRecordKey(object, key);
    if (!field || field.relation?.kind === "ONE_TO_MANY" || field.type === "TS_VECTOR") throw badRequest(`field '${key}' does not exist in '${object.nameSingular}' object`);
    const subs = COMPOSITE_SUB_FIELDS[field.type];
    if (subs && !subField) throw badRequest(`'order_by' invalid: '${key}' is a composite field; order by one of its sub-fields, e.g. ${key}.${subs[0]}`);
    if (subField && !subs?.includes(subField)) throw badRequest(`'order_by' invalid: '${key}' has no sub-field '${subField}'`);
    const read = subField ? (row: StoredRecord) => (row[key] as Record<string, unknown> | null)?.[subField] ?? null : (row: StoredRecord) => row[key] ?? null;
    terms.push({ key: subField ? `${key}.${subField}` : key, direction, read });
  }
  if (!terms.some((t) => t.key === "id")) terms.push({ key: "id", direction: "AscNullsFirst", read: (row) => row.id });
  return terms;
}

function compareValues(a: unknown, b: unknown, direction: Direction): number {
  if (a === b) return 0;
  const nullsFirst = direction === "AscNullsFirst" || direction === "DescNullsFirst";
  if (a === null || a === "") {
    if (b === null || b === "") return 0;
    return nullsFirst ? -1 : 1;
  }
  if (b === null || b === "") return nullsFirst ? 1 : -1;
  const order = (a as string | number) < (b as string | number) ? -1 : (a as string | number) > (b as string | number) ? 1 : 0;
  return direction.startsWith("Asc") ? order : -order;
}

function compareKeys(terms: OrderTerm[], a: unknown[], b: unknown[]): number {
  for (let i = 0; i < terms.length; i++) {
    const c = compareValues(a[i], b[i], terms[i].direction);
    if (c !== 0) return c;
  }
  return 0;
}

const cursorSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

function encodeCursor(terms: OrderTerm[], row: StoredRecord): string {
  return Buffer.from(JSON.stringify(Object.fromEntries(terms.map((t) => [t.key, t.read(row)])))).toString("base64");
}

function decodeCursor(terms: OrderTerm[], cursor: string): unknown[] {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64").toString("utf8")));
  } catch {
    throw badRequest(`Invalid cursor: '${cursor}'`);
  }
  if (!terms.every((t) => t.key in parsed)) throw badRequest(`Invalid cursor: '${cursor}' does not match the requested order_by`);
  return terms.map((t) => parsed[t.key]);
}

/** First index whose key is greater than (or, with `inclusive`, equal to) the cursor: a binary search. */
function lowerBound(rows: StoredRecord[], terms: OrderTerm[], cursor: unknown[], inclusive: boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(terms, terms.map((t) => t.read(rows[mid])), cursor);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted rows are cached per table version, so paging through 100k records sorts once, not once per page. */
export class SortCache {
  private readonly entries = new Map<string, { version: number; rows: StoredRecord[] }>();

  sorted(store: StubStore, plural: string, terms: OrderTerm[], includeDeleted: boolean): StoredRecord[] {
    const key = `${plural}|${includeDeleted}|${terms.map((t) => `${t.key}[${t.direction}]`).join(",")}`;
    const version = store.version(plural);
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.rows;
    const keyed = store.list(plural, { includeDeleted }).map((row) => ({ row, key: terms.map((t) => t.read(row)) }));
    keyed.sort((a, b) => compareKeys(terms, a.key, b.key));
    const rows = keyed.map((k) => k.row);
    if (this.entries.size > 32) this.entries.clear();
    this.entries.set(key, { version, rows });
    return rows;
  }
}

export interface ListRequest {
  plural: string;
  params: URLSearchParams;
  maxRecords: number;
}

export function runListQuery(store: StubStore, cache: SortCache, request: ListRequest): ListPage {
  const object = store.objectDef(request.plural);
  const { params } = request;
  const limit = parseLimit(params.get("limit"), request.maxRecords);
  const terms = parseOrderBy(object, params.get("order_by"));
  const filterText = params.get("filter");
  const filterNode = filterText && filterText.trim() !== "" ? parseFilter(filterText) : null;
  const predicate = filterNode ? compileFilter(object, filterNode) : null;
  const includeDeleted = filterNode ? mentionsDeletedAt(filterNode) : false;
  const startingAfter = params.get("starting_after");
  const endingBefore = params.get("ending_before");
  if (startingAfter && endingBefore) throw badRequest("Cannot use both starting_after and ending_before");

  const sorted = cache.sorted(store, request.plural, terms, includeDeleted);
  const matched = predicate ? sorted.filter(predicate) : sorted;
  let start = 0;
  let end = Math.min(limit, matched.length);
  if (startingAfter) {
    start = lowerBound(matched, terms, decodeCursor(terms, startingAfter), false);
    end = Math.min(start + limit, matched.length);
  } else if (endingBefore) {
    end = lowerBound(matched, terms, decodeCursor(terms, endingBefore), true);
    start = Math.max(0, end - limit);
  }
  const records = matched.slice(start, end);
  const backward = Boolean(endingBefore);
  return {
    records,
    totalCount: matched.length,
    pageInfo: {
      hasNextPage: !backward && end < matched.length,
      hasPreviousPage: backward && start > 0,
      startCursor: records.length > 0 ? encodeCursor(terms, records[0]) : null,
      endCursor: records.length > 0 ? encodeCursor(terms, records[records.length - 1]) : null,
    },
  };
}

/** The `fields` projection: record keys to keep, or null for all. Relation names keep their join column. */
export function parseFields(object: ObjectDef, raw: string | null): Set<string> | null {
  if (raw === null || raw.trim() === "") return null;
  const keep = new Set(["id"]);
  for (const name of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const field = fieldByName(object, name) ?? fieldForRecordKey(object, name);
    if (!field || field.type === "TS_VECTOR") throw badRequest(`field '${name}' does not exist in '${object.nameSingular}' object`);
    keep.add(field.name);
    if (field.relation?.kind === "MANY_TO_ONE") keep.add(field.relation.joinColumn);
  }
  return keep;
}

/** A stored row as the API shows it: at depth 1 with many-to-one records and one-to-many arrays embedded. */
export function presentRecords(store: StubStore, object: ObjectDef, rows: StoredRecord[], depth: 0 | 1, fields: Set<string> | null): Record<string, unknown>[] {
  const shown = rows.map((row) => flat(row));
  if (depth === 1) {
    for (const field of object.fields) {
      const relation = field.relation;
      if (!relation || (fields && !fields.has(field.name))) continue;
      if (relation.kind === "MANY_TO_ONE") {
        shown.forEach((out, i) => {
          const id = rows[i][relation.joinColumn] as string | null;
          const target = id ? store.get(relation.target, id) : undefined;
          out[field.name] = target ? flat(target) : null;
        });
      } else {
        const joinColumn = (fieldByName(store.objectDef(relation.target), relation.inverseField)?.relation as { joinColumn: string }).joinColumn;
        const byParent = new Map<string, Record<string, unknown>[]>(rows.map((r) => [r.id, []]));
        for (const child of store.list(relation.target)) byParent.get(child[joinColumn] as string)?.push(flat(child));
        shown.forEach((out, i) => (out[field.name] = byParent.get(rows[i].id) ?? []));
      }
    }
  }
  if (!fields) return shown;
  return shown.map((out) => Object.fromEntries(Object.entries(out).filter(([k]) => fields.has(k))));
}

function flat(row: StoredRecord): Record<string, unknown> {
  const { searchVector: _searchVector, ...rest } = row;
  return rest;
}
