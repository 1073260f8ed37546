/**
 * Validation and normalisation of field values written through the API, the way Twenty's ORM and Postgres
 * would accept or refuse them (twenty-api.md §4, §5, §7, §9). Every refusal is a 400 naming field and reason.
 */
import { z } from "zod";
import { badRequest, isUuid } from "./http-error";
import { ACTOR_SOURCES, COMPOSITE_SUB_FIELDS, RATING_VALUES, type FieldDef, type ObjectDef } from "./workspace-schema";

type Json = unknown;
type Composite = Record<string, Json>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const numberLike = z.union([z.number().refine(Number.isFinite), z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/).transform(Number)]);
const stringArray = z.array(z.string());
const secondaryLinks = z.array(z.looseObject({ url: z.string(), label: z.string().nullish() }));
const additionalPhones = z.array(z.looseObject({ number: z.string(), countryCode: z.string().nullish(), callingCode: z.string().nullish() }));
const files = z.array(z.looseObject({ fileId: z.string().optional(), label: z.string().optional(), extension: z.string().optional() }));

function invalid(field: FieldDef, value: unknown, expected: string): never {
  throw badRequest(`Invalid value ${JSON.stringify(value)} for field "${field.name}" (${field.type}): expected ${expected}`);
}

function enumName(object: ObjectDef, field: FieldDef): string {
  return `${object.nameSingular}_${field.name}_enum`;
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Twenty compares link URLs without a trailing slash; a bare host keeps its case-insensitive form lower-cased. */
export function normaliseLinkUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, "");
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(trimmed);
  const rest = scheme ? trimmed.slice(scheme[0].length) : trimmed;
  const slash = rest.indexOf("/");
  const host = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "" : rest.slice(slash);
  return `${scheme ? scheme[0].toLowerCase() : ""}${host.toLowerCase()}${path}`;
}

function checkEmail(field: FieldDef, raw: string): string {
  const email = normaliseEmail(raw);
  if (email !== "" && !EMAIL_PATTERN.test(email)) throw badRequest(`Invalid email "${raw}" for field "${field.name}"`);
  return email;
}

function compositeText(field: FieldDef, sub: string, value: unknown): string {
  if (value === null) return "";
  if (typeof value !== "string") invalid(field, value, `a string for sub-field "${sub}"`);
  return value;
}

function subFieldValue(object: ObjectDef, field: FieldDef, sub: string, value: unknown): Json {
  switch (`${field.type}.${sub}`) {
    case "EMAILS.primaryEmail":
      return checkEmail(field, compositeText(field, sub, value));
    case "EMAILS.additionalEmails": {
      if (value === null) return null;
      const parsed = stringArray.safeParse(value);
      if (!parsed.success) return invalid(field, value, "an array of emails for additionalEmails");
      return parsed.data.map((e) => checkEmail(field, e));
    }
    case "LINKS.primaryLinkUrl":
      return normaliseLinkUrl(compositeText(field, sub, value));
    case "LINKS.secondaryLinks":
      if (value === null) return null;
      if (!secondaryLinks.safeParse(value).success) return invalid(field, value, "an array of {url, label} for secondaryLinks");
      return value;
    case "PHONES.additionalPhones":
      if (value === null) return null;
      if (!additionalPhones.safeParse(value).success) return invalid(field, value, "an array of {number, countryCode, callingCode}");
      return value;
    case "CURRENCY.amountMicros":
    case "ADDRESS.addressLat":
    case "ADDRESS.addressLng": {
      if (value === null || value === "") return null;
      const parsed = numberLike.safeParse(value);
      return parsed.success ? parsed.data : invalid(field, value, `a number for sub-field "${sub}"`);
    }
    case "ACTOR.source": {
      if (typeof value !== "string" || !ACTOR_SOURCES.includes(value)) throw badRequest(`invalid input value for enum ${enumName(object, field)}_source: ${JSON.stringify(value)}`);
      return value;
    }
    case "ACTOR.workspaceMemberId":
      if (value !== null && (typeof value !== "string" || !isUuid(value))) invalid(field, value, "a UUID for workspaceMemberId");
      return value;
    case "ACTOR.context":
      return value;
    default:
      return compositeText(field, sub, value);
  }
}

const emptyComposites = new Map<string, Readonly<Composite>>();

/**
 * A field's value on a new record. Empty composites are shared frozen objects: stored records are replaced,
 * never mutated, so sharing keeps a 100k-record workspace small.
 */
export function defaultValue(field: FieldDef): Json {
  const subs = COMPOSITE_SUB_FIELDS[field.type];
  if (subs) {
    const key = `${field.type}:${field.name}`;
    let empty = emptyComposites.get(key);
    if (!empty) {
      empty = Object.freeze(Object.fromEntries(subs.map((sub) => [sub, emptySubField(field, sub)])));
      emptyComposites.set(key, empty);
    }
    return empty;
  }
  if (field.defaultValue !== undefined) return field.defaultValue;
  return null;
}

function emptySubField(field: FieldDef, sub: string): Json {
  if (["additionalEmails", "secondaryLinks", "additionalPhones", "amountMicros", "addressLat", "addressLng", "workspaceMemberId", "context"].includes(sub)) {
    return null;
  }
  if (field.type === "RICH_TEXT_V2") return null;
  return "";
}

function markdownToBlocknote(markdown: string): string {
  return JSON.stringify(
    markdown.split(/\n{2,}/).map((paragraph, i) => ({ id: `p${i}`, type: "paragraph", content: [{ type: "text", text: paragraph, styles: {} }], children: [] })),
  );
}

function compositeValue(object: ObjectDef, field: FieldDef, value: unknown, base: Json): Json {
  if (value === null) return defaultValue(field);
  if (typeof value !== "object" || Array.isArray(value)) return invalid(field, value, "an object with its sub-fields");
  const subs = COMPOSITE_SUB_FIELDS[field.type] ?? [];
  const result: Composite = { ...((base as Composite | null) ?? (defaultValue(field) as Composite)) };
  for (const [sub, subValue] of Object.entries(value)) {
    if (!subs.includes(sub)) throw badRequest(`Sub-field "${sub}" does not exist on composite field "${field.name}" (${field.type}); allowed: ${subs.join(", ")}`);
    if (subValue !== undefined) result[sub] = subFieldValue(object, field, sub, subValue);
  }
  if (field.type === "RICH_TEXT_V2" && "markdown" in value && !("blocknote" in value)) {
    result.blocknote = typeof result.markdown === "string" ? markdownToBlocknote(result.markdown) : null;
  }
  return result;
}

function optionValue(object: ObjectDef, field: FieldDef, value: unknown): string {
  const allowed = field.type === "RATING" && !field.options ? RATING_VALUES : (field.options ?? []).map((o) => o.value);
  if (typeof value !== "string" || !allowed.includes(value)) throw badRequest(`invalid input value for enum ${enumName(object, field)}: ${JSON.stringify(value)}`);
  return value;
}

function scalarValue(object: ObjectDef, field: FieldDef, value: unknown): Json {
  if (value === null) return null;
  switch (field.type) {
    case "TEXT":
    case "RICH_TEXT":
      if (typeof value !== "string") return invalid(field, value, "a string");
      return value === "" ? null : value;
    case "NUMBER":
    case "NUMERIC":
    case "POSITION": {
      const parsed = numberLike.safeParse(value);
      if (!parsed.success) throw badRequest(`invalid input syntax for type ${field.type === "NUMERIC" ? "numeric" : "double precision"}: ${JSON.stringify(value)} (field "${field.name}")`);
      return parsed.data;
    }
    case "BOOLEAN":
      if (typeof value !== "boolean") throw badRequest(`invalid input syntax for type boolean: ${JSON.stringify(value)} (field "${field.name}")`);
      return value;
    case "DATE_TIME": {
      const time = typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
      if (Number.isNaN(time)) throw badRequest(`invalid input syntax for type timestamp with time zone: ${JSON.stringify(value)} (field "${field.name}")`);
      return new Date(time).toISOString();
    }
    case "DATE": {
      const match = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(value) : null;
      const day = match?.[1];
      if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
        throw badRequest(`invalid input syntax for type date: ${JSON.stringify(value)} (field "${field.name}")`);
      }
      return day;
    }
    case "SELECT":
    case "RATING":
      return optionValue(object, field, value);
    case "MULTI_SELECT":
      if (!Array.isArray(value)) return invalid(field, value, "an array of option values");
      return value.map((v) => optionValue(object, field, v));
    case "ARRAY": {
      const parsed = stringArray.safeParse(value);
      return parsed.success ? parsed.data : invalid(field, value, "an array of strings");
    }
    case "FILES":
      return files.safeParse(value).success ? value : invalid(field, value, "an array of file descriptors");
    case "RAW_JSON":
      return value;
    default:
      return invalid(field, value, "a value the API can write");
  }
}

/**
 * The stored value for `value` written to `field`. `base` is the current stored value on update, so that a
 * composite keeps the sub-fields the client did not send (twenty-api.md §5 partial semantics).
 */
export function fieldValue(object: ObjectDef, field: FieldDef, value: unknown, base: Json): Json {
  const stored = COMPOSITE_SUB_FIELDS[field.type] ? compositeValue(object, field, value, base) : scalarValue(object, field, value);
  if (stored === null && !field.isNullable) {
    throw badRequest(`null value in column "${field.name}" of relation "${object.nameSingular}" violates not-null constraint`);
  }
  return stored;
}

/** The value a unique index sees for this field, or null when the field does not take part. */
export function uniqueKey(field: FieldDef, stored: Json): string | null {
  if (!field.unique) return null;
  const raw = field.unique.subField ? (stored as Composite | null)?.[field.unique.subField] : stored;
  if (typeof raw !== "string" || raw === "") return null;
  return raw;
}
