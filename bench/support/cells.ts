import type { CellValue, SheetPort } from "../../src/sync/ports";
import type { CrmRecord } from "../../src/sync/metadata";

/** Reads `a.b` out of a record (composite sub-fields), as a sheet column names it. */
export function valueAtPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A sheet row for a record, the way a plain export would lay it out. */
export function recordToCells(record: CrmRecord, columns: readonly string[]): Record<string, CellValue> {
  const cells: Record<string, CellValue> = { id: record.id };
  for (const column of columns) {
    const value = valueAtPath(record, column);
    cells[column] = value === undefined || value === null ? null : (value as CellValue);
  }
  return cells;
}

function weigh(value: unknown): number {
  return value === null || value === undefined ? 0 : typeof value === "string" ? value.length : 1;
}

/**
 * The floor for the engine benchmark: fetch the sheet table, the CRM records and the stored sync state
 * through the same ports the engine uses, and look at every cell of each exactly once. Any plan has to do
 * at least this much; the figure that matters is how far above it the engine lands.
 */
export async function readEveryCellOnce(
  ports: { sheet: SheetPort; crm: { listRecords(plural: string): Promise<CrmRecord[]> } },
  sheetName: string,
  objectPlural: string,
  columns: readonly string[],
  stateKey: string,
): Promise<number> {
  let weight = 0;
  const table = await ports.sheet.readTable(sheetName);
  for (const row of table?.rows ?? []) for (const header of table!.headers) weight += weigh(row.values[header]);
  for (const record of await ports.crm.listRecords(objectPlural)) {
    weight += weigh(record.id);
    for (const column of columns) weight += weigh(valueAtPath(record, column));
  }
  const state = await ports.sheet.readHidden(stateKey);
  if (state) weight += Object.keys(JSON.parse(state) as object).length;
  return weight;
}
