import { applyTransforms } from "../../src/sync/transforms";
import { workbookSettingsSchema } from "../../src/sync/settings";

const run = (transforms: string[], cell: string | number | boolean | null) => applyTransforms(transforms, cell);

describe("push transforms", () => {
  it("trims, lower-cases and upper-cases text in the order given", () => {
    expect(run(["trim", "lowercase"], "  Ada@X.IO ")).toEqual({ ok: true, value: "ada@x.io" });
    expect(run(["uppercase"], "fr")).toEqual({ ok: true, value: "FR" });
    expect(run(["lowercase"], 12)).toEqual({ ok: true, value: 12 });
  });

  it("rounds numbers and numeric text half away from zero", () => {
    expect(run(["round_int"], 2.5)).toEqual({ ok: true, value: 3 });
    expect(run(["round_int"], -2.5)).toEqual({ ok: true, value: -3 });
    expect(run(["round_int"], " 7.49 ")).toEqual({ ok: true, value: 7 });
    expect(run(["round_int"], "lots")).toEqual({ ok: false, reason: 'round_int: "lots" is not a number' });
  });

  it("turns numbers and booleans into text", () => {
    expect(run(["to_string"], 33)).toEqual({ ok: true, value: "33" });
    expect(run(["to_string"], true)).toEqual({ ok: true, value: "true" });
  });

  it("maps yes/no words to booleans and rejects anything else", () => {
    for (const yes of ["yes", "Y", "true", "1", "oui", 1]) expect(run(["yesno_to_bool"], yes)).toEqual({ ok: true, value: true });
    for (const no of ["no", "N", "false", "0", "non", 0]) expect(run(["yesno_to_bool"], no)).toEqual({ ok: true, value: false });
    expect(run(["yesno_to_bool"], "perhaps")).toEqual({ ok: false, reason: 'yesno_to_bool: "perhaps" is neither yes nor no' });
  });

  it("null_if empties a matching value (case-insensitive) and leaves others", () => {
    expect(run(["null_if:N/A"], "n/a")).toEqual({ ok: true, value: null });
    expect(run(["null_if:N/A"], "Paris")).toEqual({ ok: true, value: "Paris" });
    expect(run(["null_if:0"], 0)).toEqual({ ok: true, value: null });
  });

  it("only_if keeps a value only when it matches", () => {
    expect(run(["only_if:Customer"], "customer")).toEqual({ ok: true, value: "customer" });
    expect(run(["only_if:Customer"], "Lead")).toEqual({ ok: true, value: null });
  });

  it("leaves empty cells empty", () => {
    expect(run(["yesno_to_bool", "to_string"], "  ")).toEqual({ ok: true, value: null });
  });

  it("is validated by the settings schema", () => {
    const parse = (transforms: string[]) =>
      workbookSettingsSchema.safeParse({ version: 1, objects: [{ object: "people", sheetName: "People", columns: [{ column: "city", transforms }] }] }).success;
    expect(parse(["trim", "null_if:-"])).toBe(true);
    expect(parse(["shout"])).toBe(false);
  });
});
