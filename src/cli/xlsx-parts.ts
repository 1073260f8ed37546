/**
 * exceljs rewrites a workbook from its own model, and parts it does not model (charts, pivot tables,
 * slicers, macros, the data model) would silently vanish. The CLI refuses such workbooks instead, which
 * needs only the names in the zip's central directory.
 */
import { CliError, EXIT_CODES } from "./cli-error";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/** Names of the files inside a zip archive, read from its central directory. */
export function zipEntryNames(zip: Buffer): string[] {
  const minEnd = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= minEnd; i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip archive (no central directory)");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY)
      throw new Error("damaged zip central directory");
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const UNKEPT_PARTS: [RegExp, string][] = [
  [/^xl\/charts\//, "charts"],
  [/^xl\/chartsheets\//, "chart sheets"],
  [/^xl\/pivotTables\//, "pivot tables"],
  [/^xl\/slicers\//, "slicers"],
  [/^xl\/timelines\//, "timelines"],
  [/^xl\/vbaProject\.bin$/, "macros"],
  [/^xl\/model\//, "a data model"],
];

/** What the workbook holds that a rewrite by the CLI would lose. */
export function partsTheCliCannotKeep(entryNames: string[]): string[] {
  return UNKEPT_PARTS.filter(([pattern]) => entryNames.some((name) => pattern.test(name))).map(([, what]) => what);
}

export function assertCliCanRewrite(zip: Buffer, fileName: string): void {
  const lost = partsTheCliCannotKeep(zipEntryNames(zip));
  if (lost.length > 0) {
    throw new CliError(
      EXIT_CODES.usage,
      `${fileName} contains ${lost.join(", ")}, which the CLI cannot keep when it saves the file. Sync this workbook from the add-in in Excel, or keep the synced sheets in a workbook of their own.`,
    );
  }
}
