/**
 * The workbook file on disk: refuses files open in Excel, loads them into an exceljs model behind an
 * XlsxSheetPort, and saves atomically (with a backup of the version the run started from) at the
 * engine's safe points and at the end.
 */
import ExcelJS from "exceljs";
import { existsSync, promises as fsp } from "fs";
import { basename, dirname, join } from "path";
import { CliError, EXIT_CODES } from "./cli-error";
import { assertCliCanRewrite } from "./xlsx-parts";
import { backUpFile, writeFileAtomically, type AtomicFs } from "./atomic-file";
import { createXlsxSheetPort, type XlsxSheetPort } from "./xlsx-sheet-port";

/** Excel keeps `~$book.xlsx` beside a workbook while it has it open. */
export function excelLockPathFor(path: string): string {
  return join(dirname(path), `~$${basename(path)}`);
}

export function assertNotOpenInExcel(path: string): void {
  if (existsSync(excelLockPathFor(path))) {
    throw new CliError(
      EXIT_CODES.usage,
      `${basename(path)} is open in Excel (lock file ${basename(excelLockPathFor(path))} found). Close it in Excel or sync from the add-in, then retry.`,
    );
  }
}

export interface SavePolicy {
  /** While only hidden state changed, save at most this often at safe points (a final save always happens). */
  minIntervalMs: number;
  /** How many `.bak` copies to keep. */
  keepBackups: number;
}

export const DEFAULT_SAVE_POLICY: SavePolicy = { minIntervalMs: 5_000, keepBackups: 5 };

/**
 * Whether to save at a safe point. Rows that changed may carry client ids the CRM is about to receive,
 * so they are saved at once; a run killed later then re-sends the same ids instead of creating twins.
 */
export function shouldSaveAtSafePoint(
  state: { rowsChanged: boolean; anythingChanged: boolean; msSinceLastSave: number },
  policy: SavePolicy,
): boolean {
  if (state.rowsChanged) return true;
  return state.anythingChanged && state.msSinceLastSave >= policy.minIntervalMs;
}

export interface XlsxFile {
  path: string;
  /** False when the file did not exist and will be created by the first save. */
  existed: boolean;
  port: XlsxSheetPort;
  /** Saves when there are unsaved changes. */
  save(): Promise<void>;
  /** Saves if the policy says this safe point is worth a write. */
  saveAtSafePoint(): Promise<void>;
}

export interface OpenOptions {
  policy?: SavePolicy;
  /** Previews never write: saving becomes a no-op. */
  readOnly?: boolean;
  now?: () => Date;
  /** For tests: make a step of the atomic write fail. */
  fs?: AtomicFs;
}

/**
 * Excel cannot open a workbook whose sheets are all hidden, and a new file whose run stopped before any
 * object sheet was written holds nothing but settings; such a workbook is not written (the next run starts over).
 */
function hasVisibleSheet(workbook: ExcelJS.Workbook): boolean {
  return workbook.worksheets.some((ws) => ws.state === "visible" || ws.state === undefined);
}

async function loadWorkbook(
  path: string,
): Promise<{ workbook: ExcelJS.Workbook; existed: boolean; mtime: Date | null }> {
  const workbook = new ExcelJS.Workbook();
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch {
    return { workbook, existed: false, mtime: null };
  }
  try {
    const data = await fsp.readFile(path);
    assertCliCanRewrite(data, basename(path));
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      EXIT_CODES.usage,
      `${basename(path)} is not a readable .xlsx workbook: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { workbook, existed: true, mtime: stat.mtime };
}

export async function openXlsxFile(path: string, options: OpenOptions = {}): Promise<XlsxFile> {
  const policy = options.policy ?? DEFAULT_SAVE_POLICY;
  const now = options.now ?? (() => new Date());
  assertNotOpenInExcel(path);
  const { workbook, existed, mtime } = await loadWorkbook(path);
  let lastSaveAt = now().getTime();
  let backedUp = false;

  const save = async () => {
    if (options.readOnly || (!port.changedSinceSave && existsSync(path))) return;
    if (!hasVisibleSheet(workbook)) return;
    assertNotOpenInExcel(path);
    if (!backedUp && existsSync(path)) {
      await backUpFile(path, { keep: policy.keepBackups, now: now() });
    }
    backedUp = true;
    const data = await workbook.xlsx.writeBuffer();
    try {
      await writeFileAtomically(path, new Uint8Array(data as ArrayBuffer), options.fs);
    } catch (error) {
      throw new CliError(
        EXIT_CODES.usage,
        `Could not save ${basename(path)} (the previous version is unchanged): ${(error as Error).message}`,
        { cause: error },
      );
    }
    port.markSaved();
    lastSaveAt = now().getTime();
  };

  const saveAtSafePoint = async () => {
    const state = {
      rowsChanged: port.rowsChangedSinceSave,
      anythingChanged: port.changedSinceSave,
      msSinceLastSave: now().getTime() - lastSaveAt,
    };
    if (shouldSaveAtSafePoint(state, policy)) await save();
  };

  const port: XlsxSheetPort = createXlsxSheetPort(workbook, {
    lastModifiedAt: mtime ? mtime.toISOString() : null,
    onStateWritten: saveAtSafePoint,
  });

  return { path, existed, port, save, saveAtSafePoint };
}
