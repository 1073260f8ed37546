/** Object metadata shaped like Twenty's metadata API, and helpers to build settings and run syncs. */
import { objectMetadataSchema, type ObjectMetadata } from "../../../src/sync/metadata";
import { objectMappingSchema, workbookSettingsSchema, type WorkbookSettings } from "../../../src/sync/settings";

const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ id: `f-${name}`, name, label: name, type, isActive: true, ...extra });
const system = (name: string, type: string) => field(name, type, { isSystem: true });
const baseFields = [system("id", "UUID"), system("createdAt", "DATE_TIME"), system("updatedAt", "DATE_TIME"), system("deletedAt", "DATE_TIME"), field("createdBy", "ACTOR"), system("position", "POSITION"), system("searchVector", "TS_VECTOR")];

export const people: ObjectMetadata = objectMetadataSchema.parse({
  nameSingular: "person",
  namePlural: "people",
  labelSingular: "Person",
  labelPlural: "People",
  labelIdentifierFieldMetadataId: "f-name",
  fields: [
    ...baseFields,
    field("name", "FULL_NAME"),
    field("emails", "EMAILS"),
    field("linkedinLink", "LINKS"),
    field("jobTitle", "TEXT"),
    field("phones", "PHONES"),
    field("city", "TEXT"),
    field("company", "RELATION", { settings: { relationType: "MANY_TO_ONE", joinColumnName: "companyId" } }),
    field("noteTargets", "RELATION", { settings: { relationType: "ONE_TO_MANY" } }),
  ],
});

export const companies: ObjectMetadata = objectMetadataSchema.parse({
  nameSingular: "company",
  namePlural: "companies",
  labelSingular: "Company",
  labelPlural: "Companies",
  fields: [
    ...baseFields,
    field("name", "TEXT"),
    field("domainName", "LINKS"),
    field("employees", "NUMBER"),
    field("annualRecurringRevenue", "CURRENCY"),
    field("address", "ADDRESS"),
    field("idealCustomerProfile", "BOOLEAN"),
    field("linkedinLink", "LINKS"),
    field("people", "RELATION", { settings: { relationType: "ONE_TO_MANY" } }),
  ],
});

export const STAGES = [
  { value: "NEW", label: "New" },
  { value: "SCREENING", label: "Screening" },
  { value: "MEETING", label: "Meeting" },
];

/** One field of every synced type. */
export const gadgets: ObjectMetadata = objectMetadataSchema.parse({
  nameSingular: "gadget",
  namePlural: "gadgets",
  labelSingular: "Gadget",
  labelPlural: "Gadgets",
  fields: [
    ...baseFields,
    field("name", "TEXT"),
    field("serial", "UUID"),
    field("launchedAt", "DATE_TIME"),
    field("releaseDate", "DATE"),
    field("active", "BOOLEAN"),
    field("weight", "NUMBER"),
    field("ratio", "NUMERIC"),
    field("price", "CURRENCY"),
    field("owner", "FULL_NAME"),
    field("emails", "EMAILS"),
    field("phones", "PHONES"),
    field("site", "LINKS"),
    field("address", "ADDRESS"),
    field("score", "RATING"),
    field("stage", "SELECT", { options: STAGES }),
    field("tags", "MULTI_SELECT", { options: [{ value: "RED", label: "Red" }, { value: "BLUE", label: "Blue" }, { value: "GREEN", label: "Green" }] }),
    field("aliases", "ARRAY"),
    field("specs", "RAW_JSON"),
    field("bodyV2", "RICH_TEXT_V2"),
    field("maker", "RELATION", { settings: { relationType: "MANY_TO_ONE", joinColumnName: "makerId" } }),
  ],
});

export function settingsFor(mappings: Record<string, unknown>[], extra: Record<string, unknown> = {}): WorkbookSettings {
  return workbookSettingsSchema.parse({ version: 1, objects: mappings.map((m) => objectMappingSchema.parse(m)), ...extra });
}

export const FIXED_NOW = new Date("2025-06-01T12:00:00.000Z");

/** Deterministic ids for new rows. */
export function idSequence(prefix = "aaaaaaaa-0000-4000-8000-"): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(12, "0")}`;
}
