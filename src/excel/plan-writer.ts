/**
 * Carries out a WritePlan with as few round trips as the blocks allow: one sync for structure, one per
 * batch of update blocks, one for all deletions, one per append block, one for the table and column styling.
 */
import { MARK_COLORS } from "../workbook-layout/layout";
import { rangeAddress } from "../workbook-layout/a1";
import { TEXT_FORMAT } from "./cell-writing";
import type { CellBlock, WritePlan } from "./change-plan";
import { tableNameFor } from "./change-plan";
import type { ExcelFeatures } from "./office-api";

const SELECT_LIST_MAX_CHARS = 255;

/** Office.js list source "A,B,C", or null when the options cannot be listed inline (commas, quotes, too long). */
export function selectListSource(options: readonly string[]): string | null {
  if (options.length === 0 || options.some((o) => /[",]/.test(o))) return null;
  const list = options.join(",");
  return list.length <= SELECT_LIST_MAX_CHARS ? list : null;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  return name;
}

function suspendWhilePossible(context: Excel.RequestContext, features: ExcelFeatures): void {
  if (features.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
  if (features.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
}

function queueBlock(sheet: Excel.Worksheet, plan: WritePlan, block: CellBlock): void {
  const range = sheet.getRangeByIndexes(plan.headerRow + 1 + block.rowOffset, plan.column + block.columnOffset, block.values.length, block.values[0].length);
  // Formats first: a Text ("@") cell keeps "=..." literal when the value lands.
  if (block.formats.some((row) => row.some((f) => f !== null))) range.numberFormat = block.formats;
  range.values = block.values;
}

export async function writePlan(context: Excel.RequestContext, plan: WritePlan, features: ExcelFeatures): Promise<void> {
  const sheets = context.workbook.worksheets;
  const sheet = plan.createSheet ? sheets.add(plan.sheetName) : sheets.getItem(plan.sheetName);
  const table = plan.tableName ? sheet.tables.getItem(plan.tableName) : null;
  const allTables = plan.createTable ? context.workbook.tables.load("items/name") : null;

  // Structure: columns and, for a new table, its header row.
  if (table) {
    for (const header of plan.newColumns) table.columns.add(undefined, undefined, header);
  } else {
    const headerRange = sheet.getRangeByIndexes(plan.headerRow, plan.column, 1, plan.headers.length);
    headerRange.numberFormat = [plan.headers.map(() => TEXT_FORMAT)];
    headerRange.values = [plan.headers];
  }
  if (!table || plan.newColumns.length > 0) await context.sync();

  for (const batch of plan.updateBatches) {
    suspendWhilePossible(context, features);
    for (const block of batch) queueBlock(sheet, plan, block);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one round trip per batch keeps each request under the payload limit
    await context.sync();
  }

  if (plan.deleteRuns.length > 0) {
    for (const run of plan.deleteRuns) {
      sheet.getRangeByIndexes(plan.headerRow + 1 + run.rowOffset, 0, run.count, 1).getEntireRow().delete("Up");
    }
    await context.sync();
  }

  // Rows beyond the table's current end are added to the table first when it cannot be resized (before 1.13).
  let tableRows = plan.dataRowsAfterDeletes;
  for (const block of plan.appendBlocks) {
    suspendWhilePossible(context, features);
    const blockEnd = block.rowOffset + block.values.length;
    if (table && !features.tableResize && blockEnd > tableRows) {
      const missing = blockEnd - tableRows;
      table.rows.add(undefined, Array.from({ length: missing }, () => plan.headers.map(() => "")));
      tableRows = blockEnd;
    }
    queueBlock(sheet, plan, block);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one round trip per block keeps each request under the payload limit
    await context.sync();
  }

  // The table over header and data, then column styling.
  const dataRows = Math.max(1, plan.finalDataRowCount);
  const tableAddress = rangeAddress({ row: plan.headerRow, column: plan.column, rowCount: dataRows + 1, columnCount: plan.headers.length });
  if (table) {
    if (features.tableResize && plan.finalDataRowCount > tableRows) table.resize(tableAddress);
  } else {
    const finalTable = sheet.tables.add(tableAddress, true);
    const taken = new Set((allTables?.items ?? []).map((t) => t.name.toLowerCase()));
    finalTable.name = uniqueName(tableNameFor(plan.sheetName), taken);
    finalTable.style = "TableStyleLight9";
  }
  for (const { columnOffset, spec } of plan.columnSpecs) {
    const header = sheet.getRangeByIndexes(plan.headerRow, plan.column + columnOffset, 1, 1);
    const body = sheet.getRangeByIndexes(plan.headerRow + 1, plan.column + columnOffset, dataRows, 1);
    if (spec.readOnly) {
      header.format.fill.color = MARK_COLORS.readOnlyHeaderFill;
      header.format.font.color = MARK_COLORS.readOnlyFont;
      header.format.font.bold = true;
      body.format.font.color = MARK_COLORS.readOnlyFont;
      body.format.font.italic = true;
    }
    const source = spec.options && !spec.readOnly ? selectListSource(spec.options) : null;
    if (source && features.dataValidation) {
      body.dataValidation.clear();
      body.dataValidation.rule = { list: { inCellDropDown: true, source } };
    }
  }
  await context.sync();
}
