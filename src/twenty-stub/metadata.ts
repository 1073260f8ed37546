/**
 * The metadata API (twenty-api.md §8): objects with inlined fields, fields on their own, id cursors,
 * limit default/max 1000, and both the legacy `data.objects` and the new bare response shapes.
 */
import { assertUuid, badRequest, StubHttpError } from "./http-error";
import { nameUuid } from "./prng";
import { OBJECTS_BY_PLURAL, type FieldDef, type ObjectDef } from "./workspace-schema";

export type MetadataFormat = "legacy" | "new";
const METADATA_MAX_LIMIT = 1000;
const CREATED_AT = "2026-01-05T09:00:00.000Z";

export const objectId = (object: ObjectDef): string => nameUuid(`object:${object.namePlural}`);
export const fieldId = (object: ObjectDef, field: FieldDef): string => nameUuid(`field:${object.namePlural}.${field.name}`);

function objectRef(object: ObjectDef) {
  return { id: objectId(object), nameSingular: object.nameSingular, namePlural: object.namePlural };
}

function relationMetadata(object: ObjectDef, field: FieldDef) {
  const relation = field.relation;
  if (!relation) return { relation: null, settings: null };
  const target = OBJECTS_BY_PLURAL.get(relation.target) as ObjectDef;
  const inverse = target.fields.find((f) => f.name === relation.inverseField) as FieldDef;
  return {
    relation: {
      type: relation.kind,
      sourceObjectMetadata: objectRef(object),
      sourceFieldMetadata: { id: fieldId(object, field), name: field.name },
      targetObjectMetadata: objectRef(target),
      targetFieldMetadata: { id: fieldId(target, inverse), name: inverse.name },
    },
    settings: relation.kind === "MANY_TO_ONE" ? { relationType: relation.kind, joinColumnName: relation.joinColumn, onDelete: "SET_NULL" } : { relationType: relation.kind },
  };
}

function metadataDefault(field: FieldDef): unknown {
  if (typeof field.defaultValue === "string") return `'${field.defaultValue}'`;
  if (field.name === "id") return "uuid";
  if (field.name === "createdAt" || field.name === "updatedAt") return "now";
  return field.defaultValue ?? null;
}

export function fieldMetadata(object: ObjectDef, field: FieldDef): Record<string, unknown> {
  return {
    id: fieldId(object, field),
    objectMetadataId: objectId(object),
    type: field.type,
    name: field.name,
    label: field.label,
    description: null,
    icon: null,
    isCustom: field.isCustom ?? false,
    isActive: true,
    isSystem: field.isSystem ?? false,
    isNullable: field.isNullable,
    isUnique: field.unique !== undefined || field.name === "id",
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    defaultValue: metadataDefault(field),
    options: field.options ? field.options.map((o, position) => ({ id: nameUuid(`option:${object.namePlural}.${field.name}.${o.value}`), ...o, position })) : null,
    ...(field.morphId ? { morphId: nameUuid(`morph:${field.morphId}`) } : {}),
    ...relationMetadata(object, field),
  };
}

export function objectMetadata(object: ObjectDef): Record<string, unknown> {
  const labelField = object.fields.find((f) => f.name === object.labelIdentifier) as FieldDef;
  return {
    id: objectId(object),
    dataSourceId: nameUuid("data-source"),
    nameSingular: object.nameSingular,
    namePlural: object.namePlural,
    labelSingular: object.labelSingular,
    labelPlural: object.labelPlural,
    description: null,
    icon: object.icon,
    isCustom: object.isCustom,
    isActive: true,
    isSystem: object.isSystem ?? false,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    labelIdentifierFieldMetadataId: fieldId(object, labelField),
    imageIdentifierFieldMetadataId: null,
    fields: object.fields.map((f) => fieldMetadata(object, f)),
  };
}

function page(items: Record<string, unknown>[], params: URLSearchParams) {
  const rawLimit = params.get("limit");
  if (rawLimit !== null && !/^\d+$/.test(rawLimit)) throw badRequest(`limit '${rawLimit}' is invalid. Should be an integer`);
  const limit = Math.min(rawLimit === null ? METADATA_MAX_LIMIT : Number(rawLimit), METADATA_MAX_LIMIT);
  const after = params.get("starting_after");
  const before = params.get("ending_before");
  if (after && before) throw badRequest("starting_after and ending_before cannot be used together");
  for (const cursor of [after, before]) if (cursor) assertUuid(cursor);
  const sorted = [...items].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
  let start = 0;
  let end = Math.min(limit, sorted.length);
  if (after) {
    start = sorted.findIndex((i) => (i.id as string) > after);
    if (start === -1) start = sorted.length;
    end = Math.min(start + limit, sorted.length);
  } else if (before) {
    end = sorted.findIndex((i) => (i.id as string) >= before);
    if (end === -1) end = sorted.length;
    start = Math.max(0, end - limit);
  }
  const slice = sorted.slice(start, end);
  return {
    slice,
    totalCount: sorted.length,
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? (slice[0].id as string) : null,
      endCursor: slice.length > 0 ? (slice[slice.length - 1].id as string) : null,
    },
  };
}

/** Answers `GET /rest/metadata/{objects|fields}[/{id}]`; `segments` are the path parts after `metadata`. */
export function metadataResponse(objects: readonly ObjectDef[], segments: string[], params: URLSearchParams, format: MetadataFormat): unknown {
  const [kind, id, ...rest] = segments;
  if ((kind !== "objects" && kind !== "fields") || rest.length > 0) throw badRequest(`Query path '/rest/metadata/${segments.join("/")}' invalid. Valid examples: /rest/metadata/objects or /rest/metadata/fields/{id}`);
  const items = kind === "objects" ? objects.map(objectMetadata) : objects.flatMap((o) => o.fields.map((f) => fieldMetadata(o, f)));
  const singular = kind === "objects" ? "object" : "field";
  if (id !== undefined) {
    assertUuid(id);
    const item = items.find((i) => i.id === id);
    if (!item) throw new StubHttpError(404, "NotFoundException", `${singular === "object" ? "Object" : "Field"} metadata not found`);
    return format === "new" ? item : { data: { [singular]: item } };
  }
  const { slice, totalCount, pageInfo } = page(items, params);
  return format === "new" ? { data: slice, pageInfo, totalCount } : { data: { [kind]: slice }, pageInfo, totalCount };
}
