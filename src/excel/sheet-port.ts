/**
 * The Excel adapter: SheetPort over Office.js, plus the workbook helpers the task pane needs.
 * Every call is one `Excel.run`; Office errors come out as SyncErrors.
 */
import { SyncError } from "../sync/errors";
import type { CellValue, SheetChanges, SheetMarks, SheetPort, SheetRow, SheetTable } from "../sync/ports";
import { parseRangeAddress, splitSheetAddress } from "../workbook-layout/a1";
import { HIDDEN_KEYS, STATE_SHEET_NAME } from "../workbook-layout/layout";
import { DEFAULT_WRITE_LIMITS, planChanges, type WriteLimits, type WritePlan } from "./change-plan";
import { afterDeletions, parseEdits, serializeEdits } from "./edit-records";
import { readHiddenText, writeHiddenText } from "./hidden-state";
import { applyMarks } from "./marks";
import { detectFeatures, type ExcelFeatures, type ExcelRunner, type OfficeRequirements } from "./office-api";
import { toSyncError } from "./office-errors";
import { writePlan } from "./plan-writer";
import { readForChanges, readSnapshot } from "./table-reader";

export interface ExcelSheetPortOptions {
  /** `Excel` (global by default); tests pass the in-memory Excel. */
  excel?: ExcelRunner;
  /** `Office` (global by default), for requirement-set checks. */
  office?: OfficeRequirements;
  now?: () => Date;
  writeLimits?: WriteLimits;
  /**
   * Hosts before ExcelApi 1.8 can neither mute nor tag the add-in's own change events, so edits seen
   * while writing, and this long after, are taken as the add-in's. Default 250 ms.
   */
  ownWriteGraceMs?: number;
  /** Edits within this many milliseconds of the first are stored together. Default 100 ms. */
  editStoreDelayMs?: number;
}

export interface ApplyResult {
  appendedRowNumbers: number[];
  /** Cells left alone because the user had put a formula there. */
  skippedFormulaCells: WritePlan["skippedFormulaCells"];
}

export interface EditTracking {
  /** Sheets whose edits are being recorded. */
  sheets: string[];
  stop(): Promise<void>;
  /** Resolves when every edit seen so far has been stored. */
  flushed(): Promise<void>;
}

export interface WorksheetInfo {
  name: string;
  visible: boolean;
}

export interface ExcelSheetPort extends SheetPort {
  readonly features: ExcelFeatures;
  applyChanges(sheetName: string, changes: SheetChanges): Promise<ApplyResult>;
  /** Records the rows the user edits on these sheets (all worksheets but the state sheet when omitted). */
  startEditTracking(sheetNames?: string[]): Promise<EditTracking>;
  /** Activates the sheet and selects the whole row (1-based). */
  selectRow(sheetName: string, rowNumber: number): Promise<void>;
  /** Worksheets the user can pick for a mapping; the state sheet is never listed. */
  listWorksheets(): Promise<WorksheetInfo[]>;
}

export function createExcelSheetPort(options: ExcelSheetPortOptions = {}): ExcelSheetPort {
  const excel = options.excel ?? Excel;
  const office = options.office ?? Office;
  const features = detectFeatures(office);
  const now = options.now ?? (() => new Date());
  const limits = options.writeLimits ?? DEFAULT_WRITE_LIMITS;
  const graceMs = options.ownWriteGraceMs ?? 250;
  const editStoreDelayMs = options.editStoreDelayMs ?? 100;
  /** Own writes in progress, counted only on hosts that can neither mute (1.8) nor tag (1.14) the add-in's events. */
  const countWrites = !features.enableEvents && !features.triggerSource;
  let writing = 0;

  async function run<T>(action: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return features.delayForCellEdit ? await excel.run({ delayForCellEdit: true }, batch) : await excel.run(batch);
    } catch (error) {
      throw toSyncError(error, action);
    }
  }

  /** A run that writes: change events are muted (1.8+) unless the host tags our own writes (1.14+). */
  async function runWrite<T>(action: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const mute = features.enableEvents && !features.triggerSource;
    if (countWrites) writing++;
    try {
      return await run(action, async (context) => {
        if (mute) context.runtime.enableEvents = false;
        try {
          return await batch(context);
        } finally {
          if (mute) {
            context.runtime.enableEvents = true;
            await context.sync();
          }
        }
      });
    } finally {
      if (countWrites) setTimeout(() => writing--, graceMs);
    }
  }

  const checkName = (sheetName: string) => {
    if (sheetName.toLowerCase() === STATE_SHEET_NAME) throw new SyncError("VALIDATION_ERROR", `"${STATE_SHEET_NAME}" is reserved for sync state.`);
  };

  /** Edited rows not stored yet, per sheet; a burst of edits is stored in one write. */
  const pendingEdits = new Map<string, Map<number, string>>();
  let storing: Promise<void> | null = null;

  async function storePendingEdits(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, editStoreDelayMs)); // let the edits of one burst gather first
    while (pendingEdits.size > 0) {
      const [sheetName, rows] = pendingEdits.entries().next().value!;
      pendingEdits.delete(sheetName);
      try {
        await runWrite(`recording edits on "${sheetName}"`, async (context) => {
          const key = HIDDEN_KEYS.edits(sheetName);
          const edits = parseEdits(sheetName, await readHiddenText(context, key));
          for (const [row, at] of rows) edits.set(row, at);
          await writeHiddenText(context, key, serializeEdits(edits));
        });
      } catch {
        // An edit whose time cannot be stored only loses its time: the next sync still sees the new value.
      }
    }
  }

  function startStoring(): Promise<void> {
    storing ??= storePendingEdits().finally(() => {
      storing = null;
      if (pendingEdits.size > 0) void startStoring();
    });
    return storing;
  }

  function recordEdits(sheetName: string, rows: number[]): Promise<void> {
    const at = now().toISOString();
    const pending = pendingEdits.get(sheetName) ?? new Map<number, string>();
    for (const row of rows) pending.set(row, at);
    pendingEdits.set(sheetName, pending);
    return startStoring();
  }

  return {
    features,

    async readTable(sheetName: string): Promise<SheetTable | null> {
      checkName(sheetName);
      return run(`reading sheet "${sheetName}"`, async (context) => {
        const snapshot = await readSnapshot(context, sheetName);
        if (!snapshot) return null;
        const edits = parseEdits(sheetName, await readHiddenText(context, HIDDEN_KEYS.edits(sheetName)));
        const rows: SheetRow[] = [];
        snapshot.rows.forEach((row, i) => {
          if (row.values.every((v) => v === null)) return;
          const rowNumber = snapshot.headerRow + 2 + i;
          const values: Record<string, CellValue> = {};
          snapshot.headers.forEach((header, j) => (values[header] = row.values[j]));
          const sheetRow: SheetRow = { rowNumber, values, editedAt: edits.get(rowNumber) ?? null };
          if (row.formulaColumns.length > 0) sheetRow.formulaColumns = row.formulaColumns.map((j) => snapshot.headers[j]);
          rows.push(sheetRow);
        });
        return { sheetName: snapshot.sheetName, headers: snapshot.headers, rows, lastModifiedAt: null };
      });
    },

    async applyChanges(sheetName: string, changes: SheetChanges): Promise<ApplyResult> {
      checkName(sheetName);
      return runWrite(`writing sheet "${sheetName}"`, async (context) => {
        const plan = planChanges(sheetName, await readForChanges(context, sheetName, changes), changes, limits);
        await writePlan(context, plan, features);
        if (plan.deletedRowNumbers.length > 0) {
          const key = HIDDEN_KEYS.edits(sheetName);
          const stored = await readHiddenText(context, key);
          if (stored !== null) await writeHiddenText(context, key, serializeEdits(afterDeletions(parseEdits(sheetName, stored), plan.deletedRowNumbers)));
        }
        return { appendedRowNumbers: plan.appendedRowNumbers, skippedFormulaCells: plan.skippedFormulaCells };
      });
    },

    async setMarks(sheetName: string, marks: SheetMarks): Promise<void> {
      checkName(sheetName);
      await runWrite(`marking sheet "${sheetName}"`, (context) => applyMarks(context, sheetName, marks, features));
    },

    async readHidden(key: string): Promise<string | null> {
      return run(`reading sync state "${key}"`, (context) => readHiddenText(context, key));
    },

    async writeHidden(key: string, value: string): Promise<void> {
      await runWrite(`saving sync state "${key}"`, (context) => writeHiddenText(context, key, value));
    },

    async startEditTracking(sheetNames?: string[]): Promise<EditTracking> {
      const registered = await run("starting edit tracking", async (context) => {
        const worksheets = context.workbook.worksheets.load("items/name");
        await context.sync();
        const wanted = sheetNames ? new Set(sheetNames.map((n) => n.toLowerCase())) : null;
        const sheets = worksheets.items.filter((s) => s.name !== STATE_SHEET_NAME && (!wanted || wanted.has(s.name.toLowerCase())));
        const handlers = sheets.map((sheet) => {
          const sheetName = sheet.name;
          return sheet.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
            if (event.triggerSource === "ThisLocalAddin" || writing > 0) return;
            if (event.changeType !== undefined && !["RangeEdited", "CellInserted", "CellDeleted", "Unknown"].includes(event.changeType)) return;
            const range = parseRangeAddress(splitSheetAddress(event.address).local);
            const rows: number[] = [];
            // Header row (1) is not data; whole-column edits are clamped to a sane number of rows.
            for (let r = Math.max(range.row, 1); r < range.row + Math.min(range.rowCount, 100_000); r++) rows.push(r + 1);
            if (rows.length > 0) await recordEdits(sheetName, rows);
          });
        });
        await context.sync();
        return { context, handlers, names: sheets.map((s) => s.name) };
      });
      return {
        sheets: registered.names,
        flushed: async () => {
          while (storing) await storing;
        },
        stop: async () => {
          try {
            await excel.run(registered.context, async (context) => {
              for (const handler of registered.handlers) handler.remove();
              await context.sync();
            });
          } catch (error) {
            throw toSyncError(error, "stopping edit tracking");
          }
        },
      };
    },

    async selectRow(sheetName: string, rowNumber: number): Promise<void> {
      if (!Number.isInteger(rowNumber) || rowNumber < 1) throw new SyncError("VALIDATION_ERROR", `Row ${rowNumber} is not a worksheet row.`);
      await run(`selecting row ${rowNumber} of "${sheetName}"`, async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getRangeByIndexes(rowNumber - 1, 0, 1, 1).getEntireRow().select();
        await context.sync();
      });
    },

    async listWorksheets(): Promise<WorksheetInfo[]> {
      return run("listing worksheets", async (context) => {
        const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
        await context.sync();
        return worksheets.items.filter((s) => s.name !== STATE_SHEET_NAME).map((s) => ({ name: s.name, visible: s.visibility === "Visible" }));
      });
    },
  };
}
