/** In-memory stand-ins for the pane's services: a sheet port, a scripted CRM client and a scripted engine. */
import { createStore } from "idb-keyval";
import type { CrmClient, ConnectionCheck } from "../../../src/app/crm-client";
import type { SyncEngine, SyncRunReport, ObjectSyncReport } from "../../../src/app/engine";
import { createMachineIdentity } from "../../../src/app/machine-identity";
import { createSecretStore } from "../../../src/app/secret-store";
import type { ObjectMetadata } from "../../../src/sync/metadata";
import type { SheetPort } from "../../../src/sync/ports";
import { loadSettings, saveSettings } from "../../../src/sync/settings-store";
import type { ColumnMapping } from "../../../src/sync/settings";
import type { PaneServices } from "../../../src/taskpane/services/pane-services";

export function memorySheet(): SheetPort & { hidden: Map<string, string> } {
  const hidden = new Map<string, string>();
  return {
    hidden,
    readTable: async () => null,
    applyChanges: async () => ({ appendedRowNumbers: [] }),
    setMarks: async () => undefined,
    readHidden: async (key) => hidden.get(key) ?? null,
    writeHidden: async (key, value) => {
      hidden.set(key, value);
    },
  };
}

const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  label: name,
  type,
  ...extra,
});

export const COMPANIES: ObjectMetadata = {
  nameSingular: "company",
  namePlural: "companies",
  labelSingular: "Company",
  labelPlural: "Companies",
  isCustom: false,
  isActive: true,
  isSystem: false,
  fields: [field("id", "UUID"), field("name", "TEXT"), field("employees", "NUMBER"), field("domainName", "LINKS")],
};
export const PEOPLE: ObjectMetadata = {
  ...COMPANIES,
  nameSingular: "person",
  namePlural: "people",
  labelSingular: "Person",
  labelPlural: "People",
};
export const PETS: ObjectMetadata = {
  ...COMPANIES,
  nameSingular: "pet",
  namePlural: "pets",
  labelSingular: "Pet",
  labelPlural: "Pets",
  isCustom: true,
};
export const WORKSPACE_MEMBERS: ObjectMetadata = {
  ...COMPANIES,
  nameSingular: "workspaceMember",
  namePlural: "workspaceMembers",
  labelSingular: "Workspace member",
  labelPlural: "Workspace members",
  isSystem: true,
};
export const OLD_DEALS: ObjectMetadata = {
  ...COMPANIES,
  nameSingular: "oldDeal",
  namePlural: "oldDeals",
  labelSingular: "Old deal",
  labelPlural: "Old deals",
  isActive: false,
};

const AVAILABLE: Record<string, string[]> = {
  companies: ["id", "name", "employees", "domainName.primaryLinkUrl", "updatedAt"],
  people: ["id", "name.firstName", "name.lastName", "emails.primaryEmail", "updatedAt"],
  pets: ["id", "name", "updatedAt"],
};

export function defaultColumnsOf(meta: ObjectMetadata): ColumnMapping[] {
  return (AVAILABLE[meta.namePlural] ?? ["id"])
    .filter((c) => c !== "employees")
    .map((column) => ({ column, transforms: [], clearWhenEmpty: false }));
}

export function scriptedEngine(
  overrides: Partial<SyncEngine> = {},
): SyncEngine & { runSync: jest.Mock; recordResolutions: jest.Mock } {
  return {
    loadSettings,
    saveSettings,
    defaultColumns: defaultColumnsOf,
    availableColumns: (meta) =>
      (AVAILABLE[meta.namePlural] ?? ["id"]).map((name) => ({ name, readOnly: name === "id" || name === "updatedAt" })),
    runSync: jest.fn(async () => report([])),
    recordResolutions: jest.fn(async () => undefined),
    ...overrides,
  } as SyncEngine & { runSync: jest.Mock; recordResolutions: jest.Mock };
}

export function scriptedClient(
  options: { check?: ConnectionCheck | (() => Promise<ConnectionCheck>); metas?: ObjectMetadata[] } = {},
): CrmClient {
  const check = options.check ?? { ok: true, latencyMs: 42, message: "Connected to Twenty.", details: {} };
  const unused = async () => {
    throw new Error("not used by the pane");
  };
  return {
    testConnection: typeof check === "function" ? check : async () => check,
    listObjects: async () => options.metas ?? [COMPANIES, PEOPLE, PETS, WORKSPACE_MEMBERS, OLD_DEALS],
    listRecords: unused,
    createRecords: unused,
    updateRecords: unused,
    deleteRecords: unused,
  };
}

let storeCount = 0;

/** Real idb-keyval on fake-indexeddb (import "fake-indexeddb/auto" first), one database per test. */
export function freshSecrets() {
  storeCount += 1;
  return createSecretStore(createStore(`twenty-sync-test-${storeCount}`, "secrets"));
}

/** Real idb-keyval on fake-indexeddb, one database per call: a browser profile of its own. */
export function freshMachine() {
  storeCount += 1;
  return createMachineIdentity(createStore(`twenty-sync-machine-test-${storeCount}`, "machine"));
}

export function paneServices(overrides: Partial<PaneServices> = {}): PaneServices & {
  sheet: ReturnType<typeof memorySheet>;
  selectRow: jest.Mock;
  trackEdits: jest.Mock;
  listWorksheets: jest.Mock<Promise<string[]>, []>;
} {
  const sheet = memorySheet();
  const selectRow = jest.fn(async () => undefined);
  const trackEdits = jest.fn(async () => undefined);
  const listWorksheets = jest.fn(async () => ["Sheet1"]);
  return {
    sheet,
    selectRow,
    trackEdits,
    listWorksheets,
    workbook: { sheet, selectRow, trackEdits, editsFlushed: async () => undefined, listWorksheets },
    secrets: freshSecrets(),
    machine: freshMachine(),
    engine: scriptedEngine(),
    createClient: () => scriptedClient(),
    maskApiKey: (key) => `****${key.slice(-4)}`,
    now: () => new Date("2026-03-01T10:00:00Z"),
    ...overrides,
  };
}

export function objectReport(overrides: Partial<ObjectSyncReport> & { object: string }): ObjectSyncReport {
  return {
    sheetName: overrides.object[0].toUpperCase() + overrides.object.slice(1),
    plan: {
      mode: "sync",
      strategy: "newest_wins",
      toCrm: { creates: [], updates: [], deletes: [] },
      toSheet: { appends: [], updates: [], deletes: [] },
      conflicts: [],
      autoResolved: [],
      skipped: [],
      warnings: [],
    },
    applied: { crmCreated: 0, crmUpdated: 0, crmDeleted: 0, sheetAppended: 0, sheetUpdated: 0, sheetDeleted: 0 },
    conflicts: [],
    crmRead: null,
    autoResolved: [],
    rowErrors: [],
    warnings: [],
    ...overrides,
  } as ObjectSyncReport;
}

export function report(objects: ObjectSyncReport[], overrides: Partial<SyncRunReport> = {}): SyncRunReport {
  return {
    mode: "sync",
    dryRun: false,
    startedAt: "2026-03-01T10:00:00.000Z",
    finishedAt: "2026-03-01T10:00:01.000Z",
    ok: objects.every((o) => !o.error && !o.blocked),
    objects,
    ...overrides,
  } as SyncRunReport;
}
