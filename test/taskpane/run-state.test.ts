import { initialRunState, progressView, runReducer } from "../../src/taskpane/state/run";
import { objectReport, report } from "./support/fakes";

const syncRequest = { mode: "sync" as const, dryRun: false, confirmMassChanges: false, fullCompare: false };

describe("run state", () => {
  it("asks for confirmation when a real run stops at the mass-change guard, re-running the same mode confirmed", () => {
    let state = runReducer(initialRunState, { type: "started", request: syncRequest });
    state = runReducer(state, {
      type: "finished",
      report: report([
        objectReport({ object: "companies", blocked: { reason: "would delete 40 of 100 records" } }),
        objectReport({ object: "people" }),
      ]),
    });
    expect(state.massChange).toEqual({
      request: { mode: "sync", dryRun: false, confirmMassChanges: true, fullCompare: false },
      reasons: [{ object: "companies", reason: "would delete 40 of 100 records" }],
    });
  });

  it("does not pop the confirmation for a preview", () => {
    let state = runReducer(initialRunState, { type: "started", request: { ...syncRequest, dryRun: true } });
    state = runReducer(state, {
      type: "finished",
      report: report([objectReport({ object: "companies", blocked: { reason: "x" } })], { dryRun: true }),
    });
    expect(state.massChange).toBeNull();
  });

  it("ignores progress that arrives after the run ended", () => {
    let state = runReducer(initialRunState, { type: "started", request: syncRequest });
    state = runReducer(state, { type: "cancelled" });
    state = runReducer(state, {
      type: "progressed",
      progress: { object: "companies", phase: "reading", done: 1, total: 2, message: "m" },
    });
    expect(state.progress).toBeNull();
  });

  it("shows determinate progress with record counts", () => {
    expect(
      progressView({ object: "people", phase: "writing-crm", done: 1200, total: 4800, message: "Sending to Twenty" }),
    ).toEqual({
      value: 0.25,
      caption: "people: Sending to Twenty (1,200 of 4,800)",
    });
    expect(
      progressView({ object: "people", phase: "reading", done: 0, total: 0, message: "Reading" }).value,
    ).toBeUndefined();
  });
});
