import { conflictKey, resolutionsFor, valueFromText, type ConflictChoice } from "../../src/taskpane/state/conflicts";
import type { SyncConflict } from "../../src/app/engine";

const conflict = (column: string, values: { base: unknown; sheet: unknown; crm: unknown }): SyncConflict =>
  ({
    object: "companies",
    id: `id-${column}`,
    rowNumber: 3,
    column,
    crmUpdatedAt: null,
    sheetEditedAt: null,
    ...values,
  }) as SyncConflict;

describe("resolving conflicts", () => {
  const name = conflict("name", { base: "Acme", sheet: "Acme Inc", crm: "ACME" });
  const employees = conflict("employees", { base: 10, sheet: 12, crm: 15 });
  const city = conflict("address.addressCity", { base: "Paris", sheet: "Lyon", crm: "Nice" });

  it("records one resolution per decided cell, with the user's choice", () => {
    const choices = new Map<string, ConflictChoice>([
      [conflictKey(name), { choice: "sheet" }],
      [conflictKey(employees), { choice: "crm" }],
    ]);
    expect(resolutionsFor([name, employees, city], choices)).toEqual([
      { object: "companies", id: "id-name", column: "name", choice: "sheet" },
      { object: "companies", id: "id-employees", column: "employees", choice: "crm" },
    ]);
  });

  it("keeps an edited number a number and edited text as typed", () => {
    const choices = new Map<string, ConflictChoice>([
      [conflictKey(employees), { choice: "value", text: "14" }],
      [conflictKey(city), { choice: "value", text: "Marseille" }],
    ]);
    expect(resolutionsFor([employees, city], choices)).toEqual([
      { object: "companies", id: "id-employees", column: "employees", choice: "value", value: 14 },
      {
        object: "companies",
        id: "id-address.addressCity",
        column: "address.addressCity",
        choice: "value",
        value: "Marseille",
      },
    ]);
  });

  it("turns an emptied edit into an empty cell, and does not coerce text that merely looks numeric", () => {
    expect(valueFromText("  ", ["a", "b"])).toBeNull();
    expect(valueFromText("007", ["Bond", "James"])).toBe("007");
    expect(valueFromText("TRUE", [true, false])).toBe(true);
  });
});
