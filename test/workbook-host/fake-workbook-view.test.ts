import { createFakeExcel } from "../../src/excel-fake";
import { createFakeWorkbookView } from "../../src/workbook-host/fake-workbook-view";
import { observeExcelRuns } from "../../src/workbook-host/observed-excel";

function hostOver(
  fake = createFakeExcel({
    sheets: {
      People: [
        ["id", "name", "stage"],
        ["p1", "Ada", "LEAD"],
        ["p2", "Grace", "CUSTOMER"],
      ],
    },
  }),
) {
  const observed = observeExcelRuns(fake.Excel);
  return { fake, Excel: observed.Excel, view: createFakeWorkbookView(fake, observed.afterRun) };
}

describe("the host's view of the in-browser workbook", () => {
  it("shows visible sheets only, in tab order", async () => {
    const { Excel, view } = hostOver();
    await Excel.run(async (context) => {
      context.workbook.worksheets.add("Companies");
      context.workbook.worksheets.add("_twenty_sync").visibility = "VeryHidden" as Excel.SheetVisibility;
      context.workbook.worksheets.add("Scratch").visibility = "Hidden" as Excel.SheetVisibility;
      await context.sync();
    });
    expect(view.visibleSheets()).toEqual(["People", "Companies"]);
  });

  it("reads values, fills, fonts, notes and dropdown options the add-in wrote", async () => {
    const { Excel, view } = hostOver();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("People");
      sheet.getRange("A1:C1").format.fill.color = "#E7E6E6";
      sheet.getRange("A2:A3").format.font.italic = true;
      sheet.getRange("B3").format.fill.color = "#FFC7CE";
      sheet.getRange("C2:C3").dataValidation.rule = {
        list: { inCellDropDown: true, source: "LEAD,CUSTOMER,PROSPECT" },
      };
      context.workbook.notes.add("People!B3", "Twenty Sync: conflict");
      await context.sync();
    });
    const people = view.sheet("People")!;
    expect(people.usedRows).toBe(3);
    expect(people.usedColumns).toBe(3);
    expect(people.cell(0, 0)).toMatchObject({ value: "id", fill: "#E7E6E6" });
    expect(people.cell(1, 0)).toMatchObject({ value: "p1", italic: true });
    expect(people.cell(2, 1)).toMatchObject({ value: "Grace", fill: "#FFC7CE", note: "Twenty Sync: conflict" });
    expect(people.cell(1, 2).listOptions).toEqual(["LEAD", "CUSTOMER", "PROSPECT"]);
    expect(people.cell(9, 9)).toMatchObject({ value: null, note: null, listOptions: null });
  });

  it("lists dropdown options kept in cells of another sheet", async () => {
    const { Excel, view } = hostOver();
    await Excel.run(async (context) => {
      const lists = context.workbook.worksheets.add("Lists");
      lists.getRange("A1:A3").values = [["LEAD"], ["CUSTOMER"], [""]];
      context.workbook.worksheets.getItem("People").getRange("C2").dataValidation.rule = {
        list: { inCellDropDown: true, source: "=Lists!$A$1:$A$3" },
      };
      await context.sync();
    });
    expect(view.sheet("People")!.cell(1, 2).listOptions).toEqual(["LEAD", "CUSTOMER"]);
  });

  it("sends a user's typing through Excel's input rules and change events", async () => {
    const { fake, Excel, view } = hostOver();
    const changes: string[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("People").onChanged.add(async (event) => {
        changes.push(`${event.address}:${event.source}`);
      });
      await context.sync();
    });
    await view.editCell("People", "B2", "Ada Lovelace");
    await view.editCell("People", "D2", "42");
    expect(fake.workbook.values("People!B2:B2")).toEqual([["Ada Lovelace"]]);
    expect(view.sheet("People")!.cell(1, 3).value).toBe(42);
    expect(changes).toEqual(["B2:Local", "D2:Local"]);
  });

  it("grows a table when the user types in the row right below it, as Excel's AutoExpand does", async () => {
    const { fake, Excel, view } = hostOver();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("People").tables.add("People!A1:C3", true);
      await context.sync();
    });
    await view.editCell("People", "B4", "Katherine");
    expect(fake.workbook.tables("People")[0]).toMatchObject({ address: "A1:C4", dataRowCount: 3 });
    await view.editCell("People", "B7", "Not adjacent");
    await view.editCell("People", "E4", "Beside, not below");
    expect(fake.workbook.tables("People")[0].address).toBe("A1:C4");
  });

  it("follows the add-in's selection and keeps the same selection object until it changes", async () => {
    const { Excel, view } = hostOver();
    expect(view.selection()).toBeNull();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("People");
      sheet.activate();
      sheet.getRange("3:3").select();
      await context.sync();
    });
    const selection = view.selection();
    expect(selection).toMatchObject({ sheet: "People", firstRow: 2, lastRow: 2, firstColumn: 0 });
    expect(view.selection()).toBe(selection);
    expect(view.activeSheet()).toBe("People");
  });

  it("makes a user's tab click and cell click the workbook's active sheet and selection, as in Excel", async () => {
    const { Excel, view } = hostOver();
    await Excel.run(async (context) => {
      context.workbook.worksheets.add("Companies");
      await context.sync();
    });
    await view.activateSheet("Companies");
    expect(view.activeSheet()).toBe("Companies");
    await view.selectCell("Companies", "B2");
    expect(view.selection()).toEqual({ sheet: "Companies", firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 1 });
  });

  it("notifies after the add-in's batches, including fills that change no value", async () => {
    const { Excel, view } = hostOver();
    const listener = jest.fn();
    const unsubscribe = view.subscribe(listener);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("People").getRange("B2").format.fill.color = "#FFEB9C";
      await context.sync();
    });
    expect(listener).toHaveBeenCalled();
    unsubscribe();
    listener.mockClear();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("People").getRange("B2").format.fill.clear();
      await context.sync();
    });
    expect(listener).not.toHaveBeenCalled();
  });
});
