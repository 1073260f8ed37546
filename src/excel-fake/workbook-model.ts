/**
 * The state behind the fake Excel: worksheets with a real cell grid, tables, notes, comments and the
 * shifting rules of row/column deletion and insertion. Plain data, no load/sync semantics (see request-context).
 */
import { MAX_COLUMNS, type GridRange } from "../workbook-layout/a1";
import { evaluateFormula, interpretInput, type Scalar } from "./cell-input";
import { FakeOfficeError } from "./office-error";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface ListValidation {
  list: { inCellDropDown: boolean; source: string };
}

export interface CellData {
  value: Scalar;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  fontColor?: string;
  italic?: boolean;
  bold?: boolean;
  validation?: ListValidation;
}

export interface SheetData {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Map<number, CellData>;
}

export interface TableData {
  id: string;
  name: string;
  sheetId: string;
  style: string;
  /** Zero-based header row; the table spans `rowCount` rows (header included) and `columnCount` columns. */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface AnnotationData {
  id: string;
  sheetId: string;
  row: number;
  column: number;
  content: string;
}

export interface ChangeRecord {
  sheetId: string;
  range: GridRange;
  changeType: "RangeEdited" | "RowDeleted" | "ColumnInserted" | "RowInserted" | "ColumnDeleted";
}

const key = (row: number, column: number) => row * MAX_COLUMNS + column;
const rowOf = (k: number) => Math.floor(k / MAX_COLUMNS);
const colOf = (k: number) => k % MAX_COLUMNS;

export class WorkbookModel {
  readonly sheets: SheetData[] = [];
  readonly tables: TableData[] = [];
  readonly notes: AnnotationData[] = [];
  readonly comments: AnnotationData[] = [];
  activeSheetId: string | null = null;
  /** `context.runtime.enableEvents`: while false, changes raise no events (checked as each change happens). */
  eventsEnabled = true;
  selection: { sheetId: string; range: GridRange } | null = null;
  private nextId = 1;
  /** Changes made since the last drain, for change events. */
  private changes: ChangeRecord[] = [];

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  addSheet(name: string): SheetData {
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid sheet name.`);
    if (this.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
    const sheet: SheetData = { id: this.newId("sheet"), name, visibility: "Visible", cells: new Map() };
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  findSheet(name: string): SheetData | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetData {
    const sheet = this.sheets.find((s) => s.id === id);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", "The worksheet no longer exists.");
    return sheet;
  }

  deleteSheet(sheet: SheetData): void {
    if (sheet.visibility === "VeryHidden") throw new FakeOfficeError("InvalidOperation", "A very hidden worksheet cannot be deleted.");
    if (this.sheets.filter((s) => s.visibility === "Visible").length === 1 && sheet.visibility === "Visible") {
      throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible worksheet.");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (const list of [this.tables, this.notes, this.comments] as { sheetId: string }[][]) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i].sheetId === sheet.id) list.splice(i, 1);
    }
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0]?.id ?? null;
  }

  cell(sheet: SheetData, row: number, column: number): CellData | undefined {
    return sheet.cells.get(key(row, column));
  }

  /** The value a cell shows: constants as stored, formulas evaluated against the current grid. */
  cellValue(sheet: SheetData, row: number, column: number, depth = 0): Scalar {
    const cell = sheet.cells.get(key(row, column));
    if (!cell) return "";
    if (cell.formula === undefined) return cell.value;
    if (depth > 50) return "#REF!";
    return evaluateFormula(cell.formula, (r, c) => this.cellValue(sheet, r, c, depth + 1));
  }

  private mutableCell(sheet: SheetData, row: number, column: number): CellData {
    const k = key(row, column);
    let cell = sheet.cells.get(k);
    if (!cell) {
      cell = { value: "" };
      sheet.cells.set(k, cell);
    }
    return cell;
  }

  private dropIfEmpty(sheet: SheetData, row: number, column: number): void {
    const cell = sheet.cells.get(key(row, column));
    if (cell && cell.value === "" && cell.formula === undefined && Object.keys(cell).length === 1) sheet.cells.delete(key(row, column));
  }

  /** Writes values (null = leave unchanged, "" = clear) the way Excel interprets typed input. */
  writeValues(sheet: SheetData, range: GridRange, values: readonly (readonly (Scalar | null)[])[]): void {
    values.forEach((rowValues, i) =>
      rowValues.forEach((input, j) => {
        if (input === null) return;
        const cell = this.mutableCell(sheet, range.row + i, range.column + j);
        const content = interpretInput(input, cell.numberFormat ?? "General");
        cell.value = content.value;
        if (content.formula === undefined) delete cell.formula;
        else cell.formula = content.formula;
        this.dropIfEmpty(sheet, range.row + i, range.column + j);
      }),
    );
    this.recordChange(sheet, range, "RangeEdited");
  }

  writeNumberFormats(sheet: SheetData, range: GridRange, formats: readonly (readonly (string | null)[])[]): void {
    formats.forEach((rowFormats, i) =>
      rowFormats.forEach((format, j) => {
        if (format === null) return;
        const cell = this.mutableCell(sheet, range.row + i, range.column + j);
        if (format === "General") delete cell.numberFormat;
        else cell.numberFormat = format;
        this.dropIfEmpty(sheet, range.row + i, range.column + j);
      }),
    );
  }

  /** Sets one cell attribute on every cell of a range (fills, fonts, validation). */
  setAttribute<K extends "fill" | "fontColor" | "italic" | "bold" | "validation">(sheet: SheetData, range: GridRange, name: K, value: CellData[K] | undefined): void {
    this.forEachCellPosition(range, (row, column) => {
      const cell = this.mutableCell(sheet, row, column);
      if (value === undefined) delete cell[name];
      else cell[name] = value;
      this.dropIfEmpty(sheet, row, column);
    });
  }

  /** A uniform attribute over the range, or null when the cells differ (as Excel reports mixed formats). */
  uniformAttribute<K extends keyof CellData>(sheet: SheetData, range: GridRange, name: K): CellData[K] | null | undefined {
    let first: CellData[K] | undefined;
    let seen = false;
    let mixed = false;
    this.forEachCellPosition(range, (row, column) => {
      const value = sheet.cells.get(key(row, column))?.[name];
      if (!seen) [first, seen] = [value, true];
      else if (value !== first) mixed = true;
    });
    return mixed ? null : first;
  }

  private forEachCellPosition(range: GridRange, visit: (row: number, column: number) => void): void {
    if (range.rowCount * range.columnCount > 5_000_000) throw new FakeOfficeError("InvalidOperation", "The range is too large for a per-cell operation in the fake.");
    for (let r = range.row; r < range.row + range.rowCount; r++) for (let c = range.column; c < range.column + range.columnCount; c++) visit(r, c);
  }

  /** The smallest range covering every non-empty cell (values only, or any formatting too). */
  usedRange(sheet: SheetData, valuesOnly: boolean): GridRange | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, cell] of sheet.cells) {
      if (valuesOnly && cell.value === "" && cell.formula === undefined) continue;
      const r = rowOf(k), c = colOf(k);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    if (bottom < 0) return null;
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** Deletes the cells of `range` and shifts the cells below it up (within the range's columns). */
  deleteShiftUp(sheet: SheetData, range: GridRange): void {
    const fullWidth = range.column === 0 && range.columnCount === MAX_COLUMNS;
    const inColumns = (c: number) => c >= range.column && c < range.column + range.columnCount;
    const end = range.row + range.rowCount;
    for (const table of this.tables.filter((t) => t.sheetId === sheet.id)) {
      const tableInside = table.column >= range.column && table.column + table.columnCount <= range.column + range.columnCount;
      const overlapsColumns = table.column < range.column + range.columnCount && range.column < table.column + table.columnCount;
      if (!overlapsColumns || table.row + table.rowCount <= range.row) continue;
      if (!tableInside) throw new FakeOfficeError("InvalidOperation", "This operation would move part of a table.");
      if (table.row >= end) table.row -= range.rowCount;
      else if (table.row >= range.row) this.tables.splice(this.tables.indexOf(table), 1);
      // Excel keeps one (empty) data row in a table whose data rows were all deleted.
      else table.rowCount = Math.max(2, table.rowCount - (Math.min(end, table.row + table.rowCount) - range.row));
    }
    const moved = new Map<number, CellData>();
    for (const [k, cell] of sheet.cells) {
      const r = rowOf(k), c = colOf(k);
      if (!inColumns(c) || r < range.row) moved.set(k, cell);
      else if (r >= end) moved.set(key(r - range.rowCount, c), cell);
    }
    sheet.cells = moved;
    for (const list of [this.notes, this.comments]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const a = list[i];
        if (a.sheetId !== sheet.id || !inColumns(a.column) || a.row < range.row) continue;
        if (a.row < end) list.splice(i, 1);
        else a.row -= range.rowCount;
      }
    }
    this.recordChange(sheet, range, fullWidth ? "RowDeleted" : "RangeEdited");
  }

  /** Inserts cells at `range`, shifting the cells at and right of it to the right (within its rows). */
  insertShiftRight(sheet: SheetData, range: GridRange): void {
    const inRows = (r: number) => r >= range.row && r < range.row + range.rowCount;
    const fullHeight = range.row === 0 && range.rowCount > 1_000_000;
    for (const table of this.tables.filter((t) => t.sheetId === sheet.id)) {
      if (table.column + table.columnCount <= range.column) continue;
      if (!fullHeight && !(table.row >= range.row && table.row + table.rowCount <= range.row + range.rowCount)) {
        throw new FakeOfficeError("InvalidOperation", "This operation would move part of a table.");
      }
      if (table.column >= range.column) table.column += range.columnCount;
      else table.columnCount += range.columnCount;
    }
    const moved = new Map<number, CellData>();
    for (const [k, cell] of sheet.cells) {
      const r = rowOf(k), c = colOf(k);
      if (!inRows(r) || c < range.column) moved.set(k, cell);
      else if (c + range.columnCount < MAX_COLUMNS) moved.set(key(r, c + range.columnCount), cell);
    }
    sheet.cells = moved;
    for (const a of [...this.notes, ...this.comments]) {
      if (a.sheetId === sheet.id && inRows(a.row) && a.column >= range.column) a.column += range.columnCount;
    }
    this.recordChange(sheet, range, fullHeight ? "ColumnInserted" : "RangeEdited");
  }

  addTable(sheet: SheetData, range: GridRange, hasHeaders: boolean): TableData {
    for (const t of this.tables) {
      const overlaps =
        t.sheetId === sheet.id &&
        t.row < range.row + range.rowCount && range.row < t.row + t.rowCount &&
        t.column < range.column + range.columnCount && range.column < t.column + t.columnCount;
      if (overlaps) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
    }
    const row = range.row;
    let rowCount = range.rowCount;
    if (!hasHeaders) {
      // Excel inserts a header row above the data.
      this.shiftDown(sheet, { row: range.row, column: range.column, rowCount: 1, columnCount: range.columnCount });
      rowCount += 1;
    }
    const headers = new Set<string>();
    for (let j = 0; j < range.columnCount; j++) {
      let header = hasHeaders ? String(this.cellValue(sheet, row, range.column + j)) : "";
      if (header === "" || headers.has(header.toLowerCase())) {
        let n = j + 1;
        while (headers.has(`column${n}`)) n++;
        header = `Column${n}`;
        this.writeValues(sheet, { row, column: range.column + j, rowCount: 1, columnCount: 1 }, [[header]]);
      }
      headers.add(header.toLowerCase());
    }
    if (rowCount === 1) rowCount = 2; // a table always has at least one data row
    const table: TableData = { id: this.newId("table"), name: this.uniqueTableName(), sheetId: sheet.id, style: "TableStyleMedium2", row, column: range.column, rowCount, columnCount: range.columnCount };
    this.tables.push(table);
    return table;
  }

  private shiftDown(sheet: SheetData, range: GridRange): void {
    const moved = new Map<number, CellData>();
    for (const [k, cell] of sheet.cells) {
      const r = rowOf(k), c = colOf(k);
      const inColumns = c >= range.column && c < range.column + range.columnCount;
      moved.set(inColumns && r >= range.row ? key(r + range.rowCount, c) : k, cell);
    }
    sheet.cells = moved;
  }

  private uniqueTableName(): string {
    let n = this.tables.length + 1;
    while (this.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
    return `Table${n}`;
  }

  renameTable(table: TableData, name: string): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid table name.`);
    if (this.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase())) throw new FakeOfficeError("InvalidArgument", `A table named "${name}" already exists.`);
    table.name = name;
  }

  resizeTable(table: TableData, range: GridRange): void {
    if (range.row !== table.row || range.column !== table.column) throw new FakeOfficeError("InvalidArgument", "A table's header row must stay in place when it is resized.");
    if (range.rowCount < 2) throw new FakeOfficeError("InvalidArgument", "A table needs a header row and at least one data row.");
    table.rowCount = range.rowCount;
    table.columnCount = range.columnCount;
  }

  addAnnotation(list: "notes" | "comments", sheet: SheetData, row: number, column: number, content: string): AnnotationData {
    const target = this[list];
    if (target.some((a) => a.sheetId === sheet.id && a.row === row && a.column === column)) {
      throw new FakeOfficeError("InvalidOperation", `The cell already has ${list === "notes" ? "a note" : "a comment"}.`);
    }
    const annotation = { id: this.newId(list === "notes" ? "note" : "comment"), sheetId: sheet.id, row, column, content };
    target.push(annotation);
    return annotation;
  }

  removeAnnotation(list: "notes" | "comments", id: string): void {
    const target = this[list];
    const index = target.findIndex((a) => a.id === id);
    if (index < 0) throw new FakeOfficeError("ItemNotFound", "The item no longer exists.");
    target.splice(index, 1);
  }

  recordChange(sheet: SheetData, range: GridRange, changeType: ChangeRecord["changeType"]): void {
    if (this.eventsEnabled) this.changes.push({ sheetId: sheet.id, range, changeType });
  }

  drainChanges(): ChangeRecord[] {
    const drained = this.changes;
    this.changes = [];
    return drained;
  }
}
