import {
  formatTransforms,
  parseTransforms,
  selectTransforms,
  setTransformArgument,
} from "../../src/taskpane/state/transforms";
import { transformSchema } from "../../src/sync/settings";

describe("editing a column's transforms", () => {
  it("round-trips settings strings, arguments included (even ones containing colons)", () => {
    const transforms = ["trim", "null_if:N/A", "only_if:a:b", "yesno_to_bool"];
    expect(formatTransforms(parseTransforms(transforms))).toEqual(transforms);
  });

  it("adds newly selected transforms at the end and keeps existing arguments", () => {
    const drafts = parseTransforms(["null_if:-", "trim"]);
    expect(formatTransforms(selectTransforms(drafts, ["trim", "null_if", "lowercase"]))).toEqual([
      "null_if:-",
      "trim",
      "lowercase",
    ]);
    expect(formatTransforms(selectTransforms(drafts, ["trim"]))).toEqual(["trim"]);
  });

  it("produces strings the settings schema accepts", () => {
    const drafts = setTransformArgument(selectTransforms([], ["only_if", "round_int"]), "only_if", "Active");
    for (const t of formatTransforms(drafts)) expect(transformSchema.safeParse(t).success).toBe(true);
    expect(formatTransforms(drafts)).toEqual(["only_if:Active", "round_int"]);
  });
});
