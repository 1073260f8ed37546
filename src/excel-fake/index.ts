/**
 * An in-memory Excel: the subset of the Excel JavaScript API the adapter uses, with real load/sync
 * semantics, a cell grid, round-trip and payload accounting and the 5 MB payload limit. Runs in Node
 * (adapter tests) and in the browser (the workbook host renders its grid from `workbook`).
 */
import { parseRangeAddress, qualifiedAddress, rangeAddress, splitSheetAddress, type GridRange } from "../workbook-layout/a1";
import type { Scalar } from "./cell-input";
import { FakeOfficeError } from "./office-error";
import { dispatchChanges, FakeRequestContext, type FakeHost, type RegisteredHandler } from "./request-context";
import { WorkbookModel, type CellData, type ListValidation, type SheetData, type Visibility } from "./workbook-model";

export { FakeOfficeError } from "./office-error";
export type { ChangedEventArgs } from "./request-context";
export type { Scalar } from "./cell-input";

export interface FakeExcelOptions {
  /** Highest supported ExcelApi version, e.g. "1.9" to test fallbacks. Default "1.18". */
  apiVersion?: string;
  /** Request and response payload limit per sync. Default 5 MB, as Excel on the web. */
  payloadLimitBytes?: number;
  /** Worksheets to start with (name → rows of values written from A1). Default: one empty "Sheet1". */
  sheets?: Record<string, Scalar[][]>;
}

export interface SyncStats {
  /** Number of `context.sync()` round trips (including the implicit one at the end of `Excel.run`). */
  syncs: number;
  /** Request plus response bytes over all syncs. */
  payloadBytes: number;
  /** Largest single request payload seen. */
  maxRequestBytes: number;
  runs: number;
  /** Options passed to the last `Excel.run`, e.g. `{ delayForCellEdit: true }`. */
  lastRunOptions: Record<string, unknown> | null;
}

export interface CellInfo {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  font: { color: string | null; italic: boolean; bold: boolean };
  validation: ListValidation | null;
}

export type FakeExcel = ReturnType<typeof createFakeExcel>;

const MB = 1024 * 1024;

function parseMinor(version: string): number {
  const m = /^1\.(\d+)$/.exec(version.trim());
  if (!m) throw new Error(`"${version}" is not an ExcelApi version like "1.18"`);
  return Number(m[1]);
}

function where(address: string): { sheetName: string; range: GridRange } {
  const { sheetName, local } = splitSheetAddress(address);
  if (!sheetName) throw new Error(`"${address}" must name its sheet, e.g. "People!B2"`);
  return { sheetName, range: parseRangeAddress(local) };
}

export function createFakeExcel(options: FakeExcelOptions = {}) {
  const model = new WorkbookModel();
  const apiMinor = parseMinor(options.apiVersion ?? "1.18");
  const listeners = new Set<() => void>();
  const pending = new Set<Promise<unknown>>();
  const handlerErrors: unknown[] = [];
  const stats: SyncStats = { syncs: 0, payloadBytes: 0, maxRequestBytes: 0, runs: 0, lastRunOptions: null };
  let handlerIds = 1;

  const notify = () => listeners.forEach((listener) => listener());
  const track = (promises: Promise<unknown>[]) => {
    for (const p of promises) {
      const settled = p.catch((error: unknown) => void handlerErrors.push(error)).finally(() => pending.delete(settled));
      pending.add(settled);
    }
  };

  const host: FakeHost = {
    model,
    apiMinor,
    payloadLimitBytes: options.payloadLimitBytes ?? 5 * MB,
    handlers: [] as RegisteredHandler[],
    nextHandlerId: () => handlerIds++,
    afterSync({ requestBytes, responseBytes, changes, mutated }) {
      stats.syncs++;
      stats.payloadBytes += requestBytes + responseBytes;
      stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
      track(dispatchChanges(host, changes, "ThisLocalAddin"));
      // Subscribers (a grid on screen) hear of every batch that changed something: values, formats, notes, sheets.
      if (mutated) notify();
    },
  };

  for (const [name, rows] of Object.entries(options.sheets ?? { Sheet1: [] })) {
    const sheet = model.addSheet(name);
    if (rows.length > 0) model.writeValues(sheet, { row: 0, column: 0, rowCount: rows.length, columnCount: rows[0].length }, rows);
  }
  model.drainChanges();

  async function run<T>(first: unknown, second?: unknown): Promise<T> {
    const batch = (typeof first === "function" ? first : second) as (context: FakeRequestContext) => Promise<T>;
    stats.runs++;
    // Excel.run(existingContext, batch) continues with a context from an earlier run (e.g. to remove event handlers).
    const reused = first instanceof FakeRequestContext ? first : null;
    stats.lastRunOptions = typeof first === "function" || reused ? null : ((first as Record<string, unknown>) ?? null);
    const context = reused ?? new FakeRequestContext(host);
    const result = await batch(context);
    if (context.hasPending()) await context.sync();
    return result;
  }

  const Excel = {
    run,
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    InsertShiftDirection: { down: "Down", right: "Right" },
    EventSource: { local: "Local", remote: "Remote" },
    EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
    ErrorCodes: {
      invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation",
      itemNotFound: "ItemNotFound",
      itemAlreadyExists: "ItemAlreadyExists",
      apiNotFound: "ApiNotFound",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
      invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
    },
  } as unknown as typeof globalThis.Excel;

  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string | number) => {
          if (name !== "ExcelApi") return false;
          // A number like 1.10 arrives as "1.1": the reason the docs insist on strings.
          return version === undefined || parseMinor(String(version)) <= apiMinor;
        },
      },
    },
  } as unknown as typeof globalThis.Office;

  const sheetNamed = (name: string): SheetData => {
    const sheet = model.findSheet(name);
    if (!sheet) throw new Error(`no worksheet "${name}"`);
    return sheet;
  };

  const cellInfo = (sheet: SheetData, row: number, column: number): CellInfo => {
    const cell: CellData | undefined = model.cell(sheet, row, column);
    return {
      value: model.cellValue(sheet, row, column),
      formula: cell?.formula ?? null,
      numberFormat: cell?.numberFormat ?? "General",
      fill: cell?.fill ?? null,
      font: { color: cell?.fontColor ?? null, italic: cell?.italic === true, bold: cell?.bold === true },
      validation: cell?.validation ?? null,
    };
  };

  const annotations = (kind: "notes" | "comments", sheetName?: string) =>
    model[kind]
      .filter((a) => !sheetName || model.sheetById(a.sheetId).name === sheetName)
      .map((a) => ({ address: qualifiedAddress(model.sheetById(a.sheetId).name, { row: a.row, column: a.column, rowCount: 1, columnCount: 1 }), content: a.content }));

  /** Inspection and seeding for tests and the browser grid. Seeding bypasses syncs and events. */
  const workbook = {
    sheetNames: (): string[] => model.sheets.map((s) => s.name),
    visibility: (name: string): Visibility => sheetNamed(name).visibility,
    activeSheet: (): string | null => model.sheets.find((s) => s.id === model.activeSheetId)?.name ?? null,
    selection: (): string | null => (model.selection ? qualifiedAddress(model.sheetById(model.selection.sheetId).name, model.selection.range) : null),
    addSheet: (name: string): void => void model.addSheet(name),
    /** Address like "People!B2". */
    cell: (address: string): CellInfo => {
      const { sheetName, range } = where(address);
      return cellInfo(sheetNamed(sheetName), range.row, range.column);
    },
    /** Computed values of a range, e.g. "People!A1:C3". */
    values: (address: string): Scalar[][] => {
      const { sheetName, range } = where(address);
      const sheet = sheetNamed(sheetName);
      return Array.from({ length: range.rowCount }, (_, i) => Array.from({ length: range.columnCount }, (_, j) => model.cellValue(sheet, range.row + i, range.column + j)));
    },
    usedRange: (name: string): string | null => {
      const used = model.usedRange(sheetNamed(name), true);
      return used ? rangeAddress(used) : null;
    },
    /** Every non-empty cell of a sheet, for rendering a grid. */
    cells: (name: string): { row: number; column: number; info: CellInfo }[] => {
      const sheet = sheetNamed(name);
      const used = model.usedRange(sheet, false);
      if (!used) return [];
      const out: { row: number; column: number; info: CellInfo }[] = [];
      for (let r = used.row; r < used.row + used.rowCount; r++)
        for (let c = used.column; c < used.column + used.columnCount; c++) if (model.cell(sheet, r, c)) out.push({ row: r, column: c, info: cellInfo(sheet, r, c) });
      return out;
    },
    tables: (sheetName?: string) =>
      model.tables
        .filter((t) => !sheetName || model.sheetById(t.sheetId).name === sheetName)
        .map((t) => {
          const sheet = model.sheetById(t.sheetId);
          return {
            name: t.name,
            sheet: sheet.name,
            style: t.style,
            address: rangeAddress({ row: t.row, column: t.column, rowCount: t.rowCount, columnCount: t.columnCount }),
            headers: Array.from({ length: t.columnCount }, (_, j) => String(model.cellValue(sheet, t.row, t.column + j))),
            dataRowCount: t.rowCount - 1,
          };
        }),
    notes: (sheetName?: string) => annotations("notes", sheetName),
    comments: (sheetName?: string) => annotations("comments", sheetName),
    /** Seeds values from the top-left cell of `address` (e.g. "People!F1"), as a user would have typed them. */
    setValues: (address: string, values: Scalar[][]): void => {
      const { sheetName, range } = where(address);
      model.writeValues(sheetNamed(sheetName), { row: range.row, column: range.column, rowCount: values.length, columnCount: values[0]?.length ?? 0 }, values);
      model.drainChanges();
      notify();
    },
    /** Seeds a user's own fill colour on a range. */
    setFill: (address: string, color: string | null): void => {
      const { sheetName, range } = where(address);
      model.setAttribute(sheetNamed(sheetName), range, "fill", color === null ? undefined : color.toUpperCase());
      notify();
    },
    /** Seeds a user's own note (needs no API version: the user made it in Excel). */
    addNote: (address: string, content: string): void => {
      const { sheetName, range } = where(address);
      model.addAnnotation("notes", sheetNamed(sheetName), range.row, range.column, content);
      notify();
    },
  };

  /** Simulates the user typing `value` into one cell: Excel's input rules apply and onChanged fires with source Local. */
  async function editCell(sheetName: string, address: string, value: Scalar): Promise<void> {
    const sheet = sheetNamed(sheetName);
    const range = parseRangeAddress(address);
    if (range.rowCount !== 1 || range.columnCount !== 1) throw new FakeOfficeError("InvalidArgument", "editCell edits a single cell");
    model.writeValues(sheet, range, [[value]]);
    const handlers = dispatchChanges(host, model.drainChanges(), "Unknown");
    track(handlers);
    notify();
    await Promise.allSettled(handlers);
  }

  /** Resolves once every change-event handler started so far (and any they triggered) has finished. */
  async function whenIdle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { Excel, Office, workbook, stats, editCell, whenIdle, subscribe, handlerErrors, apiVersion: `1.${apiMinor}` };
}
