/** Turns sheet rows into keyed, validated rows: the id, each column's canonical value (or "unknown"), and problems. */
import type { SheetRow, SheetTable } from "../ports";
import type { ResolvedColumn } from "../fields/columns";
import { isEmptyCell, isUuid, parseCell, type Canonical } from "../fields/values";
import { applyTransforms } from "../transforms";
import type { RowError } from "./types";

export interface ReadRow {
  row: SheetRow;
  /** Lower-cased id, or null for a new row. */
  id: string | null;
  /** The id cell's text as read, for the adapters' `expectId` check. */
  sheetId: string;
  /** Canonical values of the cells that carry information; an empty cell without clearWhenEmpty is absent ("unknown"). */
  values: Map<string, Canonical>;
  /** Read-only columns whose cell holds something other than a parseable value (rewritten from the CRM). */
  unreadable: Set<string>;
  formulaColumns: Set<string>;
  problems: RowError[];
}

/** A row with no id and nothing in any writable mapped column (other columns, such as the error column, do not count). */
export function isBlankRow(row: SheetRow, columns: ResolvedColumn[]): boolean {
  return columns.every((c) => (c.readOnly && c.header !== "id") || isEmptyCell(row.values[c.header]));
}

/** The row's Twenty id, lower-cased; null when the id cell is empty or not a UUID. */
export function rowId(row: SheetRow): string | null {
  const cell = row.values.id;
  if (isEmptyCell(cell)) return null;
  const text = String(cell).trim().toLowerCase();
  return isUuid(text) ? text : null;
}

export function readRow(row: SheetRow, columns: ResolvedColumn[], headers: Set<string>): ReadRow {
  const read: ReadRow = {
    row,
    id: null,
    sheetId: isEmptyCell(row.values.id) ? "" : String(row.values.id),
    values: new Map(),
    unreadable: new Set(),
    formulaColumns: new Set(row.formulaColumns ?? []),
    problems: [],
  };
  const idCell = row.values.id;
  if (!isEmptyCell(idCell)) {
    read.id = rowId(row);
    if (read.id === null) read.problems.push({ row: row.rowNumber, column: "id", reason: `"${String(idCell)}" is not a valid Twenty id (UUID); leave it empty for a new record` });
  }
  for (const column of columns) {
    if (column.header === "id" || !headers.has(column.header)) continue;
    const cell = row.values[column.header] ?? null;
    if (column.readOnly) {
      if (isEmptyCell(cell)) continue;
      const parsed = parseCell(column, cell);
      if (parsed.ok) read.values.set(column.header, parsed.value);
      else read.unreadable.add(column.header);
      continue;
    }
    if (isEmptyCell(cell)) {
      if (column.mapping.clearWhenEmpty) read.values.set(column.header, null);
      continue;
    }
    const transformed = applyTransforms(column.mapping.transforms, cell);
    if (!transformed.ok) {
      read.problems.push({ row: row.rowNumber, column: column.header, reason: transformed.reason, id: read.id ?? undefined });
      continue;
    }
    const parsed = parseCell(column, transformed.value);
    if (parsed.ok) read.values.set(column.header, parsed.value);
    else read.problems.push({ row: row.rowNumber, column: column.header, reason: parsed.reason, id: read.id ?? undefined });
  }
  return read;
}

export function tableHeaders(table: SheetTable | null): Set<string> {
  return new Set(table?.headers ?? []);
}
