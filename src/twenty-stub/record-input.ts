/**
 * Turns a client's record body into the stored record: unknown keys refused, server fields filled,
 * composites merged sub-field by sub-field on update (twenty-api.md §4, §5, §10).
 */
import { z } from "zod";
import { defaultValue, fieldValue } from "./field-values";
import { assertUuid, badRequest } from "./http-error";
import { fieldForRecordKey, type ObjectDef } from "./workspace-schema";

export type StoredRecord = Record<string, unknown> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  position: number;
};

export const recordBodySchema = z.record(z.string(), z.unknown());
export type RecordBody = z.infer<typeof recordBodySchema>;

export interface WriteContext {
  now: string;
  /** Throws when a join column points at no existing record (Postgres foreign key). */
  checkReference(targetPlural: string, id: string, column: string): void;
}

export const API_ACTOR = Object.freeze({ source: "API", workspaceMemberId: null, name: "Twenty stub API key", context: Object.freeze({}) });

function applyKey(object: ObjectDef, row: Record<string, unknown>, key: string, value: unknown, context: WriteContext): void {
  const field = fieldForRecordKey(object, key);
  if (!field) throw badRequest(`Object ${object.nameSingular} doesn't have any "${key}" field.`);
  if (field.serverManaged || key === "id") return;
  if (field.relation?.kind === "ONE_TO_MANY") {
    throw badRequest(`Field "${key}" of ${object.nameSingular} is a one-to-many relation; write the join column on ${field.relation.target} instead.`);
  }
  if (field.relation?.kind === "MANY_TO_ONE") {
    if (value !== null) {
      if (typeof value !== "string") throw badRequest(`Invalid value ${JSON.stringify(value)} for field "${key}": expected a UUID or null`);
      assertUuid(value);
      context.checkReference(field.relation.target, value, key);
    }
    row[key] = value;
    return;
  }
  row[key] = fieldValue(object, field, value, row[key]);
}

/** A new record from a create body; `id` and `createdAt` may be supplied, every other field gets its default. */
export function createdRecord(object: ObjectDef, body: RecordBody, id: string, position: number, context: WriteContext): StoredRecord {
  const row: Record<string, unknown> = { id };
  for (const field of object.fields) {
    if (field.relation?.kind === "MANY_TO_ONE") row[field.relation.joinColumn] = null;
    else if (!field.relation && !field.serverManaged && field.name !== "id") row[field.name] = defaultValue(field);
  }
  row.createdBy = API_ACTOR;
  row.position = position;
  for (const key in body) {
    const value = body[key];
    if (value === undefined || key === "createdAt") continue;
    applyKey(object, row, key, value, context);
  }
  row.createdAt = body.createdAt === undefined ? context.now : fieldValue(object, CREATED_AT_FIELD, body.createdAt, null);
  row.updatedAt = context.now;
  row.deletedAt = null;
  row.updatedBy = API_ACTOR;
  row.searchVector = null;
  return row as StoredRecord;
}

const CREATED_AT_FIELD = { name: "createdAt", label: "Creation date", type: "DATE_TIME", isNullable: false } as const;

/** The record after a partial update: only the keys sent change; `id` and `createdBy` are kept. */
export function updatedRecord(object: ObjectDef, current: StoredRecord, body: RecordBody, context: WriteContext): StoredRecord {
  if (typeof body.id === "string" && body.id !== current.id) throw badRequest(`The id of a record cannot be changed (${current.id} → ${body.id})`);
  const row: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || key === "createdBy" || key === "createdAt") continue;
    applyKey(object, row, key, value, context);
  }
  row.updatedAt = context.now;
  row.updatedBy = API_ACTOR;
  return row as StoredRecord;
}
