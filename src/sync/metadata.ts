import { z } from "zod";

/** Twenty's FieldMetadataType values (twenty-api.md §9), plus older names still served by some servers. */
export const FIELD_TYPES = [
  "UUID",
  "TEXT",
  "PHONES",
  "EMAILS",
  "DATE_TIME",
  "DATE",
  "BOOLEAN",
  "NUMBER",
  "NUMERIC",
  "LINKS",
  "CURRENCY",
  "FULL_NAME",
  "RATING",
  "SELECT",
  "MULTI_SELECT",
  "RELATION",
  "MORPH_RELATION",
  "POSITION",
  "ADDRESS",
  "RAW_JSON",
  "RICH_TEXT",
  "RICH_TEXT_V2",
  "ACTOR",
  "ARRAY",
  "TS_VECTOR",
  "FILES",
] as const;

export const fieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const selectOptionSchema = z.looseObject({
  value: z.string(),
  label: z.string(),
  color: z.string().nullish(),
  position: z.number().nullish(),
});
export type SelectOption = z.infer<typeof selectOptionSchema>;

export const fieldMetadataSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  label: z.string(),
  /** Unknown future types are kept as strings so one new type never breaks the whole object list. */
  type: z.union([fieldTypeSchema, z.string()]),
  description: z.string().nullish(),
  isCustom: z.boolean().nullish(),
  isActive: z.boolean().nullish(),
  isSystem: z.boolean().nullish(),
  isNullable: z.boolean().nullish(),
  isUnique: z.boolean().nullish(),
  defaultValue: z.unknown().optional(),
  options: z.array(selectOptionSchema).nullish(),
  settings: z.record(z.string(), z.unknown()).nullish(),
  relation: z.unknown().optional(),
});
export type FieldMetadata = z.infer<typeof fieldMetadataSchema>;

export const objectMetadataSchema = z.looseObject({
  id: z.string().optional(),
  nameSingular: z.string(),
  namePlural: z.string(),
  labelSingular: z.string(),
  labelPlural: z.string(),
  description: z.string().nullish(),
  icon: z.string().nullish(),
  isCustom: z.boolean().nullish(),
  isActive: z.boolean().nullish(),
  isSystem: z.boolean().nullish(),
  labelIdentifierFieldMetadataId: z.string().nullish(),
  fields: z.array(fieldMetadataSchema),
});
export type ObjectMetadata = z.infer<typeof objectMetadataSchema>;

/** A CRM record as Twenty returns it: an id, timestamps, and field values (composites as nested objects). */
export const crmRecordSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  deletedAt: z.string().nullish(),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;
