import { OfficeMockObject } from "office-addin-mock";
import { createExcelSheetPort, detectFeatures } from "../../src/excel";

/**
 * The team's design card asks for office-addin-mock coverage. Its limits (no collections, no shapes,
 * reads before load return a string instead of throwing) keep it to call-sequence checks like these;
 * behaviour is tested against the in-memory Excel.
 */
describe("Excel adapter driven through office-addin-mock", () => {
  it("asks for requirement sets with string versions and maps them to features", () => {
    const asked: unknown[] = [];
    const office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported(name: string, version: unknown) {
            asked.push(version);
            return name === "ExcelApi" && typeof version === "string" && Number(version.split(".")[1]) <= 10;
          },
        },
      },
    }) as unknown as Parameters<typeof detectFeatures>[0];

    const features = detectFeatures(office);
    expect(asked.every((v) => typeof v === "string")).toBe(true);
    expect(features).toMatchObject({ suspendScreenUpdating: true, comments: true, delayForCellEdit: false, tableResize: false, triggerSource: false, notes: false });
  });

  it("selectRow activates the sheet and selects the whole row in one batch", async () => {
    const calls: string[] = [];
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem(name: string) {
              calls.push(`getItem ${name}`);
              return this.sheet;
            },
            sheet: {
              activate: () => calls.push("activate"),
              getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
                calls.push(`range ${row},${column},${rows},${columns}`);
                return this.range;
              },
              range: {
                getEntireRow() {
                  calls.push("entire row");
                  return this.row;
                },
                row: { select: () => calls.push("select") },
              },
            },
          },
        },
      },
      run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    const office = { context: { requirements: { isSetSupported: () => false } } };
    const port = createExcelSheetPort({ excel: mock as unknown as Pick<typeof Excel, "run">, office });

    await port.selectRow("People", 7);
    expect(calls).toEqual(["getItem People", "activate", "range 6,0,1,1", "entire row", "select"]);
  });
});
