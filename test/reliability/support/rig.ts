/**
 * The reliability rig: the real Excel adapter on the in-memory Excel, the real engine, the real Twenty client
 * and the Twenty stand-in over loopback HTTP. Tests break the pieces in between and check what survives.
 */
import { createExcelSheetPort, type EditTracking, type ExcelSheetPort } from "../../../src/excel";
import { createFakeExcel, type FakeExcel, type Scalar } from "../../../src/excel-fake";
import { planHasChanges, runSync, saveSettings, type SyncHooks, type SyncRequest, type SyncRunReport } from "../../../src/sync";
import type { CellValue, SheetRow } from "../../../src/sync/ports";
import { workbookSettingsSchema, type WorkbookSettings } from "../../../src/sync/settings";
import { createTwentyClient, type TwentyClient, type TwentyConfigInput } from "../../../src/twenty";
import { startTwentyStub, type RunningStub, type StubOptions } from "../../../src/twenty-stub";
import { cellAddress, parseRangeAddress, qualifiedAddress } from "../../../src/workbook-layout/a1";

/** Distinctive so a scan for it cannot be fooled by a substring of something else. */
export const API_KEY = "rk_live_7Qm2ZpX9vT4wL8nB3cJ6";

export const COMPANY_COLUMNS = ["id", "name", "domainName.primaryLinkUrl", "employees", "idealCustomerProfile", "updatedAt"];
export const PEOPLE_COLUMNS = ["id", "name.firstName", "name.lastName", "emails.primaryEmail", "jobTitle", "city"];
export const OPPORTUNITY_COLUMNS = ["id", "name", "stage", "closeDate", "amount.amountMicros"];

export interface RigOptions {
  stub?: Partial<StubOptions>;
  client?: Partial<TwentyConfigInput>;
  mappings?: Record<string, unknown>[];
  settings?: Partial<Omit<WorkbookSettings, "objects">>;
}

export interface Rig {
  stub: RunningStub;
  crm: TwentyClient;
  fake: FakeExcel;
  sheet: ExcelSheetPort;
  settings: WorkbookSettings;
  sync(mode: SyncRequest["mode"], extra?: Partial<SyncRequest>, hooks?: SyncHooks): Promise<SyncRunReport>;
  /** Rows of a synced sheet as the adapter reads them. */
  rows(sheetName: string): Promise<SheetRow[]>;
  /** Types a value into the cell of `header` on worksheet row `rowNumber`, as a user would. */
  edit(sheetName: string, rowNumber: number, header: string, value: Scalar): Promise<void>;
  /** Appends a row after the last one, as a user typing below the table. */
  appendRow(sheetName: string, values: Record<string, Scalar>): Promise<number>;
  /** Starts the adapter's edit tracking on the sheets that exist now, as the task pane does once a workbook is synced. */
  trackEdits(): Promise<void>;
  /** Asserts a fault-free dry-run sync has nothing left to do: no writes either way, no conflicts, no bad rows. */
  expectSettled(): Promise<void>;
  close(): Promise<void>;
}

export function mapping(object: string, sheetName: string, columns: string[], extra: Record<string, unknown> = {}) {
  return { object, sheetName, columns: columns.map((column) => ({ column })), ...extra };
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const stub = await startTwentyStub({ apiKey: API_KEY, seed: "empty", rateLimit: null, ...options.stub });
  const crm = createTwentyClient({
    baseUrl: stub.url,
    apiKey: API_KEY,
    requestsPerMinute: 1_000_000,
    timeoutMs: 400,
    maxRetries: 2,
    initialBackoffMs: 1,
    maxBackoffMs: 10,
    ...options.client,
  });
  const fake = createFakeExcel();
  const sheet = createExcelSheetPort({ excel: fake.Excel, office: fake.Office });
  const settings = workbookSettingsSchema.parse({
    version: 1,
    baseUrl: stub.url,
    objects: options.mappings ?? [mapping("companies", "Companies", COMPANY_COLUMNS)],
    massChangeGuardShare: 1,
    ...options.settings,
  });
  await saveSettings(sheet, settings);

  let tracking: EditTracking | null = null;
  const headersOf = async (sheetName: string) => (await sheet.readTable(sheetName))?.headers ?? [];
  const rig: Rig = {
    stub,
    crm,
    fake,
    sheet,
    settings,
    sync: (mode, extra = {}, hooks = {}) => runSync({ mode, settings, ...extra }, { sheet, crm }, hooks),
    rows: async (sheetName) => (await sheet.readTable(sheetName))?.rows ?? [],
    async edit(sheetName, rowNumber, header, value) {
      const column = (await headersOf(sheetName)).indexOf(header);
      if (column < 0) throw new Error(`sheet ${sheetName} has no column ${header}`);
      await fake.editCell(sheetName, cellAddress(rowNumber - 1, column), value);
      await tracking?.flushed();
    },
    async trackEdits() {
      tracking = await sheet.startEditTracking();
    },
    async appendRow(sheetName, values) {
      // Excel's AutoExpand: typing in the row just below a table makes it part of the table.
      const [table] = fake.workbook.tables(sheetName);
      if (!table) throw new Error(`no table on ${sheetName}`);
      const range = parseRangeAddress(table.address);
      await fake.Excel.run(async (context) => {
        context.workbook.tables.getItem(table.name).resize(qualifiedAddress(sheetName, { ...range, rowCount: range.rowCount + 1 }));
        await context.sync();
      });
      const rowNumber = range.row + range.rowCount + 1;
      for (const [header, value] of Object.entries(values)) await rig.edit(sheetName, rowNumber, header, value);
      return rowNumber;
    },
    async expectSettled() {
      const report = await rig.sync("sync", { dryRun: true });
      for (const object of report.objects) {
        expect({ object: object.object, error: object.error, changes: planHasChanges(object.plan), conflicts: object.conflicts, rowErrors: object.rowErrors }).toEqual({
          object: object.object,
          error: undefined,
          changes: false,
          conflicts: [],
          rowErrors: [],
        });
      }
    },
    close: async () => {
      await tracking?.stop();
      await stub.close();
    },
  };
  return rig;
}

/** Cell values of one column by record id, from the sheet. */
export function columnById(rows: SheetRow[], header: string): Map<string, CellValue> {
  return new Map(rows.filter((r) => typeof r.values.id === "string" && r.values.id !== "").map((r) => [String(r.values.id), r.values[header] ?? null]));
}

/** Runs syncs until one finishes cleanly, at most `attempts` times; returns every report (bounded, never loops forever). */
export async function syncUntilOk(rig: Rig, attempts: number, extra: Partial<SyncRequest> = {}): Promise<SyncRunReport[]> {
  const reports: SyncRunReport[] = [];
  for (let i = 0; i < attempts; i++) {
    const report = await rig.sync("sync", extra);
    reports.push(report);
    if (report.ok) break;
  }
  return reports;
}
