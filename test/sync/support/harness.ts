/** A workbook + CRM pair wired to runSync, with the knobs the engine tests turn. */
import { runSync, type SyncHooks, type SyncRequest, type SyncRunReport } from "../../../src/sync/run-sync";
import type { ObjectSyncReport } from "../../../src/sync/run-sync";
import { planHasChanges } from "../../../src/sync/plan/plan-object-sync";
import { MemoryCrm } from "./memory-crm";
import { MemorySheet } from "./memory-sheet";
import { companies, gadgets, idSequence, people, settingsFor, FIXED_NOW } from "./fixtures";

export const PEOPLE_COLUMNS = ["id", "name.firstName", "name.lastName", "emails.primaryEmail", "jobTitle", "city", "updatedAt"];

export function harness(mapping: Record<string, unknown> = {}, extraSettings: Record<string, unknown> = {}) {
  const crm = new MemoryCrm([people, companies, gadgets]);
  const sheet = new MemorySheet();
  let settings = settingsFor(
    [{ object: "people", sheetName: "People", columns: PEOPLE_COLUMNS.map((column) => ({ column })), ...mapping }],
    { massChangeGuardShare: 1, ...extraSettings },
  );
  const newId = idSequence();
  let clock = FIXED_NOW.getTime();
  const now = () => new Date((clock += 60_000));
  const run = (mode: SyncRequest["mode"], extra: Partial<SyncRequest> = {}, signal?: AbortSignal, hooks: SyncHooks = {}): Promise<SyncRunReport> =>
    runSync({ mode, settings, ...extra }, { sheet, crm }, { now, newId, signal, ...hooks });
  const object = async (mode: SyncRequest["mode"], extra: Partial<SyncRequest> = {}): Promise<ObjectSyncReport> => (await run(mode, extra)).objects[0]!;
  /** A dry-run sync that must plan nothing. */
  const expectSettled = async () => {
    const report = await object("sync", { dryRun: true });
    expect({ changes: planHasChanges(report.plan), conflicts: report.conflicts, rowErrors: report.rowErrors, summary: report.plan.summary }).toMatchObject({
      changes: false,
      conflicts: [],
      rowErrors: [],
    });
  };
  /** A dry-run sync that plans no writes and finds exactly the conflicts still awaiting the user. */
  const expectSettledExceptConflicts = async (conflicts: number) => {
    const report = await object("sync", { dryRun: true });
    expect({ changes: planHasChanges(report.plan), conflicts: report.conflicts.length, rowErrors: report.rowErrors }).toEqual({ changes: false, conflicts, rowErrors: [] });
  };
  return {
    crm,
    sheet,
    run,
    object,
    expectSettled,
    expectSettledExceptConflicts,
    setSettings: (mappingPatch: Record<string, unknown>) => {
      settings = settingsFor([{ ...settings.objects[0], ...mappingPatch }], { massChangeGuardShare: settings.massChangeGuardShare, ...extraSettings });
    },
    clockAdvance: (ms: number) => (clock += ms),
    nowIso: () => new Date(clock).toISOString(),
  };
}

export function seedPeople(crm: MemoryCrm, n: number) {
  return Array.from({ length: n }, (_, i) =>
    crm.seed("people", { name: { firstName: `First${i}`, lastName: `Last${i}` }, emails: { primaryEmail: `p${i}@example.com`, additionalEmails: null }, jobTitle: `Job${i}`, city: `City${i}` }),
  );
}
