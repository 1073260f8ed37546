import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { openXlsxFile } from "../../src/cli/xlsx-file";
import { partsTheCliCannotKeep, zipEntryNames } from "../../src/cli/xlsx-parts";

/** A stored (uncompressed) zip holding the named, empty files: enough for a central directory. */
function zipOf(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe("workbook parts the CLI cannot keep", () => {
  it("lists the files inside an xlsx", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Companies").getCell("A1").value = "id";
    const names = zipEntryNames(Buffer.from(await book.xlsx.writeBuffer()));
    expect(names).toEqual(
      expect.arrayContaining(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"]),
    );
    expect(partsTheCliCannotKeep(names)).toEqual([]);
  });

  it("names charts, pivot tables and macros", () => {
    expect(
      partsTheCliCannotKeep([
        "xl/workbook.xml",
        "xl/charts/chart1.xml",
        "xl/pivotTables/pivotTable1.xml",
        "xl/vbaProject.bin",
      ]),
    ).toEqual(["charts", "pivot tables", "macros"]);
  });

  it("refuses to open a workbook with a chart rather than drop the chart on save", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-parts-"));
    try {
      const path = join(dir, "book.xlsx");
      writeFileSync(path, zipOf(["[Content_Types].xml", "xl/workbook.xml", "xl/charts/chart1.xml"]));
      await expect(openXlsxFile(path)).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining("book.xlsx contains charts, which the CLI cannot keep"),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
