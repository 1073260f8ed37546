/**
 * The "CRM side" panel edits a record the way someone in Twenty would: these helpers flatten a record into the
 * fields a person can type into, and turn an edit back into a partial update (composite sub-keys only).
 */
import type { CrmRecord } from "../sync/metadata";

export type EditableValue = string | number | boolean | null;

export interface EditableField {
  /** Dot path: `name`, `emails.primaryEmail`, `annualRecurringRevenue.amountMicros`. */
  path: string;
  value: EditableValue;
}

/** Managed by Twenty itself; never edited by hand. */
const SYSTEM_FIELDS = new Set([
  "id",
  "createdAt",
  "updatedAt",
  "deletedAt",
  "createdBy",
  "updatedBy",
  "position",
  "searchVector",
]);

const isScalar = (value: unknown): value is EditableValue =>
  value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";

export function editableFields(record: CrmRecord): EditableField[] {
  const fields: EditableField[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (SYSTEM_FIELDS.has(key) || key.endsWith("Id")) continue;
    if (isScalar(value)) fields.push({ path: key, value });
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        if (isScalar(subValue)) fields.push({ path: `${key}.${sub}`, value: subValue });
      }
    }
  }
  return fields;
}

/** A short label for a record in a list: its name (plain or first/last), else its id. */
export function recordLabel(record: CrmRecord): string {
  const name = (record as Record<string, unknown>).name;
  if (typeof name === "string" && name.trim()) return name;
  if (name && typeof name === "object") {
    const full = [(name as Record<string, unknown>).firstName, (name as Record<string, unknown>).lastName]
      .filter((part) => typeof part === "string" && part)
      .join(" ");
    if (full) return full;
  }
  const title = (record as Record<string, unknown>).title;
  return typeof title === "string" && title.trim() ? title : record.id;
}

/** Reads typed text back with the type the field had (numbers stay numbers, booleans booleans). */
export function typedInput(text: string, previous: EditableValue): EditableValue | { error: string } {
  if (typeof previous === "number") {
    if (text.trim() === "") return null;
    const number = Number(text);
    return Number.isFinite(number) ? number : { error: `"${text}" is not a number` };
  }
  if (typeof previous === "boolean") {
    if (/^(true|yes)$/i.test(text.trim())) return true;
    if (/^(false|no)$/i.test(text.trim())) return false;
    return { error: `"${text}" is not true or false` };
  }
  return text;
}

/** `emails.primaryEmail` = x → `{ emails: { primaryEmail: x } }`: only the edited sub-key is sent. */
export function partialUpdate(path: string, value: EditableValue): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  return rest.length === 0 ? { [head]: value } : { [head]: partialUpdate(rest.join("."), value) };
}
