import { loadSettings, saveSettings, recordResolutions, describeRunReport, runSync } from "../../src/sync";
import { HIDDEN_KEYS, NOTE_PREFIX } from "../../src/workbook-layout/layout";
import { harness, seedPeople, PEOPLE_COLUMNS } from "./support/harness";
import { columnCatalog } from "../../src/sync/fields/catalog";
import { toCell } from "../../src/sync/fields/values";
import { people } from "./support/fixtures";

describe("pulling and settling", () => {
  it("fills an empty workbook from Twenty, after which a sync has nothing to do", async () => {
    const h = harness();
    seedPeople(h.crm, 3);
    const report = await h.object("pull");
    expect(report.applied.sheetAppended).toBe(3);
    const rows = h.sheet.rows("People");
    expect(rows.map((r) => r["name.firstName"])).toEqual(["First0", "First1", "First2"]);
    expect(typeof rows[0]!.updatedAt).toBe("number"); // a date serial the adapter formats
    await h.expectSettled();
  });

  it("moves a sheet edit to Twenty and a Twenty edit to the sheet in one run", async () => {
    const h = harness();
    const [a, b] = seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.edit("People", h.sheet.rowNumberOf("People", a!.id), "city", "Lyon");
    h.crm.edit("people", b!.id, { jobTitle: "CTO" });

    const report = await h.object("sync");

    expect(report.applied).toMatchObject({ crmUpdated: 1, sheetUpdated: 2 });
    expect(h.crm.get("people", a!.id)!.city).toBe("Lyon");
    expect(h.sheet.rowById("People", b!.id)!.jobTitle).toBe("CTO");
    expect(report.plan.toCrm.updates[0]!.data).toEqual({ city: "Lyon" });
    await h.expectSettled();
  });

  it("matches an id typed in capitals and asks the sheet for the row by the id exactly as it reads", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    h.sheet.setTable("People", ["id", "city"], [{ id: a!.id.toUpperCase(), city: "City0" }]);
    await h.run("sync");
    h.crm.edit("people", a!.id, { city: "Bergen" });
    const report = await h.object("sync");
    expect(report.error).toBeUndefined();
    expect(report.plan.toSheet.updates[0]).toMatchObject({ id: a!.id, sheetId: a!.id.toUpperCase() });
    expect(h.sheet.rows("People")).toEqual([expect.objectContaining({ id: a!.id.toUpperCase(), city: "Bergen" })]);
  });

  it("sends only the changed sub-field of a composite", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "name.lastName", "Byron");
    const report = await h.object("push");
    expect(report.plan.toCrm.updates.map((u) => u.data)).toEqual([{ name: { lastName: "Byron" } }]);
    expect(h.crm.get("people", a!.id)!.name).toEqual({ firstName: "First0", lastName: "Byron" });
  });
});

describe("creating records from new rows", () => {
  it("creates new rows with client-chosen ids written into the sheet, then settles", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "name.firstName", "emails.primaryEmail", "city"], [{ id: null, "name.firstName": "Grace", "emails.primaryEmail": "Grace@Navy.MIL", city: "Arlington" }]);
    const report = await h.object("sync");
    expect(report.applied.crmCreated).toBe(1);
    const row = h.sheet.rows("People")[0]!;
    expect(row.id).toBe("aaaaaaaa-0000-4000-8000-000000000001");
    const record = h.crm.get("people", row.id as string)!;
    expect(record.emails).toEqual({ primaryEmail: "grace@navy.mil" });
    // emails compare case-insensitively, so the cell keeps what was typed; what Twenty filled in comes back
    expect(row["emails.primaryEmail"]).toBe("Grace@Navy.MIL");
    expect(row.updatedAt).toBe(toCell(columnCatalog(people).get("updatedAt")!, record.updatedAt!));
    await h.expectSettled();
  });

  it("links a new row to the existing record with the same email instead of duplicating it", async () => {
    const h = harness();
    const existing = h.crm.seed("people", { emails: { primaryEmail: "x@y.io" }, city: "Oslo", jobTitle: "CEO" });
    h.sheet.setTable("People", ["id", "emails.primaryEmail", "city"], [{ id: null, "emails.primaryEmail": "X@Y.io", city: "Rome" }]);
    const report = await h.object("sync");
    expect(report.warnings.join(" ")).toContain(`matched the existing Twenty record ${existing.id}`);
    expect(h.crm.all("people")).toHaveLength(1);
    expect(h.crm.get("people", existing.id)).toMatchObject({ city: "Rome", jobTitle: "CEO" });
    expect(h.sheet.rows("People")).toEqual([expect.objectContaining({ id: existing.id, city: "Rome", jobTitle: "CEO" })]);
    await h.expectSettled();
  });

  it("records the chosen ids as pending in state before they reach the sheet or Twenty", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "name.firstName"], [{ id: null, "name.firstName": "Ann" }]);
    let pendingWhenSent: unknown = null;
    let idInSheetWhenSent: unknown = null;
    h.crm.createRecords = async () => {
      pendingWhenSent = JSON.parse(h.sheet.hidden.get(HIDDEN_KEYS.objectState("people"))!).pendingCreates;
      idInSheetWhenSent = h.sheet.rows("People")[0]!.id;
      throw new Error("process killed");
    };
    await h.run("sync");
    expect(idInSheetWhenSent).toBe("aaaaaaaa-0000-4000-8000-000000000001");
    expect(Object.keys(pendingWhenSent as object)).toEqual(["aaaaaaaa-0000-4000-8000-000000000001"]);
  });

  it("keeps a pending create across a run where its row has a bad value", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "name.firstName", "emails.primaryEmail"], [{ id: null, "name.firstName": "Ann", "emails.primaryEmail": "ann@x.io" }]);
    h.crm.crashAfterBatches = 0;
    await h.run("sync");
    expect(h.crm.all("people")).toHaveLength(0);
    h.crm.crashAfterBatches = null;
    h.sheet.edit("People", 2, "emails.primaryEmail", "broken");
    expect((await h.object("sync")).rowErrors.map((e) => e.column)).toEqual(["emails.primaryEmail"]);
    h.sheet.edit("People", 2, "emails.primaryEmail", "ann@x.io");
    const fixed = await h.object("sync");
    expect(fixed.rowErrors).toEqual([]);
    expect(h.crm.all("people").map((r) => r.id)).toEqual([h.sheet.rows("People")[0]!.id]);
  });

  it("does not send new rows on a pull", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "city"], [{ id: null, city: "Oslo" }]);
    const report = await h.object("pull");
    expect(h.crm.all("people")).toHaveLength(0);
    expect(report.warnings.join(" ")).toContain("1 new row(s)");
  });

  it("survives a crash mid-push without duplicating records on the re-run", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "name.firstName"], Array.from({ length: 7 }, (_, i) => ({ id: null, "name.firstName": `New${i}` })));
    h.crm.batchSize = 2;
    h.crm.crashAfterBatches = 2;
    const crashed = await h.object("sync");
    expect(crashed.error?.code).toBe("NETWORK_ERROR");
    expect(h.crm.all("people")).toHaveLength(4);

    h.crm.crashAfterBatches = null;
    const rerun = await h.object("sync");
    expect(rerun.error).toBeUndefined();
    const names = h.crm.all("people").map((r) => (r.name as { firstName: string }).firstName).sort();
    expect(names).toEqual(["New0", "New1", "New2", "New3", "New4", "New5", "New6"]);
    expect(new Set(h.sheet.rows("People").map((r) => r.id)).size).toBe(7);
    await h.expectSettled();
  });
});

describe("strategies when both sides changed a field", () => {
  async function bothEdited(strategy: string, sheetEditedAt?: string) {
    const h = harness({ strategy });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    h.sheet.edit("People", 2, "city", "From Sheet", sheetEditedAt);
    const report = await h.object("sync");
    return { h, id: a!.id, report };
  }

  it("crm_wins writes Twenty's value into the sheet", async () => {
    const { h, id } = await bothEdited("crm_wins");
    expect(h.sheet.rowById("People", id)!.city).toBe("From Twenty");
    expect(h.crm.get("people", id)!.city).toBe("From Twenty");
    await h.expectSettled();
  });

  it("excel_wins sends the sheet's value to Twenty", async () => {
    const { h, id } = await bothEdited("excel_wins");
    expect(h.crm.get("people", id)!.city).toBe("From Sheet");
    await h.expectSettled();
  });

  it("newest_wins takes the sheet edit when it is newer than Twenty's updatedAt", async () => {
    const { h, id } = await bothEdited("newest_wins", "2030-01-01T00:00:00.000Z");
    expect(h.crm.get("people", id)!.city).toBe("From Sheet");
  });

  it("newest_wins takes Twenty's value when the sheet edit is older", async () => {
    const { h, id } = await bothEdited("newest_wins", "2000-01-01T00:00:00.000Z");
    expect(h.sheet.rowById("People", id)!.city).toBe("From Twenty");
  });

  const TRACKED = "2000-01-01T00:00:00.000Z";
  const LATER = "2030-01-01T00:00:00.000Z";
  it.each([
    { strategy: "crm_wins", editedAt: undefined, kept: "crm", cell: "From Twenty", replaced: 'Replaced sheet value: "From Sheet"', why: () => "the strategy is crm_wins (Twenty wins)" },
    { strategy: "excel_wins", editedAt: undefined, kept: "sheet", cell: "From Sheet", replaced: 'Replaced Twenty value: "From Twenty"', why: () => "the strategy is excel_wins (the sheet wins)" },
    {
      strategy: "newest_wins", editedAt: TRACKED, kept: "crm", cell: "From Twenty", replaced: 'Replaced sheet value: "From Sheet"',
      why: (crmAt: string) => `Twenty changed later (Twenty changed ${crmAt}; sheet edited ${TRACKED})`,
    },
    {
      strategy: "newest_wins", editedAt: LATER, kept: "sheet", cell: "From Sheet", replaced: 'Replaced Twenty value: "From Twenty"',
      why: (crmAt: string) => `the sheet was edited later (sheet edited ${LATER}; Twenty changed ${crmAt})`,
    },
  ])("$strategy (sheet edited $editedAt) keeps the $kept value and notes the replaced one on the cell until the next sync", async ({ strategy, editedAt, kept, cell, replaced, why }) => {
    const h = harness({ strategy });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    const crmAt = h.crm.get("people", a!.id)!.updatedAt!;
    h.sheet.edit("People", 2, "city", "From Sheet", editedAt);

    const run = await h.run("sync");
    const report = run.objects[0]!;

    expect(h.sheet.rowById("People", a!.id)!.city).toBe(cell);
    expect(h.crm.get("people", a!.id)!.city).toBe(cell);
    expect(report.conflicts).toEqual([]);
    const settled = {
      object: "people", id: a!.id, rowNumber: 2, column: "city", base: "City0", sheet: "From Sheet", crm: "From Twenty",
      crmUpdatedAt: crmAt, sheetEditedAt: editedAt ?? expect.any(String), kept, reason: why(crmAt), withoutBase: false,
    };
    expect(report.autoResolved).toEqual([settled]);
    expect(report.plan.autoResolved).toEqual([settled]);
    expect(h.sheet.marks.get("People")).toEqual({
      conflicts: [{ rowNumber: 2, column: "city", kind: "notice", note: expect.stringMatching(new RegExp(`^${NOTE_PREFIX} notice\n`)) }],
      rowErrors: [],
    });
    const note = h.sheet.marks.get("People")!.conflicts[0]!.note;
    expect(note).toContain(`Changed in both the sheet and Twenty since the last sync; kept the ${kept === "crm" ? "Twenty" : "sheet"} value because ${why(crmAt)}.`);
    expect(note).toContain(replaced);
    expect(note).toContain('Last synced: "City0"');
    expect(describeRunReport(run)).toContain(`1 field(s) changed on both sides settled by the ${strategy} strategy`);
    expect(describeRunReport(run)).toContain(`row 2, "city": kept the ${kept === "crm" ? "Twenty" : "sheet"} value (${why(crmAt)}), replaced "${kept === "crm" ? "From Sheet" : "From Twenty"}"`);

    const next = await h.object("sync");
    expect(next.autoResolved).toEqual([]);
    expect(h.sheet.marks.get("People")).toEqual({ conflicts: [], rowErrors: [] });
    await h.expectSettled();
  });

  it("field_merge reports an open conflict, not a settled notice", async () => {
    const { h, report } = await bothEdited("field_merge");
    expect(report.autoResolved).toEqual([]);
    expect(report.plan.autoResolved).toEqual([]);
    expect(report.conflicts).toHaveLength(1);
    expect(h.sheet.marks.get("People")!.conflicts.map((m) => m.kind ?? "conflict")).toEqual(["conflict"]);
  });

  it("a recorded resolution is the user's choice, not a notice, under any strategy", async () => {
    const h = harness({ strategy: "crm_wins" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    h.sheet.edit("People", 2, "city", "From Sheet");
    await recordResolutions(h.sheet, [{ object: "people", id: a!.id, column: "city", choice: "sheet" }]);
    const report = await h.object("sync");
    expect(h.crm.get("people", a!.id)!.city).toBe("From Sheet");
    expect(report.autoResolved).toEqual([]);
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([]);
  });

  it("newest_wins says when the sheet edit time was not tracked and what it compared instead", async () => {
    const h = harness({ strategy: "newest_wins" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    h.sheet.edit("People", 2, "city", "From Sheet");
    h.sheet.lastModifiedAt = "2020-01-01T00:00:00.000Z"; // the CLI's stand-in: the file's modification time
    const report = await h.object("sync");
    const crmAt = h.crm.get("people", a!.id)!.updatedAt;
    expect(report.autoResolved).toEqual([
      expect.objectContaining({ kept: "crm", reason: `Twenty changed later (Twenty changed ${crmAt}; sheet edit time not tracked, last known 2020-01-01T00:00:00.000Z)` }),
    ]);
    expect(h.sheet.rows("People")[0]!.city).toBe("From Twenty");
  });

  it("lists what a dry run would settle without marking the sheet", async () => {
    const h = harness({ strategy: "excel_wins" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    h.sheet.edit("People", 2, "city", "From Sheet");
    h.sheet.marks.clear();
    const preview = await h.run("sync", { dryRun: true });
    expect(preview.objects[0]!.autoResolved).toEqual([expect.objectContaining({ kept: "sheet", crm: "From Twenty" })]);
    expect(describeRunReport(preview)).toContain("1 field(s) changed on both sides would be settled by the excel_wins strategy");
    expect(h.sheet.marks.size).toBe(0);
    expect(h.crm.get("people", a!.id)!.city).toBe("From Twenty");
  });

  it("marks no notice when Twenty rejected the update that would have replaced its value", async () => {
    const h = harness({ strategy: "excel_wins" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: "From Twenty" });
    h.sheet.edit("People", 2, "city", "From Sheet");
    h.crm.reject = () => "city is locked";
    const rejected = await h.object("sync");
    expect(h.crm.get("people", a!.id)!.city).toBe("From Twenty");
    expect(rejected.plan.autoResolved).toHaveLength(1);
    expect(rejected.autoResolved).toEqual([]);
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([]);
    expect(h.sheet.marks.get("People")!.rowErrors).toEqual([{ rowNumber: 2, message: expect.stringContaining("city is locked") }]);

    h.crm.reject = null;
    const retried = await h.object("sync");
    expect(h.crm.get("people", a!.id)!.city).toBe("From Sheet");
    expect(retried.autoResolved).toEqual([expect.objectContaining({ kept: "sheet", crm: "From Twenty" })]);
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([expect.objectContaining({ kind: "notice", note: expect.stringContaining('Replaced Twenty value: "From Twenty"') })]);
  });

  it("without a last-synced value says the sides differed rather than that both changed", async () => {
    const h = harness({ strategy: "crm_wins" });
    const [a] = seedPeople(h.crm, 1);
    h.sheet.setTable("People", ["id", "city"], [{ id: a!.id, city: "Typed offline" }]);
    const report = await h.object("sync");
    expect(h.sheet.rows("People")[0]!.city).toBe("City0");
    expect(report.autoResolved).toEqual([expect.objectContaining({ base: null, withoutBase: true, sheet: "Typed offline", kept: "crm" })]);
    const note = h.sheet.marks.get("People")!.conflicts[0]!.note;
    expect(note).toContain("The sheet and Twenty differed, with no earlier sync to compare with; kept the Twenty value");
    expect(note).toContain('Replaced sheet value: "Typed offline"');
    expect(note).not.toContain("Last synced");
  });

  it("puts the notice on the row's new position when rows above it were deleted", async () => {
    const h = harness({ strategy: "crm_wins", applyDeletes: { inSheet: true, inCrm: false } });
    const [a, b] = seedPeople(h.crm, 2);
    await h.run("pull");
    h.crm.trash("people", a!.id);
    h.crm.edit("people", b!.id, { city: "From Twenty" });
    h.sheet.edit("People", 3, "city", "From Sheet");
    const report = await h.object("sync");
    expect(report.applied.sheetDeleted).toBe(1);
    expect(report.autoResolved).toEqual([expect.objectContaining({ rowNumber: 3 })]);
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([expect.objectContaining({ rowNumber: 2, column: "city", kind: "notice" })]);
  });

  it("field_merge leaves a conflict with both values in its note, and a recorded resolution settles it", async () => {
    const { h, id, report } = await bothEdited("field_merge");
    expect(report.conflicts).toEqual([
      expect.objectContaining({ id, rowNumber: 2, column: "city", base: "City0", sheet: "From Sheet", crm: "From Twenty" }),
    ]);
    const note = h.sheet.marks.get("People")!.conflicts[0]!.note;
    expect(note).toContain('Sheet: "From Sheet"');
    expect(note).toContain('Twenty: "From Twenty"');
    expect(h.crm.get("people", id)!.city).toBe("From Twenty");
    expect(h.sheet.rowById("People", id)!.city).toBe("From Sheet");
    // the conflict stays until resolved
    expect((await h.object("sync")).conflicts).toHaveLength(1);

    await recordResolutions(h.sheet, [{ object: "people", id, column: "city", choice: "value", value: "Agreed" }]);
    const resolved = await h.object("sync");
    expect(resolved.conflicts).toEqual([]);
    expect(h.crm.get("people", id)!.city).toBe("Agreed");
    expect(h.sheet.rowById("People", id)!.city).toBe("Agreed");
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([]);
    expect(JSON.parse(h.sheet.hidden.get(HIDDEN_KEYS.resolutions)!).items).toEqual([]);
    await h.expectSettled();
  });

  it("field_merge still merges fields edited on different sides of the same record", async () => {
    const h = harness({ strategy: "field_merge" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { jobTitle: "CEO" });
    h.sheet.edit("People", 2, "city", "Nice");
    const report = await h.object("sync");
    expect(report.conflicts).toEqual([]);
    expect(h.crm.get("people", a!.id)).toMatchObject({ jobTitle: "CEO", city: "Nice" });
    expect(h.sheet.rowById("People", a!.id)).toMatchObject({ jobTitle: "CEO", city: "Nice" });
  });

  it("pull lets Twenty win but says which local edit it replaced", async () => {
    const { h } = await (async () => {
      const h = harness();
      const [a] = seedPeople(h.crm, 1);
      await h.run("pull");
      h.crm.edit("people", a!.id, { city: "From Twenty" });
      h.sheet.edit("People", 2, "city", "From Sheet");
      return { h };
    })();
    const report = await h.object("pull");
    expect(h.sheet.rows("People")[0]!.city).toBe("From Twenty");
    expect(report.warnings.join("\n")).toContain('your edit "From Sheet" was replaced by the Twenty value "From Twenty"');
  });

  it("keeps a pull over many overwritten edits readable: the first warnings, then a count", async () => {
    const h = harness();
    seedPeople(h.crm, 30);
    await h.run("pull");
    h.sheet.hidden.delete(HIDDEN_KEYS.objectState("people"));
    for (let row = 2; row <= 31; row++) h.sheet.edit("People", row, "city", "Local");
    const report = await h.object("pull");
    expect(report.warnings.filter((w) => w.includes("was replaced by the Twenty value"))).toHaveLength(20);
    expect(report.warnings).toContain("…and 10 more cell warning(s) like these.");
    expect(h.sheet.rows("People").every((r) => r.city !== "Local")).toBe(true);
  });

  it("push never writes Twenty's changes into the sheet, and they arrive on the next sync", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.crm.edit("people", a!.id, { jobTitle: "CFO" });
    const pushed = await h.object("push");
    expect(pushed.applied.sheetUpdated).toBe(0);
    expect(h.sheet.rows("People")[0]!.jobTitle).toBe("Job0");
    await h.run("sync");
    expect(h.sheet.rows("People")[0]!.jobTitle).toBe("CFO");
  });
});

describe("deletions", () => {
  it("only proposes deleting in Twenty a record whose row was removed, unless switched on", async () => {
    const h = harness();
    const [a, b] = seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", a!.id));
    const proposed = await h.object("sync");
    expect(proposed.plan.toCrm.deletes).toEqual([expect.objectContaining({ id: a!.id, apply: false })]);
    expect(h.crm.get("people", a!.id)).toBeDefined();
    // still proposed next time, never re-appended in a sync
    expect((await h.object("sync")).plan.toCrm.deletes).toHaveLength(1);

    h.setSettings({ applyDeletes: { inCrm: true, inSheet: false } });
    const applied = await h.object("sync");
    expect(applied.applied.crmDeleted).toBe(1);
    expect(h.crm.get("people", a!.id)).toBeUndefined();
    expect(h.crm.get("people", b!.id)).toBeDefined();
    await h.expectSettled();
  });

  it("only proposes removing the row of a record deleted in Twenty, unless switched on", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 3);
    await h.run("pull");
    h.crm.trash("people", a!.id);
    const proposed = await h.object("sync");
    expect(proposed.plan.toSheet.deletes).toEqual([expect.objectContaining({ id: a!.id, rowNumber: 2, apply: false })]);
    expect(h.sheet.rows("People")).toHaveLength(3);

    h.setSettings({ applyDeletes: { inCrm: false, inSheet: true } });
    const applied = await h.object("sync");
    expect(applied.applied.sheetDeleted).toBe(1);
    expect(h.sheet.rows("People").map((r) => r.id)).not.toContain(a!.id);
    await h.expectSettled();
  });

  it("keeps a record whose row was deleted when Twenty changed it since, and a row edited since its record was deleted", async () => {
    const h = harness({ applyDeletes: { inCrm: true, inSheet: true } });
    const [a, b] = seedPeople(h.crm, 4);
    await h.run("pull");
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", a!.id));
    h.crm.edit("people", a!.id, { jobTitle: "Promoted" });
    h.sheet.edit("People", h.sheet.rowNumberOf("People", b!.id), "city", "Still here");
    h.crm.trash("people", b!.id);
    const report = await h.object("sync");
    expect(report.plan.toCrm.deletes).toEqual([expect.objectContaining({ id: a!.id, apply: false, reason: expect.stringContaining("changed in Twenty") })]);
    expect(report.plan.toSheet.deletes).toEqual([expect.objectContaining({ id: b!.id, apply: false, reason: expect.stringContaining("edited since") })]);
    expect(h.crm.get("people", a!.id)).toBeDefined();
    expect(h.sheet.rowById("People", b!.id)).toBeDefined();
  });

  it("on a pull, brings back a row deleted in the sheet instead of deleting the record", async () => {
    const h = harness({ applyDeletes: { inCrm: true, inSheet: true } });
    const [a] = seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", a!.id));
    await h.run("pull");
    expect(h.crm.get("people", a!.id)).toBeDefined();
    expect(h.sheet.rowById("People", a!.id)).toBeDefined();
  });

  it("rewrites a missing sheet from Twenty and deletes nothing", async () => {
    const h = harness({ applyDeletes: { inCrm: true, inSheet: true } });
    seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.tables.delete("People");
    const report = await h.object("sync");
    expect(report.warnings.join(" ")).toContain('Sheet "People" is missing');
    expect(h.crm.all("people")).toHaveLength(2);
    expect(h.sheet.rows("People")).toHaveLength(2);
    await h.expectSettled();
  });

  it("blocks a run that would delete more than the guard share, until confirmed", async () => {
    const h = harness({ applyDeletes: { inCrm: true, inSheet: true } }, { massChangeGuardShare: 0.2 });
    const seeded = seedPeople(h.crm, 5);
    await h.run("pull");
    h.sheet.deleteRow("People", 3);
    h.sheet.deleteRow("People", 2);
    const blocked = await h.object("sync");
    expect(blocked.blocked?.reason).toContain("delete 2");
    expect(h.crm.all("people")).toHaveLength(5);
    const confirmed = await h.object("sync", { confirmMassChanges: true });
    expect(confirmed.applied.crmDeleted).toBe(2);
    expect(h.crm.all("people").map((r) => r.id).sort()).toEqual(seeded.slice(2).map((p) => p.id).sort());
  });
});

describe("mass clears", () => {
  it("counts records that would lose values toward the guard", async () => {
    const h = harness({}, { massChangeGuardShare: 0.2 });
    const [a, b] = seedPeople(h.crm, 5);
    await h.run("pull");
    h.crm.edit("people", a!.id, { city: null, jobTitle: null });
    h.crm.edit("people", b!.id, { city: null });
    const blocked = await h.object("sync");
    expect(blocked.blocked?.reason).toContain("clear values of 2 record(s)");
    expect(h.sheet.rowById("People", a!.id)!.city).toBe("City0");
    await h.run("sync", { confirmMassChanges: true });
    expect(h.sheet.rowById("People", a!.id)!.city).toBeNull();
  });
});

describe("bad rows", () => {
  it("skips a row with a bad value, naming row, column and reason, while other rows sync", async () => {
    const h = harness();
    seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.edit("People", 2, "emails.primaryEmail", "not-an-email");
    h.sheet.edit("People", 3, "city", "Bergen");
    const report = await h.object("sync");
    expect(report.rowErrors).toEqual([expect.objectContaining({ row: 2, column: "emails.primaryEmail", reason: '"not-an-email" is not a valid email address' })]);
    expect(h.sheet.marks.get("People")!.rowErrors).toEqual([{ rowNumber: 2, message: 'Row 2, column "emails.primaryEmail": "not-an-email" is not a valid email address' }]);
    expect(h.crm.all("people").map((r) => r.city)).toContain("Bergen");
    expect(report.applied.crmUpdated).toBe(1);
    expect(describeRunReport(await h.run("sync", { dryRun: true }))).toContain('Row 2, column "emails.primaryEmail"');
  });

  it("rejects every row sharing an id and pushes none of them", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "city", "One");
    h.sheet.addRow("People", { id: a!.id, city: "Two" });
    const report = await h.object("sync");
    expect(report.rowErrors.map((e) => [e.row, e.column])).toEqual([
      [2, "id"],
      [3, "id"],
    ]);
    expect(report.rowErrors[0]!.reason).toContain("also appears on row 3");
    expect(h.crm.get("people", a!.id)!.city).toBe("City0");
    expect(report.plan.toSheet.appends).toEqual([]);
  });

  it("ignores rows with nothing in the mapped columns, whatever other columns hold", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "city", "sync error", "notes"], [
      { id: null, city: "  ", "sync error": "old message", notes: "mine" },
      { id: null, city: "Oslo" },
    ]);
    h.sheet.addRow("People", { id: null, city: null });
    const report = await h.object("sync");
    expect(report.applied.crmCreated).toBe(1);
    expect(h.crm.all("people").map((r) => r.city)).toEqual(["Oslo"]);
    expect(report.warnings).toContain("Row 2 holds only spaces; it was skipped.");
    expect(report.warnings.filter((w) => w.startsWith("Row "))).toHaveLength(1);
  });

  it("refuses to sync a sheet that lost its id column rather than create every row again", async () => {
    const h = harness();
    seedPeople(h.crm, 2);
    await h.run("pull");
    const rows = h.sheet.rows("People").map(({ id: _id, ...rest }) => rest);
    h.sheet.setTable("People", PEOPLE_COLUMNS.filter((c) => c !== "id"), rows);
    const report = await h.object("sync", { confirmMassChanges: true });
    expect(report.blocked?.reason).toContain('lost its "id" column');
    expect(h.crm.all("people")).toHaveLength(2);
  });

  it("reports an id that Twenty does not know", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "city"], [{ id: "0f8fad5b-d9cb-469f-a165-70867728950e", city: "X" }, { id: "nonsense", city: "Y" }]);
    const report = await h.object("sync");
    expect(report.rowErrors.map((e) => e.reason)).toEqual([
      "id 0f8fad5b-d9cb-469f-a165-70867728950e does not exist in Twenty; clear the id to create a new record",
      '"nonsense" is not a valid Twenty id (UUID); leave it empty for a new record',
    ]);
    expect(h.crm.all("people")).toHaveLength(0);
  });

  it("keeps the base of a row Twenty rejected, reports Twenty's message, and retries next time", async () => {
    const h = harness();
    const [a, b] = seedPeople(h.crm, 2);
    await h.run("pull");
    h.sheet.edit("People", 2, "jobTitle", "Forbidden");
    h.sheet.edit("People", 3, "jobTitle", "Fine");
    h.crm.reject = (_o, data) => (data.jobTitle === "Forbidden" ? "jobTitle is not allowed" : null);
    const report = await h.object("sync");
    expect(report.rowErrors).toEqual([expect.objectContaining({ row: 2, id: a!.id, reason: "Twenty rejected the update: jobTitle is not allowed" })]);
    expect(h.crm.get("people", b!.id)!.jobTitle).toBe("Fine");
    h.crm.reject = null;
    const retry = await h.object("sync");
    expect(retry.plan.toCrm.updates.map((u) => u.id)).toEqual([a!.id]);
    expect(h.crm.get("people", a!.id)!.jobTitle).toBe("Forbidden");
  });
});

describe("cells that must not be touched", () => {
  it("never clears Twenty data from an empty cell unless the column says so", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "jobTitle", null);
    await h.run("sync");
    expect(h.crm.get("people", a!.id)!.jobTitle).toBe("Job0");
    expect(h.sheet.rows("People")[0]!.jobTitle).toBe("Job0");

    h.setSettings({ columns: ["id", "jobTitle"].map((column) => ({ column, clearWhenEmpty: column === "jobTitle" })) });
    h.sheet.edit("People", 2, "jobTitle", null);
    await h.run("sync");
    expect(h.crm.get("people", a!.id)!.jobTitle).toBeNull();
  });

  it("compares transformed values, so a lowercase column is pushed once and then settles", async () => {
    const h = harness({ columns: [{ column: "id" }, { column: "city", transforms: ["trim", "lowercase"] }] });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "city", "  OSLO ");
    await h.run("sync");
    expect(h.crm.get("people", a!.id)!.city).toBe("oslo");
    await h.expectSettled();
  });

  it("never writes over a formula cell, and pushes its computed value", async () => {
    const h = harness();
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "city", "Computed");
    h.sheet.markFormula("People", 2, "city");
    await h.run("sync");
    expect(h.crm.get("people", a!.id)!.city).toBe("Computed");
    h.crm.edit("people", a!.id, { city: "Typed in Twenty" });
    const report = await h.object("sync", { strategy: "crm_wins" });
    expect(report.warnings.join(" ")).toContain("holds a formula");
    expect(h.sheet.rows("People")[0]!.city).toBe("Computed");
  });

  it("puts no notice on a formula cell that crm_wins could not overwrite, since nothing was replaced", async () => {
    const h = harness({ strategy: "crm_wins" });
    const [a] = seedPeople(h.crm, 1);
    await h.run("pull");
    h.sheet.edit("People", 2, "city", "Computed");
    h.sheet.markFormula("People", 2, "city");
    h.crm.edit("people", a!.id, { city: "Typed in Twenty" });
    const report = await h.object("sync");
    expect(report.warnings.join(" ")).toContain("holds a formula");
    expect(h.sheet.rows("People")[0]!.city).toBe("Computed");
    expect(report.autoResolved).toEqual([]);
    expect(h.sheet.marks.get("People")!.conflicts).toEqual([]);
  });

  it("writes nothing on a dry run", async () => {
    const h = harness();
    seedPeople(h.crm, 2);
    const report = await h.object("sync", { dryRun: true });
    expect(report.plan.summary.sheetAppends).toBe(2);
    expect(h.sheet.tables.size).toBe(0);
    expect(h.sheet.hidden.size).toBe(0);
  });
});

describe("sync state", () => {
  it.each([
    ["corrupted", "{not json", "not valid JSON"],
    ["from the future", JSON.stringify({ version: 7, object: "people", records: {} }), "newer version"],
    ["foreign", JSON.stringify({ version: 1, object: "companies", lastSyncAt: null, records: {}, pendingCreates: {} }), 'another object ("companies")'],
  ])("treats %s state as no base: warns, compares in full and deletes nothing", async (_label, text, why) => {
    const h = harness({ applyDeletes: { inCrm: true, inSheet: true }, strategy: "field_merge" });
    const [a, b] = seedPeople(h.crm, 3);
    await h.run("pull");
    h.sheet.deleteRow("People", h.sheet.rowNumberOf("People", a!.id));
    h.sheet.edit("People", h.sheet.rowNumberOf("People", b!.id), "city", "Edited");
    h.sheet.hidden.set(HIDDEN_KEYS.objectState("people"), text);
    const report = await h.object("sync");
    expect(report.warnings.join(" ")).toContain(why);
    expect(h.crm.all("people")).toHaveLength(3);
    expect(report.plan.toCrm.deletes).toEqual([]);
    // without a base a differing value is a change on both sides: here a conflict, never a silent overwrite
    expect(report.conflicts.map((c) => [c.id, c.column])).toEqual([[b!.id, "city"]]);
  });

  it("cancels between batches, keeping what landed", async () => {
    const h = harness();
    h.sheet.setTable("People", ["id", "name.firstName"], Array.from({ length: 6 }, (_, i) => ({ id: null, "name.firstName": `N${i}` })));
    const controller = new AbortController();
    const originalCreate = h.crm.createRecords.bind(h.crm);
    h.crm.createRecords = (object, records, options = {}) =>
      originalCreate(object, records, { ...options, onBatch: async (o) => { await options.onBatch?.(o); controller.abort(); } });
    const report = (await h.run("sync", {}, controller.signal)).objects[0]!;
    expect(report.cancelled).toBe(true);
    expect(h.crm.all("people")).toHaveLength(2);
    const rerun = await h.object("sync");
    expect(rerun.applied.crmCreated).toBe(4);
    expect(h.crm.all("people")).toHaveLength(6);
  });
});

describe("settings given to a run", () => {
  it("refuses invalid settings with a typed error instead of syncing", async () => {
    const h = harness();
    const report = await runSync({ mode: "sync", settings: { version: 1, objects: [{ object: "people", sheetName: "Bad/Name" }] } as never }, { sheet: h.sheet, crm: h.crm });
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringContaining("objects.0.sheetName") });
    expect(h.crm.calls.list).toBe(0);
  });
});

describe("settings storage", () => {
  it("gives defaults when missing, round-trips, and refuses corrupt settings with a typed error", async () => {
    const h = harness();
    expect((await loadSettings(h.sheet)).objects).toEqual([]);
    const settings = { ...(await loadSettings(h.sheet)), scheduleMinutes: 5 };
    await saveSettings(h.sheet, settings);
    expect(await loadSettings(h.sheet)).toEqual(settings);
    h.sheet.hidden.set(HIDDEN_KEYS.settings, '{"version":1,"scheduleMinutes":-3}');
    await expect(loadSettings(h.sheet)).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringContaining("scheduleMinutes") });
    h.sheet.hidden.set(HIDDEN_KEYS.settings, "garbage");
    await expect(loadSettings(h.sheet)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
