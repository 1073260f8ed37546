import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { promises as fsp } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { backUpFile, writeFileAtomically, type AtomicFs } from "../../src/cli/atomic-file";
import { openXlsxFile, excelLockPathFor } from "../../src/cli/xlsx-file";
import { CliError } from "../../src/cli/cli-error";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "cli-atomic-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const realFs: AtomicFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink };

describe("atomic file writes", () => {
  it("replaces the file's content", async () => {
    const path = join(dir, "book.xlsx");
    writeFileSync(path, "old");
    await writeFileAtomically(path, Buffer.from("new"));
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });

  it.each([
    [
      "fsync",
      {
        ...realFs,
        open: (async (...args: Parameters<typeof fsp.open>) => {
          const handle = await fsp.open(...args);
          return Object.assign(Object.create(handle), {
            writeFile: handle.writeFile.bind(handle),
            close: handle.close.bind(handle),
            sync: async () => {
              throw new Error("EIO: fsync failed");
            },
          });
        }) as typeof fsp.open,
      },
    ],
    [
      "rename",
      {
        ...realFs,
        rename: async () => {
          throw new Error("EXDEV: rename failed");
        },
      },
    ],
  ])("leaves the old file intact and no temp file behind when %s fails", async (_step, fs) => {
    const path = join(dir, "book.xlsx");
    writeFileSync(path, "old");
    await expect(writeFileAtomically(path, Buffer.from("new"), fs as AtomicFs)).rejects.toThrow(/failed/);
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });

  it("keeps only the newest backups", async () => {
    const path = join(dir, "book.xlsx");
    writeFileSync(path, "v");
    for (let i = 0; i < 4; i++) await backUpFile(path, { keep: 2, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    expect(readdirSync(dir).sort()).toEqual([
      "book.xlsx",
      "book.xlsx.2026-01-01T00-00-02-000Z.bak",
      "book.xlsx.2026-01-01T00-00-03-000Z.bak",
    ]);
  });

  it("backs up the version a run started from once, and a failed save keeps the workbook as it was", async () => {
    const path = join(dir, "book.xlsx");
    const first = await openXlsxFile(path);
    await first.port.applyChanges("Companies", {
      columns: [{ header: "id", readOnly: true, format: "text" }],
      updates: [],
      deleteRows: [],
      appends: [{ id: "a" }],
    });
    await first.port.writeHidden("settings", "one");
    await first.save();
    const original = readFileSync(path);

    const failing = await openXlsxFile(path, {
      fs: {
        ...realFs,
        rename: async () => {
          throw new Error("disk full");
        },
      },
    });
    await failing.port.writeHidden("settings", "two");
    await expect(failing.save()).rejects.toThrow(
      /Could not save book.xlsx \(the previous version is unchanged\): disk full/,
    );
    expect(readFileSync(path).equals(original)).toBe(true);
    const backups = readdirSync(dir).filter((n) => n.endsWith(".bak"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0])).equals(original)).toBe(true);
    expect(await (await openXlsxFile(path)).port.readHidden("settings")).toBe("one");
  });

  it("refuses a workbook that Excel has open", async () => {
    const path = join(dir, "book.xlsx");
    writeFileSync(excelLockPathFor(path), "");
    await expect(openXlsxFile(path)).rejects.toThrow(CliError);
    await expect(openXlsxFile(path)).rejects.toThrow(/book.xlsx is open in Excel \(lock file ~\$book.xlsx found\)/);
    expect(existsSync(path)).toBe(false);
  });
});

describe("workbooks Excel could not open", () => {
  it("are not written: a new file holding only the hidden state sheet stays absent", async () => {
    const path = join(dir, "book.xlsx");
    const file = await openXlsxFile(path);
    await file.port.writeHidden("settings", "{}");
    await file.save();
    expect(existsSync(path)).toBe(false);
    await file.port.applyChanges("Companies", {
      columns: [{ header: "id", readOnly: true, format: "text" }],
      updates: [],
      deleteRows: [],
      appends: [{ id: "a" }],
    });
    await file.save();
    expect(existsSync(path)).toBe(true);
  });
});
