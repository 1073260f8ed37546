import {
  renderSummary,
  type JsonAutoResolved,
  type JsonObjectReport,
  type JsonRunReport,
} from "../../src/cli/run-report";

const noChanges = {
  crmCreates: 0,
  crmUpdates: 0,
  crmDeletes: 0,
  crmDeletesProposed: 0,
  sheetAppends: 0,
  sheetUpdates: 0,
  sheetDeletes: 0,
  sheetDeletesProposed: 0,
  conflicts: 0,
  skippedRows: 0,
  crm: { creates: 0, updates: 0, deletes: 0 },
  sheet: { appends: 0, updates: 0, deletes: 0 },
};

function companies(autoResolved: JsonAutoResolved[], more: Partial<JsonObjectReport> = {}): JsonObjectReport {
  return {
    object: "companies",
    sheet: "Companies",
    summary: noChanges,
    applied: { crmCreated: 0, crmUpdated: 0, crmDeleted: 0, sheetAppended: 0, sheetUpdated: 0, sheetDeleted: 0 },
    conflicts: [],
    autoResolved,
    rowErrors: [],
    warnings: [],
    blocked: null,
    error: null,
    crmRead: null,
    ...more,
  };
}

function run(objects: JsonObjectReport[], dryRun = false): JsonRunReport {
  return {
    ok: true,
    exitCode: 0,
    mode: "sync",
    dryRun,
    cancelled: false,
    file: "book.xlsx",
    startedAt: "2026-11-23T10:00:00.000Z",
    finishedAt: "2026-11-23T10:00:01.500Z",
    objects,
  };
}

const twentyKept: JsonAutoResolved = {
  id: "0b9e4c1e-8a4f-4d37-9a0e-6f1a2b3c4d5e",
  row: 3,
  column: "name",
  kept: "crm",
  base: "Acme",
  sheet: "Acme (sheet)",
  crm: "Acme (crm)",
  reason: "Twenty changed later (Twenty changed 2026-11-23T09:00:00.000Z; sheet edited 2026-11-23T08:00:00.000Z)",
  withoutBase: false,
};

const sheetKept: JsonAutoResolved = {
  id: "5d4c3b2a-1f6e-4a09-b73d-4f8a1e4c9b0b",
  row: 7,
  column: "employees",
  kept: "sheet",
  base: 40,
  sheet: 45,
  crm: null,
  reason: "the strategy is excel_wins (the sheet wins)",
  withoutBase: false,
};

describe("settled both-sides changes in the run summary", () => {
  it("counts them on the object's line and, without -v, says how to list them", () => {
    const text = renderSummary(run([companies([twentyKept, sheetKept])]), false);
    expect(text).toContain(
      "  Companies (companies): workbook +0 ~0 -0, Twenty +0 ~0 -0; 2 both-sides changes settled by the strategy\n",
    );
    expect(text).toContain("    … 2 settled cells not listed (use -v)\n");
    expect(text).not.toContain("Acme (sheet)");
  });

  it("with -v lists each cell: row, column, the side kept, the value replaced, and why", () => {
    const lines = renderSummary(run([companies([twentyKept, sheetKept])]), true).split("\n");
    expect(lines).toContain(
      '    settled Companies row 3, column "name": kept Twenty "Acme (crm)", replaced workbook "Acme (sheet)" (was "Acme"), ' +
        "because Twenty changed later (Twenty changed 2026-11-23T09:00:00.000Z; sheet edited 2026-11-23T08:00:00.000Z)",
    );
    expect(lines).toContain(
      '    settled Companies row 7, column "employees": kept workbook 45, replaced Twenty (empty) (was 40), ' +
        "because the strategy is excel_wins (the sheet wins)",
    );
    expect(lines.join("\n")).not.toContain("not listed");
  });

  it("does not pretend there was a last-synced value when there was none", () => {
    const firstSync = { ...twentyKept, base: null, withoutBase: true };
    const text = renderSummary(run([companies([firstSync])]), true);
    expect(text).toContain('replaced workbook "Acme (sheet)" (no earlier sync to compare with), because');
    expect(text).not.toContain("(was");
  });

  it("speaks of what would happen in a preview", () => {
    const text = renderSummary(run([companies([twentyKept])], true), true);
    expect(text).toContain("; 1 both-sides change to be settled by the strategy\n");
    expect(text).toContain(
      '    would settle Companies row 3, column "name": keep Twenty "Acme (crm)", replace workbook "Acme (sheet)" (was "Acme"), because',
    );
  });

  it("says nothing about settling when nothing was settled, and lists them beside conflicts per object", () => {
    const conflict = {
      id: twentyKept.id,
      row: 4,
      column: "domainName",
      base: "a.com",
      sheet: "b.com",
      crm: "c.com",
      crmUpdatedAt: null,
    };
    const people = { ...companies([]), object: "people", sheet: "People", conflicts: [conflict] };
    const text = renderSummary(run([companies([twentyKept]), people]), false);
    expect(text).toContain("Companies (companies): workbook +0 ~0 -0, Twenty +0 ~0 -0; 1 both-sides change settled");
    expect(text).toContain("People (people): workbook +0 ~0 -0, Twenty +0 ~0 -0; 1 conflict\n");
    expect(text.match(/not listed/g)).toHaveLength(1);
  });
});
