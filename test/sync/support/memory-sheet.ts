/** An in-memory SheetPort: header row 1, data from row 2, appends at the end, hidden text by key. */
import type { CellValue, SheetChanges, SheetMarks, SheetPort, SheetTable } from "../../../src/sync/ports";

interface MemoryTable {
  headers: string[];
  rows: Record<string, CellValue>[];
  editedAt: Map<number, string>;
  formulas: Map<number, string[]>;
}

export class MemorySheet implements SheetPort {
  readonly tables = new Map<string, MemoryTable>();
  readonly hidden = new Map<string, string>();
  readonly marks = new Map<string, SheetMarks>();
  applyCalls = 0;
  lastModifiedAt: string | null = null;

  /** Creates a sheet with the given header row and rows. */
  setTable(sheetName: string, headers: string[], rows: Record<string, CellValue>[] = []): void {
    this.tables.set(sheetName, { headers: [...headers], rows: rows.map((r) => ({ ...r })), editedAt: new Map(), formulas: new Map() });
  }

  /** Rows as the user sees them, without the header. */
  rows(sheetName: string): Record<string, CellValue>[] {
    return (this.tables.get(sheetName)?.rows ?? []).map((r) => ({ ...r }));
  }

  rowById(sheetName: string, id: string): Record<string, CellValue> | undefined {
    return this.rows(sheetName).find((r) => r.id === id);
  }

  edit(sheetName: string, rowNumber: number, header: string, value: CellValue, editedAt?: string): void {
    const table = this.table(sheetName);
    if (!table.headers.includes(header)) table.headers.push(header);
    const row = table.rows[rowNumber - 2];
    if (!row) throw new Error(`no row ${rowNumber}`);
    row[header] = value;
    if (editedAt) table.editedAt.set(rowNumber, editedAt);
  }

  addRow(sheetName: string, values: Record<string, CellValue>): number {
    const table = this.table(sheetName);
    for (const h of Object.keys(values)) if (!table.headers.includes(h)) table.headers.push(h);
    table.rows.push({ ...values });
    return table.rows.length + 1;
  }

  deleteRow(sheetName: string, rowNumber: number): void {
    this.table(sheetName).rows.splice(rowNumber - 2, 1);
  }

  markFormula(sheetName: string, rowNumber: number, header: string): void {
    const table = this.table(sheetName);
    table.formulas.set(rowNumber, [...(table.formulas.get(rowNumber) ?? []), header]);
  }

  rowNumberOf(sheetName: string, id: string): number {
    const index = this.table(sheetName).rows.findIndex((r) => r.id === id);
    if (index < 0) throw new Error(`no row with id ${id}`);
    return index + 2;
  }

  private table(sheetName: string): MemoryTable {
    const table = this.tables.get(sheetName);
    if (!table) throw new Error(`no sheet ${sheetName}`);
    return table;
  }

  async readTable(sheetName: string): Promise<SheetTable | null> {
    const table = this.tables.get(sheetName);
    if (!table) return null;
    return {
      sheetName,
      headers: [...table.headers],
      rows: table.rows.map((values, i) => ({
        rowNumber: i + 2,
        values: Object.fromEntries(table.headers.map((h) => [h, values[h] ?? null])),
        editedAt: table.editedAt.get(i + 2) ?? null,
        ...(table.formulas.has(i + 2) ? { formulaColumns: table.formulas.get(i + 2) } : {}),
      })),
      lastModifiedAt: this.lastModifiedAt,
    };
  }

  async applyChanges(sheetName: string, changes: SheetChanges): Promise<{ appendedRowNumbers: number[] }> {
    this.applyCalls++;
    if (!this.tables.has(sheetName)) this.setTable(sheetName, []);
    const table = this.table(sheetName);
    for (const c of changes.columns) if (!table.headers.includes(c.header)) table.headers.push(c.header);
    for (const u of changes.updates) {
      let index = u.rowNumber - 2;
      if (u.expectId !== undefined && table.rows[index]?.id !== u.expectId) index = table.rows.findIndex((r) => r.id === u.expectId);
      const row = table.rows[index];
      if (!row) throw new Error(`update of missing row ${u.rowNumber}`);
      for (const formula of table.formulas.get(index + 2) ?? []) {
        if (formula in u.values) throw new Error(`row ${u.rowNumber}: the engine overwrote formula cell ${formula}`);
      }
      Object.assign(row, u.values);
      table.editedAt.delete(index + 2);
    }
    for (const rowNumber of [...changes.deleteRows].sort((a, b) => b - a)) table.rows.splice(rowNumber - 2, 1);
    const appendedRowNumbers = changes.appends.map((values) => {
      table.rows.push({ ...values });
      return table.rows.length + 1;
    });
    return { appendedRowNumbers };
  }

  async setMarks(sheetName: string, marks: SheetMarks): Promise<void> {
    this.marks.set(sheetName, marks);
  }

  async readHidden(key: string): Promise<string | null> {
    return this.hidden.get(key) ?? null;
  }

  async writeHidden(key: string, value: string): Promise<void> {
    this.hidden.set(key, value);
  }
}
