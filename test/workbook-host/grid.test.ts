import { editableText } from "../../src/workbook-host/grid/cell-input";
import { displayText } from "../../src/workbook-host/grid/display";
import { scrollToReveal, visibleRows } from "../../src/workbook-host/grid/viewport";
import { EMPTY_CELL } from "../../src/workbook-host/workbook-view";

describe("grid display", () => {
  it("formats numbers, money, dates and booleans by number format", () => {
    expect(displayText(1234.5, "#,##0.00")).toBe("1,234.50");
    expect(displayText(45000, "yyyy-mm-dd")).toBe("2023-03-15");
    expect(displayText(45000.5, "yyyy-mm-dd hh:mm")).toBe("2023-03-15 12:00");
    expect(displayText(0.25, "0%")).toBe("25%");
    expect(displayText(true, null)).toBe("TRUE");
    expect(displayText("=1+1", "@")).toBe("=1+1");
    expect(displayText(null, null)).toBe("");
  });

  it("edits formulas as formulas and dates as dates", () => {
    expect(editableText({ ...EMPTY_CELL, value: 2, formula: "=1+1" })).toBe("=1+1");
    expect(editableText({ ...EMPTY_CELL, value: 45000, numberFormat: "yyyy-mm-dd" })).toBe("2023-03-15");
    expect(editableText({ ...EMPTY_CELL, value: 1234.5, numberFormat: "#,##0.00" })).toBe("1234.5");
  });
});

describe("row virtualisation", () => {
  it("renders only the rows in view plus overscan, whatever the sheet's length", () => {
    expect(visibleRows(0, 600, 24, 10_000, 5)).toEqual({ first: 0, last: 30 });
    expect(visibleRows(24 * 5000, 600, 24, 10_000, 5)).toEqual({ first: 4995, last: 5030 });
    expect(visibleRows(24 * 9990, 600, 24, 10_000, 5)).toEqual({ first: 9985, last: 10_000 });
  });

  it("scrolls just enough to reveal a row", () => {
    expect(scrollToReveal(10, 0, 600, 24, 24)).toBeNull();
    expect(scrollToReveal(100, 0, 600, 24, 24)).toBe(101 * 24 - 576);
    expect(scrollToReveal(2, 480, 600, 24, 24)).toBe(48);
  });
});
