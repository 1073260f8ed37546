/**
 * Twenty's REST `filter` grammar (twenty-api.md §2): leaves `field[comparator]:value` (dotted composite
 * sub-fields), `and(…)`/`or(…)`/`not(…)` nesting, and an implicit `and` when the text has no parentheses.
 */
import { badRequest } from "./http-error";
import type { StoredRecord } from "./record-input";
import { COMPOSITE_SUB_FIELDS, fieldForRecordKey, type FieldDef, type ObjectDef } from "./workspace-schema";

export const COMPARATORS = ["eq", "neq", "in", "containsAny", "is", "gt", "gte", "lt", "lte", "startsWith", "like", "ilike", "endsWith"] as const;
type Comparator = (typeof COMPARATORS)[number];

export type FilterNode =
  | { kind: "and" | "or"; children: FilterNode[] }
  | { kind: "not"; child: FilterNode }
  | { kind: "leaf"; source: string; path: string[]; comparator: Comparator; value: string };

/** Splits at commas that are outside quotes, parentheses and brackets. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function parseNode(text: string): FilterNode {
  const conjunction = /^(and|or|not)\(([\s\S]*)\)$/.exec(text);
  if (conjunction) {
    const children = splitTopLevel(conjunction[2]).map(parseNode);
    if (conjunction[1] === "not") {
      if (children.length !== 1) throw badRequest(`'filter' invalid. 'not' conjunction should contain only 1 condition. eg: not(field[eq]:1)`);
      return { kind: "not", child: children[0] };
    }
    if (children.length === 0) throw badRequest(`'filter' invalid for '${text}'. eg: price[gte]:10`);
    return { kind: conjunction[1] as "and" | "or", children };
  }
  const leaf = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)?)\[([A-Za-z]+)\]:([\s\S]*)$/.exec(text);
  if (!leaf || leaf[3] === "") throw badRequest(`'filter' invalid for '${text}'. eg: price[gte]:10`);
  if (!(COMPARATORS as readonly string[]).includes(leaf[2])) {
    throw badRequest(`'filter' invalid for '${text}', comparator ${leaf[2]} not in ${COMPARATORS.join(",")}`);
  }
  return { kind: "leaf", source: text, path: leaf[1].split("."), comparator: leaf[2] as Comparator, value: leaf[3].trim() };
}

export function parseFilter(text: string): FilterNode {
  const trimmed = text.trim();
  const withConjunction = trimmed.includes("(") && trimmed.includes(")") ? trimmed : `and(${trimmed})`;
  return parseNode(withConjunction);
}

/** True when the filter mentions `deletedAt`, which makes Twenty include soft-deleted rows. */
export function mentionsDeletedAt(node: FilterNode): boolean {
  if (node.kind === "leaf") return node.path[0] === "deletedAt";
  if (node.kind === "not") return mentionsDeletedAt(node.child);
  return node.children.some(mentionsDeletedAt);
}

function unquote(raw: string): string {
  const t = raw.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
}

type Scalar = string | number | boolean;
type ValueKind = "number" | "boolean" | "string" | "array";

function valueKind(field: FieldDef, subField: string | undefined): ValueKind {
  if (subField) return ["amountMicros", "addressLat", "addressLng"].includes(subField) ? "number" : "string";
  if (["NUMBER", "NUMERIC", "POSITION"].includes(field.type)) return "number";
  if (field.type === "BOOLEAN") return "boolean";
  if (["MULTI_SELECT", "ARRAY"].includes(field.type)) return "array";
  return "string";
}

function coerce(leaf: Extract<FilterNode, { kind: "leaf" }>, kind: ValueKind, field: FieldDef, raw: string): Scalar {
  const text = unquote(raw);
  if (kind === "number") {
    const n = Number(text);
    if (text === "" || Number.isNaN(n)) throw badRequest(`'filter' invalid for '${leaf.source}': ${JSON.stringify(text)} is not a number`);
    return n;
  }
  if (kind === "boolean") {
    if (text !== "true" && text !== "false") throw badRequest(`'filter' invalid for '${leaf.source}': ${JSON.stringify(text)} is not a boolean`);
    return text === "true";
  }
  if (field.type === "DATE_TIME") {
    const time = Date.parse(text);
    if (Number.isNaN(time)) throw badRequest(`'filter' invalid for '${leaf.source}': ${JSON.stringify(text)} is not a date`);
    return new Date(time).toISOString();
  }
  return text;
}

function listValues(leaf: Extract<FilterNode, { kind: "leaf" }>): string[] {
  const match = /^\[([\s\S]*)\]$/.exec(leaf.value);
  if (!match) throw badRequest(`'filter' invalid for '${leaf.source}'. '${leaf.comparator}' expects a list of values. eg: id[in]:["id-1","id-2"]`);
  return splitTopLevel(match[1]);
}

function likeRegExp(pattern: string, flags: string): RegExp {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, "[\\s\\S]*").replace(/_/g, "[\\s\\S]");
  return new RegExp(`^${source}$`, flags);
}

type Predicate = (row: StoredRecord) => boolean;

function compileLeaf(object: ObjectDef, leaf: Extract<FilterNode, { kind: "leaf" }>): Predicate {
  const [key, subField] = leaf.path;
  const field = fieldForRecordKey(object, key);
  if (!field || field.relation?.kind === "ONE_TO_MANY" || field.type === "TS_VECTOR") throw badRequest(`field '${key}' does not exist in '${object.nameSingular}' object`);
  const subs = COMPOSITE_SUB_FIELDS[field.type];
  if (subs && (!subField || !subs.includes(subField))) {
    throw badRequest(`'filter' invalid for '${leaf.source}': composite field '${key}' needs one of its sub-fields (${subs.map((s) => `${key}.${s}`).join(", ")})`);
  }
  if (!subs && subField) throw badRequest(`'filter' invalid for '${leaf.source}': '${key}' has no sub-field '${subField}'`);
  const read = subField ? (row: StoredRecord) => (row[key] as Record<string, unknown> | null)?.[subField] ?? null : (row: StoredRecord) => row[key] ?? null;
  const kind = valueKind(field, subField);
  const scalarKind = kind === "array" ? "string" : kind;

  switch (leaf.comparator) {
    case "is": {
      const v = unquote(leaf.value);
      if (v !== "NULL" && v !== "NOT_NULL") throw badRequest(`'filter' invalid for '${leaf.source}'. 'is' accepts NULL or NOT_NULL`);
      return v === "NULL" ? (row) => read(row) === null : (row) => read(row) !== null;
    }
    case "in": {
      const values = new Set(listValues(leaf).map((v) => coerce(leaf, scalarKind, field, v)));
      return (row) => values.has(read(row) as Scalar);
    }
    case "containsAny": {
      const values = new Set(listValues(leaf).map((v) => coerce(leaf, scalarKind, field, v)));
      return (row) => {
        const value = read(row);
        return Array.isArray(value) ? value.some((v) => values.has(v as Scalar)) : values.has(value as Scalar);
      };
    }
    case "like":
    case "ilike": {
      const re = likeRegExp(unquote(leaf.value), leaf.comparator === "ilike" ? "i" : "");
      return (row) => {
        const value = read(row);
        return value !== null && re.test(String(value));
      };
    }
    case "startsWith":
    case "endsWith": {
      const text = unquote(leaf.value);
      return (row) => {
        const value = read(row);
        return typeof value === "string" && (leaf.comparator === "startsWith" ? value.startsWith(text) : value.endsWith(text));
      };
    }
    default: {
      const target = coerce(leaf, scalarKind, field, leaf.value);
      const compare = { eq: (a: Scalar) => a === target, neq: (a: Scalar) => a !== target, gt: (a: Scalar) => a > target, gte: (a: Scalar) => a >= target, lt: (a: Scalar) => a < target, lte: (a: Scalar) => a <= target }[leaf.comparator];
      // SQL semantics: a comparison with NULL is never true.
      return (row) => {
        const value = read(row);
        return value !== null && !Array.isArray(value) && compare(value as Scalar);
      };
    }
  }
}

export function compileFilter(object: ObjectDef, node: FilterNode): Predicate {
  switch (node.kind) {
    case "leaf":
      return compileLeaf(object, node);
    case "not": {
      const child = compileFilter(object, node.child);
      return (row) => !child(row);
    }
    case "and": {
      const children = node.children.map((c) => compileFilter(object, c));
      return (row) => children.every((c) => c(row));
    }
    case "or": {
      const children = node.children.map((c) => compileFilter(object, c));
      return (row) => children.some((c) => c(row));
    }
  }
}
