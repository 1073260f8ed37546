/**
 * Which flat sheet columns an object offers: every Twenty field type mapped to one or more dot-named columns
 * (`name.firstName`, `annualRecurringRevenue.amountMicros`, `companyId`), each with a value kind.
 */
import type { FieldMetadata, ObjectMetadata, SelectOption } from "../metadata";

export type ValueKind =
  | "text"
  | "email"
  | "uuid"
  | "number"
  | "money"
  | "datetime"
  | "date"
  | "boolean"
  | "select"
  | "multiselect"
  | "emailList"
  | "stringList"
  | "json";

export interface FieldColumn {
  /** Sheet header and CRM path at once. */
  header: string;
  /** Top-level CRM key the value lives under (`name` for `name.firstName`, `companyId` for a relation). */
  fieldName: string;
  subField: string | null;
  fieldType: string;
  kind: ValueKind;
  readOnly: boolean;
  options: SelectOption[];
  /** Shown by default when a mapping lists no columns. */
  isDefault: boolean;
}

const READ_ONLY_FIELD_NAMES = new Set(["id", "createdAt", "updatedAt", "deletedAt", "createdBy", "updatedBy", "searchVector"]);
const DEPRECATED_FIELD_NAMES = new Set(["addressOld", "phone", "probability"]);
const RATING_OPTIONS: SelectOption[] = [1, 2, 3, 4, 5].map((n) => ({ value: `RATING_${n}`, label: String(n) }));

type SubFieldSpec = [name: string, kind: ValueKind, isDefault: boolean];

const COMPOSITES: Record<string, SubFieldSpec[]> = {
  FULL_NAME: [
    ["firstName", "text", true],
    ["lastName", "text", true],
  ],
  EMAILS: [
    ["primaryEmail", "email", true],
    ["additionalEmails", "emailList", false],
  ],
  PHONES: [
    ["primaryPhoneNumber", "text", true],
    ["primaryPhoneCountryCode", "text", false],
    ["primaryPhoneCallingCode", "text", false],
    ["additionalPhones", "json", false],
  ],
  LINKS: [
    ["primaryLinkUrl", "text", true],
    ["primaryLinkLabel", "text", false],
    ["secondaryLinks", "json", false],
  ],
  CURRENCY: [
    ["amountMicros", "money", true],
    ["currencyCode", "text", true],
  ],
  ADDRESS: [
    ["addressStreet1", "text", false],
    ["addressStreet2", "text", false],
    ["addressCity", "text", true],
    ["addressPostcode", "text", false],
    ["addressState", "text", false],
    ["addressCountry", "text", true],
    ["addressLat", "number", false],
    ["addressLng", "number", false],
  ],
  ACTOR: [
    ["source", "text", false],
    ["name", "text", false],
  ],
  RICH_TEXT_V2: [["markdown", "text", true]],
};

const SCALARS: Record<string, ValueKind> = {
  UUID: "uuid",
  TEXT: "text",
  RICH_TEXT: "text",
  DATE_TIME: "datetime",
  DATE: "date",
  BOOLEAN: "boolean",
  NUMBER: "number",
  NUMERIC: "number",
  POSITION: "number",
  RATING: "select",
  SELECT: "select",
  MULTI_SELECT: "multiselect",
  ARRAY: "stringList",
  RAW_JSON: "json",
};

/** Kinds that are awkward to edit in a cell; offered on request but not shown by default. */
const NOT_DEFAULT_TYPES = new Set(["RAW_JSON", "POSITION", "ACTOR"]);

/** Relation kind and join column across metadata generations: `settings` (current), `relation.type`, `relationDefinition.direction` (older). */
function relationInfo(field: FieldMetadata): { type: string | null; joinColumn: string } {
  const settings = field.settings ?? {};
  const relation = (field.relation ?? {}) as { type?: unknown };
  const definition = (field.relationDefinition ?? {}) as { direction?: unknown };
  const candidates = [settings.relationType, relation.type, definition.direction];
  const type = (candidates.find((c) => typeof c === "string") as string | undefined) ?? null;
  const joinColumn = typeof settings.joinColumnName === "string" ? settings.joinColumnName : `${field.name}Id`;
  return { type, joinColumn };
}

function fieldColumns(field: FieldMetadata): FieldColumn[] {
  const type = String(field.type);
  const readOnly = READ_ONLY_FIELD_NAMES.has(field.name) || type === "ACTOR";
  const isDefault = !readOnly && !field.isSystem && !DEPRECATED_FIELD_NAMES.has(field.name) && !NOT_DEFAULT_TYPES.has(type);
  const base = { fieldName: field.name, fieldType: type, readOnly, options: [] as SelectOption[] };

  const composite = COMPOSITES[type];
  if (composite) {
    return composite.map(([sub, kind, subDefault]) => ({
      ...base,
      header: `${field.name}.${sub}`,
      subField: sub,
      kind,
      isDefault: isDefault && subDefault,
    }));
  }
  if (type === "RELATION") {
    const { type: relationType, joinColumn } = relationInfo(field);
    if (relationType !== "MANY_TO_ONE") return [];
    return [{ ...base, header: joinColumn, fieldName: joinColumn, subField: null, kind: "uuid", isDefault }];
  }
  const kind = SCALARS[type];
  if (!kind) return []; // TS_VECTOR, FILES, MORPH_RELATION and unknown future types are not synced.
  const options = type === "RATING" && !field.options?.length ? RATING_OPTIONS : (field.options ?? []);
  return [{ ...base, header: field.name, subField: null, kind, options, isDefault }];
}

/** Every column the object offers, keyed by header, in metadata order. */
export function columnCatalog(meta: ObjectMetadata): Map<string, FieldColumn> {
  const catalog = new Map<string, FieldColumn>();
  for (const field of meta.fields) {
    if (field.isActive === false) continue;
    for (const column of fieldColumns(field)) if (!catalog.has(column.header)) catalog.set(column.header, column);
  }
  if (!catalog.has("id")) {
    catalog.set("id", { header: "id", fieldName: "id", subField: null, fieldType: "UUID", kind: "uuid", readOnly: true, options: [], isDefault: false });
  }
  return catalog;
}

export function labelIdentifierField(meta: ObjectMetadata): FieldMetadata | undefined {
  const byId = meta.labelIdentifierFieldMetadataId ? meta.fields.find((f) => f.id === meta.labelIdentifierFieldMetadataId) : undefined;
  return byId ?? meta.fields.find((f) => f.name === "name") ?? meta.fields.find((f) => f.name === "title");
}
