/**
 * Proxy objects with Office.js load/sync semantics over a WorkbookModel: writes and loads are queued
 * and only happen at `context.sync()`; reading a property that was not loaded and synced throws
 * `PropertyNotLoaded`, as real Office.js does.
 */
import { MAX_COLUMNS, MAX_ROWS, parseRangeAddress, qualifiedAddress, rangeAddress, splitSheetAddress, type GridRange } from "../workbook-layout/a1";
import type { Scalar } from "./cell-input";
import { FakeOfficeError } from "./office-error";
import type { AnnotationData, ChangeRecord, ListValidation, SheetData, TableData, Visibility, WorkbookModel } from "./workbook-model";

export interface ChangedEventArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: string;
  source: "Local" | "Remote";
  triggerSource?: "Unknown" | "ThisLocalAddin";
}

export interface RegisteredHandler {
  id: number;
  /** null: every worksheet (worksheets.onChanged). */
  sheetId: string | null;
  handler: (args: ChangedEventArgs) => unknown;
}

/** What the proxies share with the fake as a whole. */
export interface FakeHost {
  readonly model: WorkbookModel;
  /** Highest supported ExcelApi minor version, e.g. 18 for 1.18. */
  readonly apiMinor: number;
  readonly payloadLimitBytes: number;
  readonly handlers: RegisteredHandler[];
  nextHandlerId(): number;
  /** Counts the round trip, fires change events for the batch's writes and tells subscribers. */
  afterSync(report: { requestBytes: number; responseBytes: number; changes: ChangeRecord[]; mutated: boolean }): void;
}

interface Op {
  describe: unknown;
  run: () => unknown;
  /** False for loads: they change nothing. */
  mutates: boolean;
}

const SIZE = (value: unknown) => JSON.stringify(value ?? null).length;

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;
  readonly application: FakeApplication;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  private queue: Op[] = [];
  private nextObjectId = 1;

  constructor(readonly host: FakeHost) {
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
    this.application = this.workbook.application;
  }

  objectId(): number {
    return this.nextObjectId++;
  }

  requireApi(minor: number, what: string): void {
    if (this.host.apiMinor < minor) throw new FakeOfficeError("ApiNotFound", `${what} needs ExcelApi 1.${minor}; this host supports 1.${this.host.apiMinor}.`);
  }

  enqueue(describe: unknown, run: () => unknown, mutates = true): void {
    this.queue.push({ describe, run, mutates });
  }

  hasPending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const requestBytes = SIZE(ops.map((op) => op.describe));
    if (requestBytes > this.host.payloadLimitBytes) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload (${requestBytes} bytes) exceeds the ${this.host.payloadLimitBytes}-byte limit.`);
    }
    let responseBytes = 0;
    let failure: unknown = null;
    for (const op of ops) {
      try {
        responseBytes += SIZE(op.run());
      } catch (error) {
        failure = error;
        break;
      }
    }
    this.host.afterSync({ requestBytes, responseBytes, changes: this.host.model.drainChanges(), mutated: ops.some((op) => op.mutates) });
    if (failure) throw failure;
    if (responseBytes > this.host.payloadLimitBytes) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload (${responseBytes} bytes) exceeds the ${this.host.payloadLimitBytes}-byte limit.`);
    }
  }
}

/** Fires worksheet change events for recorded changes, as Excel does after a batch or a user edit. */
export function dispatchChanges(host: FakeHost, changes: ChangeRecord[], trigger: "Unknown" | "ThisLocalAddin"): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  for (const change of changes) {
    const sheet = host.model.sheets.find((s) => s.id === change.sheetId);
    if (!sheet) continue;
    const args: ChangedEventArgs = {
      type: "WorksheetChanged",
      worksheetId: sheet.id,
      address: rangeAddress(change.range),
      changeType: change.changeType,
      source: "Local",
      ...(host.apiMinor >= 14 ? { triggerSource: trigger } : {}),
    };
    for (const h of host.handlers.filter((x) => x.sheetId === null || x.sheetId === sheet.id)) {
      // Like Excel, events reach the add-in after the batch that caused them has returned.
      pending.push(new Promise((resolve) => setTimeout(resolve, 0)).then(() => h.handler({ ...args })));
    }
  }
  return pending;
}

type LoadSpec = string | string[] | Record<string, unknown> | undefined;

/** Normalises the three shapes `load()` accepts into property paths like "format/fill/color". */
function loadPaths(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s) ?? []);
  const paths: string[] = [];
  for (const [name, value] of Object.entries(spec)) {
    if (name === "select" && typeof value === "string") paths.push(...(loadPaths(value) ?? []));
    else if (value === true) paths.push(name);
    else if (value && typeof value === "object") paths.push(...(loadPaths(value as LoadSpec) ?? []).map((p) => `${name}/${p}`));
  }
  return paths;
}

abstract class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  readonly objectId: number;

  constructor(readonly context: FakeRequestContext) {
    this.objectId = context.objectId();
  }

  /** Scalar properties loaded when `load()` gets no argument. */
  protected abstract readonly scalarNames: readonly string[];
  /** Reads a scalar property from the model, at sync time. */
  protected abstract readScalar(name: string): unknown;
  /** null when an *OrNullObject proxy points at nothing; throws ItemNotFound for a missing plain getItem. */
  protected abstract exists(): boolean;

  protected navigation(_name: string): ClientObject | undefined {
    return undefined;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue({ load: this.objectId, paths }, () => this.loadNow(paths), false);
    return this;
  }

  /** Runs at sync: snapshots the requested properties and returns them (their size is the response payload). */
  loadNow(paths: string[] | null): Record<string, unknown> {
    const snapshot: Record<string, unknown> = {};
    const present = this.exists();
    this.loaded.set("isNullObject", !present);
    const names = paths ?? this.scalarNames;
    for (const path of names) {
      const [head, ...rest] = path.split("/");
      const child = this.navigation(head);
      if (child) {
        snapshot[head] = present ? child.loadNow(rest.length ? [rest.join("/")] : null) : null;
        continue;
      }
      if (head === "isNullObject") continue;
      if (!this.scalarNames.includes(head)) throw new FakeOfficeError("PropertyNotFound", `The property "${head}" does not exist on this object.`);
      const value = present ? this.readScalar(head) : null;
      this.loaded.set(head, value);
      snapshot[head] = value;
    }
    return snapshot;
  }

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    return this.get<boolean>("isNullObject");
  }

  protected queueSet(name: string, value: unknown, apply: () => void): void {
    this.context.enqueue({ set: this.objectId, name, value }, () => {
      if (!this.exists()) throw new FakeOfficeError("ItemNotFound", `Cannot set "${name}" on an object that does not exist.`);
      apply();
    });
  }

  protected queueCall(method: string, args: unknown, run: () => unknown): void {
    this.context.enqueue({ call: this.objectId, method, args }, () => {
      if (!this.exists()) throw new FakeOfficeError("ItemNotFound", `Cannot call "${method}" on an object that does not exist.`);
      return run();
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

type SheetLocator = () => SheetData | null;

function resolveSheet(model: WorkbookModel, name: string, nullable: boolean): SheetData | null {
  const sheet = model.findSheet(name);
  if (!sheet && !nullable) throw new FakeOfficeError("ItemNotFound", `The worksheet "${name}" does not exist.`);
  return sheet ?? null;
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;

  constructor(private readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.tables = new FakeTableCollection(context, null);
    this.application = new FakeApplication(context);
  }

  get comments(): FakeAnnotationCollection {
    this.context.requireApi(10, "workbook.comments");
    return new FakeAnnotationCollection(this.context, "comments");
  }

  get notes(): FakeAnnotationCollection {
    this.context.requireApi(18, "workbook.notes");
    return new FakeAnnotationCollection(this.context, "notes");
  }
}

export class FakeApplication {
  constructor(private readonly context: FakeRequestContext) {}

  suspendApiCalculationUntilNextSync(): void {
    this.context.requireApi(6, "suspendApiCalculationUntilNextSync");
    this.context.enqueue({ call: "suspendApiCalculationUntilNextSync" }, () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.context.requireApi(9, "suspendScreenUpdatingUntilNextSync");
    this.context.enqueue({ call: "suspendScreenUpdatingUntilNextSync" }, () => undefined);
  }
}

export class FakeRuntime extends ClientObject {
  protected readonly scalarNames = ["enableEvents"] as const;

  protected readScalar(): unknown {
    return this.context.host.model.eventsEnabled;
  }

  protected exists(): boolean {
    return true;
  }

  get enableEvents(): boolean {
    return this.get("enableEvents");
  }

  set enableEvents(value: boolean) {
    this.context.requireApi(8, "runtime.enableEvents");
    this.queueSet("enableEvents", value, () => {
      this.context.host.model.eventsEnabled = value;
    });
  }
}

export class FakeWorksheetCollection extends ClientObject {
  protected readonly scalarNames = ["items"] as const;
  private itemProxies: FakeWorksheet[] | null = null;

  protected readScalar(): unknown {
    return null;
  }

  protected exists(): boolean {
    return true;
  }

  override loadNow(paths: string[] | null): Record<string, unknown> {
    const model = this.context.host.model;
    const itemPaths = (paths ?? ["items"]).map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
    this.itemProxies = model.sheets.map((sheet) => new FakeWorksheet(this.context, () => sheet));
    const items = this.itemProxies.map((w) => w.loadNow(itemPaths.length ? itemPaths : null));
    return { items };
  }

  get items(): FakeWorksheet[] {
    if (!this.itemProxies) return this.get("items");
    return this.itemProxies;
  }

  add(name?: string): FakeWorksheet {
    let created: SheetData | null = null;
    const model = this.context.host.model;
    this.context.enqueue({ call: "worksheets.add", name }, () => {
      let finalName = name;
      if (!finalName) {
        let n = model.sheets.length + 1;
        while (model.findSheet(`Sheet${n}`)) n++;
        finalName = `Sheet${n}`;
      }
      created = model.addSheet(finalName);
    });
    return new FakeWorksheet(this.context, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "The worksheet was not created.");
      return created;
    });
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => resolveSheet(this.context.host.model, name, false));
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    this.context.requireApi(4, "worksheets.getItemOrNullObject");
    return new FakeWorksheet(this.context, () => resolveSheet(this.context.host.model, name, true));
  }

  getActiveWorksheet(): FakeWorksheet {
    const model = this.context.host.model;
    return new FakeWorksheet(this.context, () => model.sheets.find((s) => s.id === model.activeSheetId) ?? null);
  }

  get onChanged(): FakeEventSource {
    this.context.requireApi(9, "worksheets.onChanged");
    return new FakeEventSource(this.context, () => null);
  }
}

export class FakeEventSource {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheetId: () => string | null,
  ) {}

  add(handler: (args: ChangedEventArgs) => unknown): { remove: () => void } {
    const host = this.context.host;
    const id = host.nextHandlerId();
    this.context.enqueue({ call: "onChanged.add", id }, () => {
      host.handlers.push({ id, sheetId: this.sheetId(), handler });
    });
    return {
      remove: () =>
        this.context.enqueue({ call: "onChanged.remove", id }, () => {
          const index = host.handlers.findIndex((h) => h.id === id);
          if (index >= 0) host.handlers.splice(index, 1);
        }),
    };
  }
}

const VISIBILITIES: readonly Visibility[] = ["Visible", "Hidden", "VeryHidden"];

export class FakeWorksheet extends ClientObject {
  protected readonly scalarNames = ["id", "name", "visibility", "position"] as const;

  constructor(
    context: FakeRequestContext,
    readonly locate: SheetLocator,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.locate() !== null;
  }

  sheet(): SheetData {
    const sheet = this.locate();
    if (!sheet) throw new FakeOfficeError("ItemNotFound", "The worksheet does not exist.");
    return sheet;
  }

  protected readScalar(name: string): unknown {
    const sheet = this.sheet();
    if (name === "position") return this.context.host.model.sheets.indexOf(sheet);
    return sheet[name as "id" | "name" | "visibility"];
  }

  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.queueSet("name", value, () => {
      const model = this.context.host.model;
      const other = model.findSheet(value);
      if (other && other !== this.sheet()) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${value}" already exists.`);
      this.sheet().name = value;
    });
  }
  get visibility(): Visibility {
    return this.get("visibility");
  }
  set visibility(value: Visibility) {
    this.context.requireApi(2, "worksheet.visibility (set)");
    this.queueSet("visibility", value, () => {
      if (!VISIBILITIES.includes(value)) throw new FakeOfficeError("InvalidArgument", `"${String(value)}" is not a sheet visibility.`);
      this.sheet().visibility = value;
    });
  }
  get position(): number {
    return this.get("position");
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, this);
  }

  get onChanged(): FakeEventSource {
    this.context.requireApi(7, "worksheet.onChanged");
    return new FakeEventSource(this.context, () => this.sheet().id);
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const local = address ? splitSheetAddress(address).local : null;
      return { sheet: this.sheet(), range: local ? parseAddressOrThrow(local) : { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
    });
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRange {
    this.context.requireApi(7, "getRangeByIndexes");
    return new FakeRange(this.context, () => {
      const range = { row, column, rowCount, columnCount };
      checkBounds(range);
      return { sheet: this.sheet(), range };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, () => {
      const range = { row, column, rowCount: 1, columnCount: 1 };
      checkBounds(range);
      return { sheet: this.sheet(), range };
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet();
      return { sheet, range: this.context.host.model.usedRange(sheet, valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.context.requireApi(4, "getUsedRangeOrNullObject");
    return new FakeRange(this.context, () => {
      const sheet = this.locate();
      const range = sheet ? this.context.host.model.usedRange(sheet, valuesOnly) : null;
      return sheet && range ? { sheet, range } : null;
    });
  }

  activate(): void {
    this.queueCall("activate", null, () => {
      const sheet = this.sheet();
      if (sheet.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "A hidden worksheet cannot be activated.");
      this.context.host.model.activeSheetId = sheet.id;
    });
  }

  delete(): void {
    this.queueCall("delete", null, () => this.context.host.model.deleteSheet(this.sheet()));
  }
}

function parseAddressOrThrow(local: string): GridRange {
  try {
    return parseRangeAddress(local);
  } catch (error) {
    throw new FakeOfficeError("InvalidArgument", (error as Error).message);
  }
}

function checkBounds(range: GridRange): void {
  const ok =
    [range.row, range.column, range.rowCount, range.columnCount].every((n) => Number.isInteger(n)) &&
    range.row >= 0 && range.column >= 0 && range.rowCount >= 1 && range.columnCount >= 1 &&
    range.row + range.rowCount <= MAX_ROWS && range.column + range.columnCount <= MAX_COLUMNS;
  if (!ok) throw new FakeOfficeError("InvalidArgument", `The range (${range.row}, ${range.column}, ${range.rowCount}×${range.columnCount}) is outside the grid.`);
}

type RangeLocator = () => { sheet: SheetData; range: GridRange } | null;

function check2D(name: string, value: unknown, range: GridRange, allowed: (v: unknown) => boolean): (Scalar | null)[][] {
  const ok =
    Array.isArray(value) &&
    value.length === range.rowCount &&
    value.every((row) => Array.isArray(row) && row.length === range.columnCount && row.every(allowed));
  if (!ok) {
    const shape = Array.isArray(value) ? `${value.length}×${Array.isArray(value[0]) ? value[0].length : "?"}` : typeof value;
    throw new FakeOfficeError("InvalidArgument", `The ${name} array (${shape}) does not match the size of the range ${rangeAddress(range)} (${range.rowCount}×${range.columnCount}).`);
  }
  return value as (Scalar | null)[][];
}

const isCellInput = (v: unknown) => v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
const isFormatInput = (v: unknown) => v === null || typeof v === "string";

export class FakeRange extends ClientObject {
  protected readonly scalarNames = ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "formulas", "numberFormat", "text"] as const;
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(
    context: FakeRequestContext,
    readonly locate: RangeLocator,
  ) {
    super(context);
    this.format = new FakeRangeFormat(context, this);
    this.dataValidation = new FakeDataValidation(context, this);
  }

  protected exists(): boolean {
    return this.locate() !== null;
  }

  where(): { sheet: SheetData; range: GridRange } {
    const found = this.locate();
    if (!found) throw new FakeOfficeError("ItemNotFound", "The range does not exist.");
    return found;
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === "format") return this.format;
    if (name === "dataValidation") return this.dataValidation;
    return undefined;
  }

  protected readScalar(name: string): unknown {
    const { sheet, range } = this.where();
    const model = this.context.host.model;
    const grid = <T>(f: (r: number, c: number) => T): T[][] => {
      if (range.rowCount * range.columnCount > 5_000_000) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "Reading more than 5,000,000 cells at once is not allowed.");
      return Array.from({ length: range.rowCount }, (_, i) => Array.from({ length: range.columnCount }, (_, j) => f(range.row + i, range.column + j)));
    };
    switch (name) {
      case "address":
        return qualifiedAddress(sheet.name, range);
      case "rowIndex":
        return range.row;
      case "columnIndex":
        return range.column;
      case "rowCount":
        return range.rowCount;
      case "columnCount":
        return range.columnCount;
      case "cellCount":
        return range.rowCount * range.columnCount;
      case "values":
        return grid((r, c) => model.cellValue(sheet, r, c));
      case "formulas":
        return grid((r, c) => model.cell(sheet, r, c)?.formula ?? model.cellValue(sheet, r, c));
      case "numberFormat":
        return grid((r, c) => model.cell(sheet, r, c)?.numberFormat ?? "General");
      case "text":
        return grid((r, c) => {
          const v = model.cellValue(sheet, r, c);
          return typeof v === "boolean" ? String(v).toUpperCase() : String(v);
        });
      default:
        throw new FakeOfficeError("PropertyNotFound", name);
    }
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get text(): string[][] {
    return this.get("text");
  }
  get values(): Scalar[][] {
    return this.get("values");
  }
  set values(value: (Scalar | null)[][]) {
    this.queueSet("values", value, () => {
      const { sheet, range } = this.where();
      this.context.host.model.writeValues(sheet, range, check2D("values", value, range, isCellInput));
    });
  }
  get formulas(): Scalar[][] {
    return this.get("formulas");
  }
  set formulas(value: (Scalar | null)[][]) {
    this.queueSet("formulas", value, () => {
      const { sheet, range } = this.where();
      this.context.host.model.writeValues(sheet, range, check2D("formulas", value, range, isCellInput));
    });
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(value: (string | null)[][]) {
    this.queueSet("numberFormat", value, () => {
      const { sheet, range } = this.where();
      this.context.host.model.writeNumberFormats(sheet, range, check2D("numberFormat", value, range, isFormatInput) as (string | null)[][]);
    });
  }

  private derived(transform: (found: { sheet: SheetData; range: GridRange }) => GridRange): FakeRange {
    return new FakeRange(this.context, () => {
      const found = this.where();
      const range = transform(found);
      checkBounds(range);
      return { sheet: found.sheet, range };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived(({ range }) => ({ row: range.row + row, column: range.column + column, rowCount: 1, columnCount: 1 }));
  }

  /** The part of this range holding values (or any content when `valuesOnly` is false); a null object when empty. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.context.requireApi(4, "range.getUsedRangeOrNullObject");
    return new FakeRange(this.context, () => {
      const { sheet, range } = this.where();
      const used = this.context.host.model.usedRange(sheet, valuesOnly);
      if (!used) return null;
      const row = Math.max(range.row, used.row);
      const column = Math.max(range.column, used.column);
      const bottom = Math.min(range.row + range.rowCount, used.row + used.rowCount);
      const right = Math.min(range.column + range.columnCount, used.column + used.columnCount);
      return bottom > row && right > column ? { sheet, range: { row, column, rowCount: bottom - row, columnCount: right - column } } : null;
    });
  }

  getEntireRow(): FakeRange {
    return this.derived(({ range }) => ({ row: range.row, column: 0, rowCount: range.rowCount, columnCount: MAX_COLUMNS }));
  }

  getEntireColumn(): FakeRange {
    return this.derived(({ range }) => ({ row: 0, column: range.column, rowCount: MAX_ROWS, columnCount: range.columnCount }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(({ range }) => ({ ...range, rowCount: range.rowCount + deltaRows, columnCount: range.columnCount + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(({ range }) => ({ ...range, row: range.row + rowOffset, column: range.column + columnOffset }));
  }

  delete(shift: "Up" | "Left"): void {
    this.queueCall("delete", shift, () => {
      const { sheet, range } = this.where();
      if (shift !== "Up") throw new FakeOfficeError("InvalidArgument", "The fake only shifts cells up on delete.");
      this.context.host.model.deleteShiftUp(sheet, range);
    });
  }

  insert(shift: "Down" | "Right"): FakeRange {
    this.queueCall("insert", shift, () => {
      const { sheet, range } = this.where();
      if (shift !== "Right") throw new FakeOfficeError("InvalidArgument", "The fake only shifts cells right on insert.");
      this.context.host.model.insertShiftRight(sheet, range);
    });
    return new FakeRange(this.context, this.locate);
  }

  select(): void {
    this.queueCall("select", null, () => {
      const { sheet, range } = this.where();
      const model = this.context.host.model;
      if (model.activeSheetId !== sheet.id) throw new FakeOfficeError("InvalidOperation", "Only a range on the active worksheet can be selected.");
      model.selection = { sheetId: sheet.id, range };
    });
  }
}

export class FakeRangeFormat extends ClientObject {
  protected readonly scalarNames = [] as const;
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;

  constructor(
    context: FakeRequestContext,
    readonly range: FakeRange,
  ) {
    super(context);
    this.fill = new FakeRangeFill(context, range);
    this.font = new FakeRangeFont(context, range);
  }

  protected exists(): boolean {
    return this.range.locate() !== null;
  }

  protected readScalar(): unknown {
    return null;
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }
}

export class FakeRangeFill extends ClientObject {
  protected readonly scalarNames = ["color"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.range.locate() !== null;
  }

  protected readScalar(): unknown {
    const { sheet, range } = this.range.where();
    const color = this.context.host.model.uniformAttribute(sheet, range, "fill");
    return color === undefined ? "#FFFFFF" : color;
  }

  get color(): string | null {
    return this.get("color");
  }
  set color(value: string) {
    this.queueSet("fill.color", value, () => {
      if (typeof value !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(value)) throw new FakeOfficeError("InvalidArgument", `"${String(value)}" is not a colour.`);
      const { sheet, range } = this.range.where();
      this.context.host.model.setAttribute(sheet, range, "fill", value.toUpperCase());
    });
  }

  clear(): void {
    this.queueCall("fill.clear", null, () => {
      const { sheet, range } = this.range.where();
      this.context.host.model.setAttribute(sheet, range, "fill", undefined);
    });
  }
}

export class FakeRangeFont extends ClientObject {
  protected readonly scalarNames = ["color", "italic", "bold"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.range.locate() !== null;
  }

  protected readScalar(name: string): unknown {
    const { sheet, range } = this.range.where();
    const model = this.context.host.model;
    if (name === "color") return model.uniformAttribute(sheet, range, "fontColor") ?? "#000000";
    const flag = model.uniformAttribute(sheet, range, name as "italic" | "bold");
    return flag === null ? null : flag === true;
  }

  private setFlag(name: "fontColor" | "italic" | "bold", value: string | boolean): void {
    this.queueSet(`font.${name}`, value, () => {
      const { sheet, range } = this.range.where();
      this.context.host.model.setAttribute(sheet, range, name, value === false ? undefined : (value as never));
    });
  }

  get color(): string {
    return this.get("color");
  }
  set color(value: string) {
    this.setFlag("fontColor", value.toUpperCase());
  }
  get italic(): boolean | null {
    return this.get("italic");
  }
  set italic(value: boolean) {
    this.setFlag("italic", value);
  }
  get bold(): boolean | null {
    return this.get("bold");
  }
  set bold(value: boolean) {
    this.setFlag("bold", value);
  }
}

export class FakeDataValidation extends ClientObject {
  protected readonly scalarNames = ["rule"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.range.locate() !== null;
  }

  protected readScalar(): unknown {
    const { sheet, range } = this.range.where();
    return this.context.host.model.uniformAttribute(sheet, range, "validation") ?? {};
  }

  get rule(): ListValidation | Record<string, never> | null {
    return this.get("rule");
  }
  set rule(value: ListValidation) {
    this.context.requireApi(8, "dataValidation");
    this.queueSet("dataValidation.rule", value, () => {
      const source = value?.list?.source;
      if (typeof source !== "string" || source === "") throw new FakeOfficeError("InvalidArgument", "Only list validation rules with a source are supported.");
      if (!source.startsWith("=") && source.length > 255) throw new FakeOfficeError("InvalidArgument", "A list source is limited to 255 characters.");
      const { sheet, range } = this.range.where();
      this.context.host.model.setAttribute(sheet, range, "validation", { list: { inCellDropDown: value.list.inCellDropDown !== false, source } });
    });
  }

  clear(): void {
    this.context.requireApi(8, "dataValidation");
    this.queueCall("dataValidation.clear", null, () => {
      const { sheet, range } = this.range.where();
      this.context.host.model.setAttribute(sheet, range, "validation", undefined);
    });
  }
}

/** A table collection of the whole workbook (owner null) or of one worksheet. */
export class FakeTableCollection extends ClientObject {
  protected readonly scalarNames = ["items"] as const;
  private itemProxies: FakeTable[] | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly owner: FakeWorksheet | null,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.owner === null || this.owner.locate() !== null;
  }

  protected readScalar(): unknown {
    return null;
  }

  private candidates(): TableData[] {
    const tables = this.context.host.model.tables;
    if (!this.owner) return tables;
    const sheet = this.owner.sheet();
    return tables.filter((t) => t.sheetId === sheet.id);
  }

  override loadNow(paths: string[] | null): Record<string, unknown> {
    const itemPaths = (paths ?? ["items"]).map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
    this.loaded.set("isNullObject", !this.exists());
    this.itemProxies = this.exists() ? this.candidates().map((table) => new FakeTable(this.context, () => table)) : [];
    return { items: this.itemProxies.map((t) => t.loadNow(itemPaths.length ? itemPaths : null)) };
  }

  get items(): FakeTable[] {
    if (!this.itemProxies) return this.get("items");
    return this.itemProxies;
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableData | null = null;
    this.context.enqueue({ call: "tables.add", address: typeof address === "string" ? address : address.objectId, hasHeaders }, () => {
      const model = this.context.host.model;
      let sheet: SheetData;
      let range: GridRange;
      if (typeof address === "string") {
        const { sheetName, local } = splitSheetAddress(address);
        const named = sheetName ?? (this.owner ? this.owner.sheet().name : null);
        if (!named) throw new FakeOfficeError("InvalidArgument", "A workbook-level tables.add needs a sheet-qualified address.");
        sheet = resolveSheet(model, named, false)!;
        range = parseAddressOrThrow(local);
      } else {
        ({ sheet, range } = address.where());
      }
      created = model.addTable(sheet, range, hasHeaders);
    });
    return new FakeTable(this.context, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "The table was not created.");
      return this.context.host.model.tables.includes(created) ? created : null;
    });
  }

  private byName(name: string, nullable: boolean): TableData | null {
    const table = this.candidates().find((t) => t.name.toLowerCase() === name.toLowerCase() || t.id === name);
    if (!table && !nullable) throw new FakeOfficeError("ItemNotFound", `The table "${name}" does not exist.`);
    return table ?? null;
  }

  getItem(name: string): FakeTable {
    return new FakeTable(this.context, () => this.byName(name, false));
  }

  getItemOrNullObject(name: string): FakeTable {
    this.context.requireApi(4, "tables.getItemOrNullObject");
    return new FakeTable(this.context, () => this.byName(name, true));
  }
}

export class FakeTable extends ClientObject {
  protected readonly scalarNames = ["id", "name", "style"] as const;
  readonly rows: FakeTableRows;
  readonly columns: FakeTableColumns;

  constructor(
    context: FakeRequestContext,
    readonly locate: () => TableData | null,
  ) {
    super(context);
    this.rows = new FakeTableRows(context, this);
    this.columns = new FakeTableColumns(context, this);
  }

  protected exists(): boolean {
    return this.locate() !== null;
  }

  table(): TableData {
    const table = this.locate();
    if (!table) throw new FakeOfficeError("ItemNotFound", "The table does not exist.");
    return table;
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === "rows") return this.rows;
    if (name === "columns") return this.columns;
    return undefined;
  }

  protected readScalar(name: string): unknown {
    return this.table()[name as "id" | "name" | "style"];
  }

  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.queueSet("name", value, () => this.context.host.model.renameTable(this.table(), value));
  }
  get style(): string {
    return this.get("style");
  }
  set style(value: string) {
    this.queueSet("style", value, () => {
      this.table().style = value;
    });
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.host.model.sheetById(this.table().sheetId));
  }

  private part(select: (t: TableData) => GridRange | null): FakeRange {
    return new FakeRange(this.context, () => {
      const table = this.table();
      const range = select(table);
      return range ? { sheet: this.context.host.model.sheetById(table.sheetId), range } : null;
    });
  }

  getRange(): FakeRange {
    return this.part((t) => ({ row: t.row, column: t.column, rowCount: t.rowCount, columnCount: t.columnCount }));
  }

  getHeaderRowRange(): FakeRange {
    return this.part((t) => ({ row: t.row, column: t.column, rowCount: 1, columnCount: t.columnCount }));
  }

  getDataBodyRange(): FakeRange {
    return this.part((t) => ({ row: t.row + 1, column: t.column, rowCount: t.rowCount - 1, columnCount: t.columnCount }));
  }

  resize(address: string | FakeRange): void {
    this.context.requireApi(13, "table.resize");
    this.queueCall("resize", typeof address === "string" ? address : address.objectId, () => {
      const range = typeof address === "string" ? parseAddressOrThrow(splitSheetAddress(address).local) : address.where().range;
      this.context.host.model.resizeTable(this.table(), range);
    });
  }

  delete(): void {
    this.queueCall("delete", null, () => {
      const tables = this.context.host.model.tables;
      tables.splice(tables.indexOf(this.table()), 1);
    });
  }
}

export class FakeTableRows extends ClientObject {
  protected readonly scalarNames = ["count"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly owner: FakeTable,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.owner.locate() !== null;
  }

  protected readScalar(): unknown {
    return this.owner.table().rowCount - 1;
  }

  get count(): number {
    return this.get("count");
  }

  /** Appends rows at the end of the table (index null), writing `values` into them. */
  add(index: number | null | undefined, values: (Scalar | null)[][]): void {
    this.queueCall("rows.add", { index, values }, () => {
      const table = this.owner.table();
      if (index !== null && index !== undefined) throw new FakeOfficeError("InvalidArgument", "The fake only appends rows at the end of a table.");
      if (values.length > 1) this.context.requireApi(4, "rows.add with several rows");
      const model = this.context.host.model;
      const sheet = model.sheetById(table.sheetId);
      const at = { row: table.row + table.rowCount, column: table.column, rowCount: values.length, columnCount: table.columnCount };
      checkBounds(at);
      model.writeValues(sheet, at, check2D("values", values, at, isCellInput));
      table.rowCount += values.length;
    });
  }
}

export class FakeTableColumns extends ClientObject {
  protected readonly scalarNames = ["count"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly owner: FakeTable,
  ) {
    super(context);
  }

  protected exists(): boolean {
    return this.owner.locate() !== null;
  }

  protected readScalar(): unknown {
    return this.owner.table().columnCount;
  }

  get count(): number {
    return this.get("count");
  }

  /** Adds a column at the right end of the table (index null): cells right of the table, in its rows, move right. */
  add(index: number | null | undefined, values?: (Scalar | null)[][] | null, name?: string): void {
    if (name !== undefined) this.context.requireApi(4, "columns.add with a name");
    this.queueCall("columns.add", { index, values, name }, () => {
      if (index !== null && index !== undefined) throw new FakeOfficeError("InvalidArgument", "The fake only adds columns at the end of a table.");
      const table = this.owner.table();
      const model = this.context.host.model;
      const sheet = model.sheetById(table.sheetId);
      const at = { row: table.row, column: table.column + table.columnCount, rowCount: table.rowCount, columnCount: 1 };
      checkBounds(at);
      model.insertShiftRight(sheet, at);
      table.columnCount += 1;
      const header = name ?? `Column${table.columnCount}`;
      model.writeValues(sheet, { ...at, rowCount: 1 }, [[header]]);
      if (values) model.writeValues(sheet, at, check2D("values", values, at, isCellInput));
    });
  }
}

export class FakeAnnotationCollection extends ClientObject {
  protected readonly scalarNames = ["items"] as const;
  private itemProxies: FakeAnnotation[] | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly kind: "notes" | "comments",
  ) {
    super(context);
  }

  protected exists(): boolean {
    return true;
  }

  protected readScalar(): unknown {
    return null;
  }

  override loadNow(paths: string[] | null): Record<string, unknown> {
    const itemPaths = (paths ?? ["items"]).map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
    this.itemProxies = this.context.host.model[this.kind].map((a) => new FakeAnnotation(this.context, this.kind, () => a));
    return { items: this.itemProxies.map((a) => a.loadNow(itemPaths.length ? itemPaths : null)) };
  }

  get items(): FakeAnnotation[] {
    if (!this.itemProxies) return this.get("items");
    return this.itemProxies;
  }

  add(cellAddress: string | FakeRange, content: string): FakeAnnotation {
    let created: AnnotationData | null = null;
    this.context.enqueue({ call: `${this.kind}.add`, cellAddress: typeof cellAddress === "string" ? cellAddress : cellAddress.objectId, content }, () => {
      const model = this.context.host.model;
      let sheet: SheetData;
      let range: GridRange;
      if (typeof cellAddress === "string") {
        const { sheetName, local } = splitSheetAddress(cellAddress);
        if (!sheetName) throw new FakeOfficeError("InvalidArgument", "The cell address must name its worksheet.");
        sheet = resolveSheet(model, sheetName, false)!;
        range = parseAddressOrThrow(local);
      } else {
        ({ sheet, range } = cellAddress.where());
      }
      if (range.rowCount !== 1 || range.columnCount !== 1) throw new FakeOfficeError("InvalidArgument", "Notes and comments go on a single cell.");
      if (typeof content !== "string") throw new FakeOfficeError("InvalidArgument", "The content must be text.");
      created = model.addAnnotation(this.kind, sheet, range.row, range.column, content);
    });
    return new FakeAnnotation(this.context, this.kind, () => created);
  }
}

export class FakeAnnotation extends ClientObject {
  protected readonly scalarNames = ["id", "content"] as const;

  constructor(
    context: FakeRequestContext,
    private readonly kind: "notes" | "comments",
    private readonly locate: () => AnnotationData | null,
  ) {
    super(context);
  }

  protected exists(): boolean {
    const a = this.locate();
    return a !== null && this.context.host.model[this.kind].includes(a);
  }

  private annotation(): AnnotationData {
    const a = this.locate();
    if (!a || !this.context.host.model[this.kind].includes(a)) throw new FakeOfficeError("ItemNotFound", "The item no longer exists.");
    return a;
  }

  protected readScalar(name: string): unknown {
    return this.annotation()[name as "id" | "content"];
  }

  get id(): string {
    return this.get("id");
  }
  get content(): string {
    return this.get("content");
  }

  getLocation(): FakeRange {
    return new FakeRange(this.context, () => {
      const a = this.annotation();
      return { sheet: this.context.host.model.sheetById(a.sheetId), range: { row: a.row, column: a.column, rowCount: 1, columnCount: 1 } };
    });
  }

  delete(): void {
    this.queueCall("delete", null, () => this.context.host.model.removeAnnotation(this.kind, this.annotation().id));
  }
}
