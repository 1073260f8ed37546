/**
 * The very hidden `_twenty_sync` sheet: key | chunk | text rows (src/workbook-layout). Reads touch only
 * the key column plus the rows of the wanted key; writes replace only that key's rows.
 */
import { SyncError } from "../sync/errors";
import { STATE_CHUNK_CHARS, STATE_SHEET_HEADERS, STATE_SHEET_NAME } from "../workbook-layout/layout";
import { stateRowsToTexts, StateSheetFormatError, textToStateRows, type StateRow } from "../workbook-layout/state-chunks";
import { TEXT_FORMAT, toCellInput } from "./cell-writing";

/** Request budget per round trip, well under Excel's 5 MB (state is JSON, so escaping can double its size on the wire). */
const STATE_BYTES_PER_SYNC = 3_500_000;
/** Chunks read per round trip: even fully escaped, 50 chunks of 30,000 characters stay near 3 MB. */
const STATE_ROWS_PER_READ = Math.max(1, Math.floor(STATE_BYTES_PER_SYNC / (2 * STATE_CHUNK_CHARS + 100)));

/** Consecutive slices of `rows` whose JSON size stays within the budget (at least one row each). */
function payloadBatches<T>(rows: T[], budget: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 40;
    if (current.length > 0 && bytes + size > budget) {
      batches.push(current);
      [current, bytes] = [[], 0];
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function damaged(message: string, cause?: unknown): SyncError {
  return new SyncError("VALIDATION_ERROR", `The workbook's sync state sheet "${STATE_SHEET_NAME}" is damaged: ${message}`, { cause });
}

interface KeyIndex {
  /** Zero-based sheet rows of the data rows (row 0 is the header), with their key and chunk cells. */
  rows: { row: number; key: unknown; chunk: unknown }[];
  /** Zero-based row just under the last used row. */
  end: number;
}

async function readKeyIndex(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<KeyIndex> {
  // Keys and chunk numbers only: the texts stay in Excel until a key is asked for.
  const keys = sheet.getRange("A:B").getUsedRangeOrNullObject(true).load("values,rowIndex");
  const header = sheet.getRange("C1").load("values");
  await context.sync();
  if (keys.isNullObject) return { rows: [], end: 0 };
  const headerOk = keys.rowIndex === 0 && [...keys.values[0], header.values[0][0]].every((h, i) => h === STATE_SHEET_HEADERS[i]);
  if (!headerOk) throw damaged(`its header row should read ${STATE_SHEET_HEADERS.join(", ")}`);
  const rows = keys.values.slice(1).map(([key, chunk], i) => ({ row: i + 1, key, chunk }));
  return { rows, end: keys.values.length };
}

export async function readHiddenText(context: Excel.RequestContext, key: string): Promise<string | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return null;
  const index = await readKeyIndex(context, sheet);
  const mine = index.rows.filter((r) => r.key === key);
  if (mine.length === 0) return null;
  const stateRows: unknown[][] = [];
  for (let start = 0; start < mine.length; start += STATE_ROWS_PER_READ) {
    const batch = mine.slice(start, start + STATE_ROWS_PER_READ).map((r) => ({ r, cell: sheet.getRangeByIndexes(r.row, 2, 1, 1).load("values") }));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- state is read in payload-sized batches
    await context.sync();
    for (const { r, cell } of batch) stateRows.push([r.key, r.chunk, cell.values[0][0]]);
  }
  try {
    return stateRowsToTexts(stateRows).get(key) ?? null;
  } catch (error) {
    if (error instanceof StateSheetFormatError) throw damaged(error.message, error);
    throw error;
  }
}

export async function writeHiddenText(context: Excel.RequestContext, key: string, value: string): Promise<void> {
  let sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) {
    sheet = context.workbook.worksheets.add(STATE_SHEET_NAME);
    sheet.visibility = "VeryHidden";
    const header = sheet.getRange("A1:C1");
    header.numberFormat = [[TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT]];
    header.values = [[...STATE_SHEET_HEADERS]];
    await context.sync();
  }
  const index = await readKeyIndex(context, sheet);
  const oldRows = index.rows.filter((r) => r.key === key).map((r) => r.row);
  const newRows: StateRow[] = textToStateRows(key, value);
  const contiguous = oldRows.every((row, i) => i === 0 || row === oldRows[i - 1] + 1);

  let start: number;
  if (oldRows.length === newRows.length && contiguous) {
    start = oldRows[0];
  } else {
    for (let i = oldRows.length - 1; i >= 0; ) {
      let j = i;
      while (j > 0 && oldRows[j - 1] === oldRows[j] - 1) j--;
      sheet.getRangeByIndexes(oldRows[j], 0, oldRows[i] - oldRows[j] + 1, 1).getEntireRow().delete("Up");
      i = j - 1;
    }
    start = Math.max(1, index.end - oldRows.length);
  }
  let offset = 0;
  for (const batch of payloadBatches(newRows, STATE_BYTES_PER_SYNC)) {
    const range = sheet.getRangeByIndexes(start + offset, 0, batch.length, 3);
    range.numberFormat = batch.map(() => [TEXT_FORMAT, "0", TEXT_FORMAT]);
    range.values = batch.map(([k, chunk, text]) => [toCellInput(k, TEXT_FORMAT), chunk, toCellInput(text, TEXT_FORMAT)]);
    offset += batch.length;
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- state is written in payload-sized batches
    await context.sync();
  }
}
