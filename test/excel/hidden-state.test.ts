import { STATE_SHEET_NAME } from "../../src/workbook-layout/layout";
import { excelWithPort } from "./support/port";

describe("Excel adapter: the very hidden state sheet", () => {
  it("round-trips text under a key on a very hidden sheet, and answers null for unknown keys", async () => {
    const { fake, port } = excelWithPort();
    expect(await port.readHidden("settings")).toBeNull();
    await port.writeHidden("settings", '{"version":1}');
    expect(await port.readHidden("settings")).toBe('{"version":1}');
    expect(await port.readHidden("other")).toBeNull();
    expect(fake.workbook.visibility(STATE_SHEET_NAME)).toBe("VeryHidden");
    expect(fake.workbook.values(`${STATE_SHEET_NAME}!A1:C2`)).toEqual([["key", "chunk", "text"], ["settings", 0, '{"version":1}']]);
  });

  it("splits state longer than a cell can hold into chunks and puts it back together", async () => {
    const { fake, port } = excelWithPort();
    const big = Array.from({ length: 80_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
    await port.writeHidden("state/people", big);
    expect(fake.workbook.values(`${STATE_SHEET_NAME}!A2:B4`)).toEqual([["state/people", 0], ["state/people", 1], ["state/people", 2]]);
    expect(await port.readHidden("state/people")).toBe(big);
  });

  it("rewriting a key replaces only that key's rows, whether it grows or shrinks", async () => {
    const { fake, port } = excelWithPort();
    await port.writeHidden("a", "first");
    await port.writeHidden("b", "x".repeat(70_000));
    await port.writeHidden("c", "third");
    await port.writeHidden("b", "short now");
    await port.writeHidden("a", "y".repeat(40_000));
    expect(await port.readHidden("a")).toBe("y".repeat(40_000));
    expect(await port.readHidden("b")).toBe("short now");
    expect(await port.readHidden("c")).toBe("third");
    expect(fake.workbook.usedRange(STATE_SHEET_NAME)).toBe("A1:C5");
  });

  it("stores megabytes of JSON state in requests under the payload limit", async () => {
    const { fake, port } = excelWithPort();
    const state = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ id: `"${i}"`, v: "\\" })));
    expect(state.length).toBeGreaterThan(5_000_000);
    await port.writeHidden("state/people", state);
    expect(fake.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(await port.readHidden("state/people")).toBe(state);
  });

  it("keeps state text that looks like a formula as text", async () => {
    const { fake, port } = excelWithPort();
    await port.writeHidden("k", "=1+1");
    await port.writeHidden("q", "'quoted");
    expect(fake.workbook.cell(`${STATE_SHEET_NAME}!C2`).formula).toBeNull();
    expect(await port.readHidden("k")).toBe("=1+1");
    expect(await port.readHidden("q")).toBe("'quoted");
  });

  it("reports a tampered state sheet as a validation error instead of returning half the state", async () => {
    const { fake, port } = excelWithPort();
    await port.writeHidden("state/people", "z".repeat(65_000));
    fake.workbook.setValues(`${STATE_SHEET_NAME}!B3`, [[0]]); // chunk 1 renumbered: chunk 0 twice, chunk 1 missing
    await expect(port.readHidden("state/people")).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringContaining("damaged") });

    fake.workbook.setValues(`${STATE_SHEET_NAME}!A1`, [["nope"]]);
    await expect(port.readHidden("anything")).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringContaining("header row") });
  });
});
