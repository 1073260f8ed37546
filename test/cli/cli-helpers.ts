/** Shared by the CLI tests: a stand-in server, captured streams, and reading/editing workbooks with exceljs. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { inflateRawSync } from "zlib";
import { join } from "path";
import { runCli } from "../../src/cli/cli";
import { ERROR_COLUMN_HEADER } from "../../src/workbook-layout/layout";
import { startTwentyStub, type RunningStub } from "../../src/twenty-stub";

export const API_KEY = "cli-test-key-0123456789";

export async function startStub(seed: "sample" | "empty" = "empty"): Promise<RunningStub> {
  return startTwentyStub({ apiKey: API_KEY, seed, rateLimit: null });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "cli-test-"));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, like `twenty-excel-sync …` with the stub's URL and key in the environment. */
export async function cli(
  stub: RunningStub,
  cwd: string,
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    env: { TWENTY_API_URL: stub.url, TWENTY_API_KEY: API_KEY, ...env },
    cwd,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
  });
  return { code, stdout, stderr };
}

export interface Row {
  rowNumber: number;
  values: Record<string, unknown>;
}

/** The synced table's headers (the error column right of it excluded) and its non-empty rows. */
export async function readSheet(
  path: string,
  sheetName: string,
): Promise<{ headers: string[]; rows: Row[]; sheet: ExcelJS.Worksheet }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const headers: string[] = [];
  for (let c = 1; sheet.getCell(1, c).value !== null && sheet.getCell(1, c).value !== ERROR_COLUMN_HEADER; c++)
    headers.push(String(sheet.getCell(1, c).value));
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values: Record<string, unknown> = {};
    headers.forEach((h, i) => (values[h] = sheet.getCell(r, i + 1).value));
    if (Object.values(values).some((v) => v !== null)) rows.push({ rowNumber: r, values });
  }
  return { headers, rows, sheet };
}

/** Opens the workbook with exceljs, lets `edit` change cells by header, and saves it, as a user's tool would. */
export async function editSheet(
  path: string,
  sheetName: string,
  edit: (api: {
    set(rowNumber: number, header: string, value: ExcelJS.CellValue): void;
    rows: Row[];
    appendRow(values: Record<string, ExcelJS.CellValue>): void;
  }) => void,
): Promise<void> {
  const { headers, rows } = await readSheet(path, sheetName);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet(sheetName) as ExcelJS.Worksheet;
  let next = Math.max(1, ...rows.map((r) => r.rowNumber)) + 1;
  const set = (rowNumber: number, header: string, value: ExcelJS.CellValue) => {
    const col = headers.indexOf(header) + 1;
    if (col === 0) throw new Error(`no column ${header}`);
    sheet.getCell(rowNumber, col).value = value;
  };
  edit({
    rows,
    set,
    appendRow: (values) => {
      const rowNumber = next++;
      for (const [header, value] of Object.entries(values)) set(rowNumber, header, value);
    },
  });
  await book.xlsx.writeFile(path);
}

/** The text of one file inside a zip (an .xlsx), found through the central directory; deflated or stored. */
export function zipMemberText(zip: Buffer, member: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    if (name === member) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  throw new Error(`${member} is not in the archive`);
}
