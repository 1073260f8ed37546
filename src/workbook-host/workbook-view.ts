/** What the host's grid needs to know about the in-browser workbook, independent of how the workbook stores it. */
import type { CellValue } from "../sync/ports";

export interface CellView {
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
  fill: string | null;
  fontColor: string | null;
  italic: boolean;
  bold: boolean;
  /** Note or comment text on the cell. */
  note: string | null;
  /** In-cell dropdown values from a list data validation. */
  listOptions: string[] | null;
}

export interface SheetView {
  name: string;
  /** Rows and columns in use (the grid shows a margin of empty cells beyond them). */
  usedRows: number;
  usedColumns: number;
  cell(row: number, column: number): CellView;
}

/** The cells selected through the API (the adapter's selectRow), 0-based and inclusive. */
export interface WorkbookSelection {
  sheet: string;
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export interface WorkbookView {
  /** Sheets a user can see, in tab order (hidden and very hidden sheets are left out). */
  visibleSheets(): string[];
  sheet(name: string): SheetView | null;
  activeSheet(): string | null;
  selection(): WorkbookSelection | null;
  /** A user clicking a sheet tab. */
  activateSheet(name: string): Promise<void>;
  /** A user selecting a cell. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** A user typing `text` into a cell: Excel's input rules apply and onChanged fires. */
  editCell(sheet: string, address: string, text: string): Promise<void>;
  /** Called after every change (API syncs and user edits). */
  subscribe(listener: () => void): () => void;
}

export const EMPTY_CELL: CellView = {
  value: null,
  formula: null,
  numberFormat: null,
  fill: null,
  fontColor: null,
  italic: false,
  bold: false,
  note: null,
  listOptions: null,
};
