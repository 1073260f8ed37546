/** The host's view of the in-browser Excel (src/excel-fake), read through its inspection API. */
import { parseRangeAddress, qualifiedAddress, splitSheetAddress } from "../workbook-layout/a1";
import type { FakeExcel } from "../excel-fake";
import { EMPTY_CELL, type CellView, type SheetView, type WorkbookSelection, type WorkbookView } from "./workbook-view";

type FakeWorkbook = FakeExcel["workbook"];

export interface FakeWorkbookSource {
  workbook: FakeWorkbook;
  Excel: FakeExcel["Excel"];
  editCell(sheet: string, address: string, value: string): Promise<void>;
  subscribe(listener: () => void): () => void;
}

const positionKey = (row: number, column: number) => `${row}:${column}`;
const cellOf = (sheet: string, row: number, column: number) =>
  qualifiedAddress(sheet, { row, column, rowCount: 1, columnCount: 1 });

/** Items of a list validation: an inline "a,b,c" list or a reference to cells holding them. */
export function listOptions(workbook: FakeWorkbook, sheetName: string, source: string): string[] {
  if (!source.startsWith("="))
    return source
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  try {
    const { sheetName: target, local } = splitSheetAddress(source.slice(1));
    const values = workbook.values(qualifiedAddress(target ?? sheetName, parseRangeAddress(local)));
    return values
      .flat()
      .filter((value) => value !== "")
      .map(String);
  } catch {
    return []; // a reference to a missing sheet or range shows no dropdown, as in Excel
  }
}

function annotationIndex(workbook: FakeWorkbook, sheetName: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const annotation of [...workbook.comments(sheetName), ...workbook.notes(sheetName)]) {
    const range = parseRangeAddress(splitSheetAddress(annotation.address).local);
    const key = positionKey(range.row, range.column);
    index.set(key, index.has(key) ? `${index.get(key)}\n${annotation.content}` : annotation.content);
  }
  return index;
}

function sheetView(workbook: FakeWorkbook, name: string): SheetView {
  const usedAddress = workbook.usedRange(name);
  const used = usedAddress ? parseRangeAddress(usedAddress) : null;
  const annotations = annotationIndex(workbook, name);
  const optionsBySource = new Map<string, string[]>();
  const usedRows = used ? used.row + used.rowCount : 0;
  const usedColumns = used ? used.column + used.columnCount : 0;
  return {
    name,
    usedRows,
    usedColumns,
    cell: (row, column): CellView => {
      const note = annotations.get(positionKey(row, column)) ?? null;
      const info = workbook.cell(cellOf(name, row, column));
      const source = info.validation?.list.source;
      if (source !== undefined && !optionsBySource.has(source))
        optionsBySource.set(source, listOptions(workbook, name, source));
      if (
        info.value === "" &&
        !info.formula &&
        !info.fill &&
        !note &&
        source === undefined &&
        info.numberFormat === "General"
      )
        return EMPTY_CELL;
      return {
        value: info.value,
        formula: info.formula,
        numberFormat: info.numberFormat === "General" ? null : info.numberFormat,
        fill: info.fill,
        fontColor: info.font.color,
        italic: info.font.italic,
        bold: info.font.bold,
        note,
        listOptions: source !== undefined ? (optionsBySource.get(source) ?? null) : null,
      };
    },
  };
}

/**
 * Excel's table AutoExpand: typing into the row right below a table makes that row part of the table. The host is
 * Excel's UI here, so it does the same before the edit lands (the add-in then sees the new row in its table).
 */
async function expandTableForEdit(
  source: FakeWorkbookSource,
  sheet: string,
  address: string,
  text: string,
): Promise<void> {
  if (text === "") return;
  const target = parseRangeAddress(address);
  const table = source.workbook.tables(sheet).find((candidate) => {
    const range = parseRangeAddress(candidate.address);
    return (
      target.row === range.row + range.rowCount &&
      target.column >= range.column &&
      target.column < range.column + range.columnCount
    );
  });
  if (!table) return;
  const range = parseRangeAddress(table.address);
  await source.Excel.run(async (context) => {
    context.workbook.tables
      .getItem(table.name)
      .resize(qualifiedAddress(sheet, { ...range, rowCount: range.rowCount + 1 }));
    await context.sync();
  });
}

function parseSelection(address: string | null): WorkbookSelection | null {
  if (!address) return null;
  const { sheetName, local } = splitSheetAddress(address);
  if (!sheetName) return null;
  const range = parseRangeAddress(local);
  return {
    sheet: sheetName,
    firstRow: range.row,
    lastRow: range.row + range.rowCount - 1,
    firstColumn: range.column,
    lastColumn: range.column + range.columnCount - 1,
  };
}

/**
 * `afterApiRun` lets the host re-render after every Excel.run of the add-in: fills, notes and selections change
 * the workbook without being cell edits.
 */
export function createFakeWorkbookView(
  source: FakeWorkbookSource,
  afterApiRun: (listener: () => void) => () => void,
): WorkbookView {
  const { workbook } = source;
  let lastSelection: { address: string | null; view: WorkbookSelection | null } = { address: null, view: null };
  return {
    visibleSheets: () => workbook.sheetNames().filter((name) => workbook.visibility(name) === "Visible"),
    sheet: (name) => (workbook.sheetNames().includes(name) ? sheetView(workbook, name) : null),
    activeSheet: () => workbook.activeSheet(),
    selection: () => {
      // The same object until the selection changes, so the grid follows only real selection changes.
      const address = workbook.selection();
      if (address !== lastSelection.address) lastSelection = { address, view: parseSelection(address) };
      return lastSelection.view;
    },
    activateSheet: (name) =>
      source.Excel.run(async (context) => {
        context.workbook.worksheets.getItem(name).activate();
        await context.sync();
      }),
    selectCell: (sheet, address) =>
      source.Excel.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRange(address).select();
        await context.sync();
      }),
    editCell: async (sheet, address, text) => {
      await expandTableForEdit(source, sheet, address, text);
      await source.editCell(sheet, address, text);
    },
    subscribe: (listener) => {
      const fromWorkbook = source.subscribe(listener);
      const fromRuns = afterApiRun(listener);
      return () => {
        fromWorkbook();
        fromRuns();
      };
    },
  };
}
