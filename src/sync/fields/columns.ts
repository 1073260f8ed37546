/** Default column sets, column specs for the adapters, and resolving a mapping's columns against metadata. */
import type { ObjectMetadata } from "../metadata";
import type { ColumnFormat, ColumnSpec } from "../ports";
import type { ColumnMapping } from "../settings";
import { columnCatalog, labelIdentifierField, type FieldColumn, type ValueKind } from "./catalog";
import { toCell } from "./values";

const FORMATS: Record<ValueKind, ColumnFormat> = {
  text: "text",
  email: "text",
  uuid: "text",
  number: "number",
  money: "money",
  datetime: "datetime",
  date: "date",
  boolean: "boolean",
  select: "text",
  multiselect: "text",
  emailList: "text",
  stringList: "text",
  json: "text",
};

function mapping(column: string): ColumnMapping {
  return { column, transforms: [], clearWhenEmpty: false };
}

/** `id` first, then the label identifier, then user-facing writable fields in metadata order, then `updatedAt` (read-only). */
export function defaultColumns(meta: ObjectMetadata): ColumnMapping[] {
  const catalog = [...columnCatalog(meta).values()];
  const label = labelIdentifierField(meta);
  const headers = ["id"];
  const add = (h: string) => {
    if (!headers.includes(h)) headers.push(h);
  };
  if (label) catalog.filter((c) => c.fieldName === label.name && !c.readOnly).forEach((c) => add(c.header));
  catalog.filter((c) => c.isDefault).forEach((c) => add(c.header));
  if (catalog.some((c) => c.header === "updatedAt")) add("updatedAt");
  return headers.map(mapping);
}

export interface ResolvedColumn extends FieldColumn {
  mapping: ColumnMapping;
}

/** The mapping's columns that exist on the object (`id` always first), plus a warning for each that does not. */
export function resolveColumns(meta: ObjectMetadata, columns: ColumnMapping[]): { columns: ResolvedColumn[]; warnings: string[] } {
  const catalog = columnCatalog(meta);
  const chosen = columns.length > 0 ? columns : defaultColumns(meta);
  const withId = chosen.some((c) => c.column === "id") ? chosen : [mapping("id"), ...chosen];
  const resolved: ResolvedColumn[] = [];
  const warnings: string[] = [];
  for (const m of withId) {
    const column = catalog.get(m.column);
    if (!column) warnings.push(`Column "${m.column}" is not a syncable field of ${meta.namePlural}; it is ignored.`);
    else if (resolved.some((r) => r.header === m.column)) warnings.push(`Column "${m.column}" is mapped twice; the second mapping is ignored.`);
    else resolved.push({ ...column, mapping: m });
  }
  const id = resolved.findIndex((c) => c.header === "id");
  if (id > 0) resolved.unshift(...resolved.splice(id, 1));
  return { columns: resolved, warnings };
}

export function columnSpecFor(column: FieldColumn): ColumnSpec {
  const spec: ColumnSpec = { header: column.header, readOnly: column.readOnly, format: FORMATS[column.kind] };
  // Dropdowns list what the sheet shows (labels); reading accepts labels and values alike.
  if (column.kind === "select" && column.options.length > 0) spec.options = column.options.map((o) => String(toCell(column, o.value)));
  return spec;
}

/** Format, read-only flag and dropdown options of each mapped column, for the sheet adapters. */
export function columnSpecs(meta: ObjectMetadata, columns: ColumnMapping[]): ColumnSpec[] {
  return resolveColumns(meta, columns).columns.map(columnSpecFor);
}
