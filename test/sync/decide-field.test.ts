import { decideField, isSheetNewer, type FieldInput } from "../../src/sync/plan/decide-field";

const field = (over: Partial<FieldInput>): FieldInput => ({ mode: "sync", strategy: "field_merge", sheet: "s", crm: "c", base: "b", sheetIsNewer: false, ...over });

describe("the per-field three-way decision", () => {
  it("moves only the side that changed", () => {
    expect(decideField(field({ sheet: "b", crm: "c" }))).toEqual({ kind: "toSheet", value: "c", overwritesSheetEdit: false });
    expect(decideField(field({ sheet: "s", crm: "b" }))).toEqual({ kind: "toCrm", value: "s", overwritesCrmEdit: false });
    expect(decideField(field({ sheet: "x", crm: "x" }))).toEqual({ kind: "same" });
  });

  it("treats an empty (non-clearing) cell as no edit and shows the CRM value again", () => {
    expect(decideField(field({ sheet: undefined, crm: "c", base: "c" }))).toEqual({ kind: "toSheet", value: "c", overwritesSheetEdit: false });
    expect(decideField(field({ sheet: undefined, crm: null }))).toEqual({ kind: "same" });
  });

  it("without a base, a difference counts as a change on both sides", () => {
    expect(decideField(field({ base: undefined, sheet: "s", crm: "c" }))).toEqual({ kind: "conflict" });
    expect(decideField(field({ base: undefined, strategy: "excel_wins" }))).toMatchObject({ kind: "toCrm", value: "s" });
  });

  it("applies a recorded resolution before the strategy", () => {
    expect(decideField(field({ resolution: { choice: "sheet" } }))).toMatchObject({ kind: "toCrm", value: "s" });
    expect(decideField(field({ resolution: { choice: "crm" } }))).toMatchObject({ kind: "toSheet", value: "c" });
    expect(decideField(field({ resolution: { choice: "value", value: "v" } }))).toEqual({ kind: "both", value: "v" });
  });

  it("holds a one-sided change the mode does not move", () => {
    expect(decideField(field({ mode: "pull", sheet: "s", crm: "b" }))).toEqual({ kind: "held" });
    expect(decideField(field({ mode: "push", sheet: "b", crm: "c" }))).toEqual({ kind: "held" });
  });

  it("lets the sheet win newest_wins only with a known, strictly later edit", () => {
    expect(isSheetNewer("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z")).toBe(true);
    expect(isSheetNewer("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z")).toBe(false);
    expect(isSheetNewer(null, "2025-01-01T00:00:00Z")).toBe(false);
    expect(isSheetNewer("2025-01-01T00:00:00Z", null)).toBe(true);
  });
});
