/**
 * Conflict and row-error marks. The previous marks are found from the workbook itself (notes or comments
 * starting with NOTE_PREFIX, texts in the error column), so marks made by the CLI are cleared too; a fill
 * is removed only where it still has the add-in's colour, so the user's own fills stay.
 */
import { SyncError } from "../sync/errors";
import type { SheetMarks } from "../sync/ports";
import { cellAddress, parseRangeAddress, quoteSheetName, splitSheetAddress } from "../workbook-layout/a1";
import { ERROR_COLUMN_HEADER, MARK_COLORS, NOTE_PREFIX } from "../workbook-layout/layout";
import { TEXT_FORMAT, toCellInput } from "./cell-writing";
import type { ExcelFeatures } from "./office-api";
import { locateTable } from "./table-reader";

type Annotation = Excel.Note | Excel.Comment;

const OUR_FILLS = new Set([MARK_COLORS.conflictFill, MARK_COLORS.noticeFill, MARK_COLORS.rowErrorFill].map((c) => c.toUpperCase()));
const FILL_CHECKS_PER_SYNC = 20_000;

export function noteText(note: string): string {
  return note.startsWith(NOTE_PREFIX) ? note : `${NOTE_PREFIX}: ${note}`;
}

function annotations(context: Excel.RequestContext, features: ExcelFeatures): Excel.NoteCollection | Excel.CommentCollection | null {
  if (features.notes) return context.workbook.notes;
  if (features.comments) return context.workbook.comments;
  return null;
}

export async function applyMarks(context: Excel.RequestContext, sheetName: string, marks: SheetMarks, features: ExcelFeatures): Promise<void> {
  const location = await locateTable(context, sheetName);
  if (!location) throw new SyncError("NOT_FOUND", `Sheet "${sheetName}" does not exist, so its marks cannot be set.`);
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const width = location.headers.length;
  const tableEnd = location.column + width;
  const firstDataRow = location.headerRow + 1;

  // 1. Where the error column is, and every annotation in the workbook.
  const rightOfTable = sheet.getRangeByIndexes(location.headerRow, tableEnd, 1, Math.max(1, location.usedRightEdge - tableEnd)).load("values");
  const collection = annotations(context, features);
  collection?.load("items/content");
  await context.sync();
  const errorOffset = rightOfTable.values[0].findIndex((v) => v === ERROR_COLUMN_HEADER);
  let errorColumn: number | null = errorOffset >= 0 ? tableEnd + errorOffset : null;

  // 2. Locations of our annotations, and the messages in the error column.
  const ours = (collection?.items ?? [] as Annotation[]).filter((a: Annotation) => a.content.startsWith(NOTE_PREFIX));
  const locations = ours.map((a: Annotation) => ({ annotation: a, range: a.getLocation().load("address") }));
  const lastRow = Math.max(firstDataRow + location.dataRowCount, ...marks.rowErrors.map((m) => m.rowNumber), ...marks.conflicts.map((m) => m.rowNumber));
  const errorCells = errorColumn !== null && lastRow > firstDataRow ? sheet.getRangeByIndexes(firstDataRow, errorColumn, lastRow - firstDataRow, 1).load("values") : null;
  await context.sync();
  const ourAnnotations = locations.filter(({ range }) => {
    const { sheetName: on } = splitSheetAddress(range.address);
    return on?.toLowerCase() === sheetName.toLowerCase();
  });
  const markedCells = new Map<string, { row: number; column: number }>();
  for (const { range } of ourAnnotations) {
    const at = parseRangeAddress(splitSheetAddress(range.address).local);
    markedCells.set(`${at.row},${at.column}`, { row: at.row, column: at.column });
  }
  const erroredRows = (errorCells?.values ?? []).flatMap(([v], i) => (v === "" ? [] : [firstDataRow + i]));
  for (const row of erroredRows) for (let c = location.column; c < tableEnd; c++) markedCells.set(`${row},${c}`, { row, column: c });

  // 3. Which of those cells still carry our colour.
  const toClear: { row: number; column: number }[] = [];
  const cells = [...markedCells.values()];
  for (let start = 0; start < cells.length; start += FILL_CHECKS_PER_SYNC) {
    const batch = cells.slice(start, start + FILL_CHECKS_PER_SYNC).map((cell) => ({ cell, fill: sheet.getCell(cell.row, cell.column).format.fill.load("color") }));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- fills are checked in payload-sized batches
    await context.sync();
    for (const { cell, fill } of batch) if (fill.color && OUR_FILLS.has(fill.color.toUpperCase())) toClear.push(cell);
  }

  // 4. Clear the old marks and set the new ones in one batch.
  for (const cell of toClear) sheet.getCell(cell.row, cell.column).format.fill.clear();
  for (const { annotation } of ourAnnotations) annotation.delete();
  if (errorColumn !== null) for (const row of erroredRows) sheet.getCell(row, errorColumn).values = [[""]];

  const errorTexts = new Map<number, string[]>();
  for (const mark of marks.rowErrors) errorTexts.set(mark.rowNumber, [...(errorTexts.get(mark.rowNumber) ?? []), mark.message]);
  for (const mark of marks.rowErrors) {
    sheet.getRangeByIndexes(mark.rowNumber - 1, location.column, 1, width).format.fill.color = MARK_COLORS.rowErrorFill;
  }
  for (const mark of marks.conflicts) {
    const index = location.headers.indexOf(mark.column);
    if (index < 0) continue;
    const cell = sheet.getCell(mark.rowNumber - 1, location.column + index);
    cell.format.fill.color = mark.kind === "notice" ? MARK_COLORS.noticeFill : MARK_COLORS.conflictFill;
    const text = noteText(mark.note);
    if (collection) {
      collection.add(`${quoteSheetName(sheetName)}!${cellAddress(mark.rowNumber - 1, location.column + index)}`, text);
    } else {
      errorTexts.set(mark.rowNumber, [...(errorTexts.get(mark.rowNumber) ?? []), `${mark.column}: ${text}`]);
    }
  }
  if (errorTexts.size > 0 && errorColumn === null) {
    errorColumn = tableEnd;
    sheet.getRangeByIndexes(location.headerRow, errorColumn, 1, 1).getEntireColumn().insert("Right");
  }
  if (errorColumn !== null && errorTexts.size > 0) {
    const header = sheet.getCell(location.headerRow, errorColumn);
    header.values = [[ERROR_COLUMN_HEADER]];
    header.format.font.bold = true;
    for (const [rowNumber, texts] of errorTexts) {
      const cell = sheet.getCell(rowNumber - 1, errorColumn);
      cell.numberFormat = [[TEXT_FORMAT]];
      cell.values = [[toCellInput(texts.join("; "), TEXT_FORMAT)]];
    }
  }
  await context.sync();
}
