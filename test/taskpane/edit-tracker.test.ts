import { createEditTracker, type TrackingHandle } from "../../src/taskpane/services/edit-tracker";

/** A workbook holding some sheets; tracking covers only the wanted sheets that exist, like the adapter. */
function workbookWith(existing: string[]) {
  const started: string[][] = [];
  const stopped: string[][] = [];
  return {
    existing,
    started,
    stopped,
    async startEditTracking(names: string[]): Promise<TrackingHandle> {
      const sheets = names.filter((n) => existing.some((e) => e.toLowerCase() === n.toLowerCase()));
      started.push(sheets);
      return { sheets, stop: async () => void stopped.push(sheets), flushed: async () => undefined };
    },
  };
}

describe("edit tracking on the synced sheets", () => {
  it("starts once for the same sheets and restarts when a wanted sheet appears (created by a pull)", async () => {
    const workbook = workbookWith(["Companies"]);
    const tracker = createEditTracker(workbook);
    await tracker.track(["Companies", "People"]);
    expect(workbook.started).toEqual([["Companies"]]);

    workbook.existing.push("People");
    await tracker.track(["Companies", "People"]);
    expect(workbook.stopped).toEqual([["Companies"]]);
    expect(workbook.started).toEqual([["Companies"], ["Companies", "People"]]);

    await tracker.track(["people", "companies"]);
    expect(workbook.started).toHaveLength(2);
  });

  it("stops tracking when nothing is synced any more", async () => {
    const workbook = workbookWith(["Companies"]);
    const tracker = createEditTracker(workbook);
    await tracker.track(["Companies"]);
    await tracker.track([]);
    expect(workbook.stopped).toEqual([["Companies"]]);
    expect(workbook.started).toHaveLength(1);
  });
});
