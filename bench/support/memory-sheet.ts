import type { CellValue, SheetChanges, SheetMarks, SheetPort, SheetRow, SheetTable } from "../../src/sync/ports";

interface MemoryTable {
  headers: string[];
  /** Data rows in sheet order; row i sits on worksheet row i + 2 (row 1 holds the headers). */
  rows: Record<string, CellValue>[];
}

export interface MemorySheet extends SheetPort {
  /** Each sheet's headers and rows, for benchmarks to edit as a user would. */
  tables: Map<string, MemoryTable>;
  /** Replaces a sheet's content, as if a user pasted it. */
  setTable(sheetName: string, headers: string[], rows: Record<string, CellValue>[]): void;
}

/**
 * A plain in-memory SheetPort for benchmarks that must isolate the engine and the client from any
 * spreadsheet adapter (100k rows). It follows the SheetPort contract: updates by the row numbers read
 * (re-found by id when `expectId` no longer matches), deletions bottom-up, appends at the end.
 */
export function createMemorySheet(idHeader = "id"): MemorySheet {
  const tables = new Map<string, MemoryTable>();
  const hidden = new Map<string, string>();
  const marks = new Map<string, SheetMarks>();

  function readTable(sheetName: string): Promise<SheetTable | null> {
    const table = tables.get(sheetName);
    if (!table) return Promise.resolve(null);
    const rows: SheetRow[] = table.rows.map((values, i) => ({ rowNumber: i + 2, values: { ...values }, editedAt: null }));
    return Promise.resolve({ sheetName, headers: [...table.headers], rows, lastModifiedAt: null });
  }

  function applyChanges(sheetName: string, changes: SheetChanges): Promise<{ appendedRowNumbers: number[] }> {
    const table = tables.get(sheetName) ?? { headers: [], rows: [] };
    tables.set(sheetName, table);
    for (const column of changes.columns) if (!table.headers.includes(column.header)) table.headers.push(column.header);
    for (const update of changes.updates) {
      let index = update.rowNumber - 2;
      if (update.expectId !== undefined && table.rows[index]?.[idHeader] !== update.expectId) {
        index = table.rows.findIndex((row) => row[idHeader] === update.expectId);
      }
      const row = table.rows[index];
      if (!row) return Promise.reject(new Error(`row ${update.rowNumber} (id ${update.expectId ?? "?"}) not found in ${sheetName}`));
      Object.assign(row, update.values);
    }
    for (const rowNumber of [...changes.deleteRows].sort((a, b) => b - a)) table.rows.splice(rowNumber - 2, 1);
    const appendedRowNumbers = changes.appends.map((values) => {
      table.rows.push({ ...values });
      return table.rows.length + 1;
    });
    return Promise.resolve({ appendedRowNumbers });
  }

  return {
    tables,
    setTable(sheetName, headers, rows) {
      tables.set(sheetName, { headers: [...headers], rows: rows.map((r) => ({ ...r })) });
    },
    readTable,
    applyChanges,
    setMarks(sheetName, value) {
      marks.set(sheetName, value);
      return Promise.resolve();
    },
    readHidden(key) {
      return Promise.resolve(hidden.get(key) ?? null);
    },
    writeHidden(key, value) {
      hidden.set(key, value);
      return Promise.resolve();
    },
  };
}
