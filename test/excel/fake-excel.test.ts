import { createFakeExcel } from "../../src/excel-fake";

type Ctx = Excel.RequestContext;

describe("the in-memory Excel", () => {
  it("queues writes until sync and refuses to read properties that were not loaded", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context: Ctx) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.values = [["a", 1]];
      expect(fake.workbook.values("Sheet1!A1:B1")).toEqual([["", ""]]);
      // Reading too early is the very behaviour under test, so the Office.js lint rules are switched off here.
      // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      // eslint-disable-next-line office-addins/call-sync-before-read
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([["a", 1]]);
    });
    expect(fake.stats.syncs).toBe(1);
  });

  it("rejects a values array whose shape does not match the range", async () => {
    const fake = createFakeExcel();
    await expect(
      fake.Excel.run(async (context: Ctx) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["only one row", 1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("leaves cells unchanged for null and clears them for an empty string", async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [["keep", "clear", "replace"]] } });
    await fake.Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [[null, "", "new"]];
      await context.sync();
    });
    expect(fake.workbook.values("Sheet1!A1:C1")).toEqual([["keep", "", "new"]]);
  });

  it("turns '=' text into a formula unless the cell is Text-formatted or the text starts with an apostrophe", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1").numberFormat = [["@"]];
      sheet.getRange("A1:C1").values = [["=1+2", "=1+2", "'=1+2"]];
      sheet.getRange("A2:B2").values = [["+1+1", "-2"]];
      await context.sync();
    });
    expect(fake.workbook.cell("Sheet1!A1")).toMatchObject({ formula: "=1+2", value: 3 });
    expect(fake.workbook.cell("Sheet1!B1")).toMatchObject({ formula: null, value: "=1+2" });
    expect(fake.workbook.cell("Sheet1!C1")).toMatchObject({ formula: null, value: "=1+2" });
    expect(fake.workbook.cell("Sheet1!A2")).toMatchObject({ formula: "=+1+1", value: 2 });
    expect(fake.workbook.cell("Sheet1!B2")).toMatchObject({ formula: null, value: -2 });
  });

  it("refuses a request over the payload limit without applying any of it", async () => {
    const fake = createFakeExcel({ payloadLimitBytes: 10_000 });
    await expect(
      fake.Excel.run(async (context: Ctx) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [["small"]];
        sheet.getRange("A2:A1001").values = Array.from({ length: 1000 }, () => ["twenty bytes of text"]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.workbook.usedRange("Sheet1")).toBeNull();
  });

  it("reports null objects instead of failing for *OrNullObject lookups", async () => {
    const fake = createFakeExcel();
    const result = await fake.Excel.run(async (context: Ctx) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      missing.load("name");
      present.load("name");
      await context.sync();
      return [missing.isNullObject, present.isNullObject, present.name];
    });
    expect(result).toEqual([true, false, "Sheet1"]);
  });

  it("answers isSetSupported from the configured API version and fails calls beyond it", async () => {
    const fake = createFakeExcel({ apiVersion: "1.9" });
    expect(fake.Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(fake.Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    await expect(fake.Excel.run(async (context: Ctx) => context.workbook.notes.load("items"))).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("fires onChanged for a user's edit with source Local, and for the add-in's own writes with triggerSource ThisLocalAddin", async () => {
    const fake = createFakeExcel();
    const seen: { address: string; triggerSource?: string; source: string }[] = [];
    await fake.Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => void seen.push({ address: e.address, source: e.source, triggerSource: e.triggerSource }));
      await context.sync();
    });
    await fake.editCell("Sheet1", "C3", "typed");
    await fake.Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["by add-in"]];
      await context.sync();
    });
    await fake.whenIdle();
    expect(seen).toEqual([
      { address: "C3", source: "Local", triggerSource: "Unknown" },
      { address: "A1", source: "Local", triggerSource: "ThisLocalAddin" },
    ]);
  });

  it("shifts cells, tables and notes up when whole rows are deleted", async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [["h"], ["r2"], ["r3"], ["r4"]] } });
    fake.workbook.addNote("Sheet1!B4", "on row 4");
    await fake.Excel.run(async (context: Ctx) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.tables.add("A1:A4", true);
      sheet.getRange("2:2").delete("Up");
      await context.sync();
    });
    expect(fake.workbook.values("Sheet1!A1:A3")).toEqual([["h"], ["r3"], ["r4"]]);
    expect(fake.workbook.tables("Sheet1")[0]).toMatchObject({ address: "A1:A3", dataRowCount: 2 });
    expect(fake.workbook.notes("Sheet1")).toEqual([{ address: "Sheet1!B3", content: "on row 4" }]);
  });

  it("tells subscribers after every batch that changed the workbook, formats included, but not after reads", async () => {
    const fake = createFakeExcel();
    let heard = 0;
    const unsubscribe = fake.subscribe(() => heard++);
    await fake.Excel.run(async (context: Ctx) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "#FFC7CE";
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await context.sync();
    });
    await fake.editCell("Sheet1", "B2", 5);
    unsubscribe();
    await fake.editCell("Sheet1", "B3", 6);
    expect(heard).toBe(2);
  });
});
