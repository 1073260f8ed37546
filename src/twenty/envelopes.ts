/**
 * zod schemas of Twenty's REST response envelopes (twenty-api.md §2–§8). Items reuse the engine's
 * metadata and record schemas; only the wrapping is described here.
 */
import { z } from "zod";
import { crmRecordSchema, objectMetadataSchema } from "../sync/metadata";

export const pageInfoSchema = z.looseObject({
  hasNextPage: z.boolean(),
  hasPreviousPage: z.boolean().optional(),
  startCursor: z.string().nullish(),
  endCursor: z.string().nullish(),
});

/** `{ data: { [plural]: [...] }, totalCount, pageInfo }` */
export function recordListSchema(plural: string) {
  return z.looseObject({
    data: z.looseObject({ [plural]: z.array(crmRecordSchema) }),
    totalCount: z.number().int().nonnegative().nullish(),
    pageInfo: pageInfoSchema,
  });
}

/** `{ data: { <key>: record } }` where the key is known (`createPeople`) or the only one present (`person`). */
function singleKeyData<T extends z.ZodType>(item: T, key?: string) {
  if (key)
    return z.looseObject({ data: z.looseObject({ [key]: item }) }).transform((body) => body.data[key] as z.output<T>);
  return z
    .looseObject({
      data: z.record(z.string(), z.unknown()).refine((data) => Object.keys(data).length === 1, {
        message: "expected exactly one entry under data",
      }),
    })
    .transform((body) => Object.values(body.data)[0])
    .pipe(item);
}

/** GET one / POST one / PATCH one: `data.<singular>`, `data.create<Singular>`, `data.update<Singular>`. */
export const singleRecordEnvelope = singleKeyData(crmRecordSchema);

/** POST /rest/batch/{plural}: `data.create<Plural>`, records in request order. */
export function batchCreateEnvelope(plural: string) {
  return singleKeyData(z.array(crmRecordSchema), `create${capitalize(plural)}`);
}

/** DELETE /rest/{plural}/{id}: `data.delete<Singular>` → `{ id }`. */
export const deletedOneEnvelope = singleKeyData(z.looseObject({ id: z.string() }));

/** Bulk delete / bulk restore: `data.delete<Plural>` or `data.restore<Plural>` → `[{ id }]`. */
export function bulkIdsEnvelope(verb: "delete" | "restore", plural: string) {
  return singleKeyData(z.array(z.looseObject({ id: z.string() })), `${verb}${capitalize(plural)}`);
}

/** Metadata object list in both formats: legacy `data.objects` and new bare `data[]`. */
export const objectMetadataListSchema = z.looseObject({
  data: z.union([z.array(objectMetadataSchema), z.looseObject({ objects: z.array(objectMetadataSchema) })]),
  pageInfo: pageInfoSchema.partial().optional(),
  totalCount: z.number().int().nonnegative().nullish(),
});

export function objectsOf(body: z.output<typeof objectMetadataListSchema>) {
  return Array.isArray(body.data) ? body.data : body.data.objects;
}

export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
