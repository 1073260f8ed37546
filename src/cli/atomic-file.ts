/**
 * Crash-safe replacement of a file: write a temp file in the same folder, fsync it, rename it over the
 * target (atomic on one file system), then fsync the folder. A failure at any step leaves the old file
 * as it was and removes the temp file.
 */
import { promises as fsp } from "fs";
import { basename, dirname, join } from "path";

/** The file-system calls used, injectable so tests can make a step fail. */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

const realFs: AtomicFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink };

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

export async function writeFileAtomically(path: string, data: Uint8Array, fs: AtomicFs = realFs): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await fs.open(temp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Makes the rename itself durable. Not every platform can open a folder (Windows cannot); that is fine. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fsp.open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort only
  }
}

export interface BackupOptions {
  keep: number;
  now: Date;
}

const BACKUP_SUFFIX = ".bak";

export function backupPathFor(path: string, now: Date): string {
  return `${path}.${now.toISOString().replace(/[:.]/g, "-")}${BACKUP_SUFFIX}`;
}

/** Copies the current file to `book.xlsx.<time>.bak` and deletes all but the newest `keep` backups. */
export async function backUpFile(path: string, options: BackupOptions): Promise<string> {
  const backup = backupPathFor(path, options.now);
  await fsp.copyFile(path, backup);
  const prefix = `${basename(path)}.`;
  const backups = (await fsp.readdir(dirname(path)))
    .filter(
      (name) =>
        name.startsWith(prefix) && name.endsWith(BACKUP_SUFFIX) && /^\d{4}-\d\d-\d\dT/.test(name.slice(prefix.length)),
    )
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - options.keep))) {
    await fsp.unlink(join(dirname(path), old)).catch(() => undefined);
  }
  return backup;
}
