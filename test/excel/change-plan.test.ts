import { batchBlocks, buildBlocks, rowAfterDeletions } from "../../src/excel/change-plan";
import { excelWouldReinterpret, toCellInput } from "../../src/excel/cell-writing";

const row = (rowOffset: number, cells: [number, string | number][]) => ({
  rowOffset,
  cells: new Map(cells.map(([col, value]) => [col, { value, format: null }])),
});

describe("planning sheet writes", () => {
  it("merges nearby rows into one block, leaving untouched cells null", () => {
    const blocks = buildBlocks([row(3, [[1, "b"]]), row(0, [[0, "a"]]), row(4, [[2, 7]])], { blockRows: 100, blockBytes: 1_000_000 });
    expect(blocks).toEqual([
      {
        rowOffset: 0,
        columnOffset: 0,
        values: [["a", null, null], [null, null, null], [null, null, null], [null, "b", null], [null, null, 7]],
        formats: Array.from({ length: 5 }, () => [null, null, null]),
        bytes: expect.any(Number),
      },
    ]);
  });

  it("does not pad wide gaps with nulls: scattered rows become separate blocks that share round trips", () => {
    const scattered = buildBlocks(Array.from({ length: 100 }, (_, i) => row(i * 100, [[3, 7]])), { blockRows: 5_000, blockBytes: 3_500_000 });
    expect(scattered).toHaveLength(100);
    expect(scattered.every((b) => b.values.length === 1 && b.values[0].length === 1)).toBe(true);
    expect(batchBlocks(scattered, { blockRows: 5_000, blockBytes: 3_500_000 })).toHaveLength(1);
    const byBytes = batchBlocks(scattered, { blockRows: 5_000, blockBytes: scattered[0].bytes * 40 });
    expect(byBytes.map((b) => b.length)).toEqual([40, 40, 20]);
    expect(batchBlocks(scattered, { blockRows: 30, blockBytes: 3_500_000 }).map((b) => b.length)).toEqual([30, 30, 30, 10]);
  });

  it("starts a new block when rows are far apart, the block is tall enough, or heavy enough", () => {
    const far = buildBlocks([row(0, [[0, "a"]]), row(10, [[0, "b"]])], { blockRows: 20_000, blockBytes: 1_000_000 });
    expect(far.map((b) => b.rowOffset)).toEqual([0, 10]);
    const tall = buildBlocks(Array.from({ length: 10 }, (_, i) => row(i, [[0, i]])), { blockRows: 4, blockBytes: 1_000_000 });
    expect(tall.map((b) => [b.rowOffset, b.values.length])).toEqual([[0, 4], [4, 4], [8, 2]]);
    const heavy = buildBlocks(Array.from({ length: 4 }, (_, i) => row(i, [[0, "x".repeat(100)]])), { blockRows: 100, blockBytes: 250 });
    expect(heavy.map((b) => b.values.length)).toEqual([2, 2]);
  });

  it("moves row-keyed records up past deleted rows and drops the deleted ones", () => {
    expect([2, 3, 4, 5, 6].map((r) => rowAfterDeletions(r, [3, 5]))).toEqual([2, null, 3, null, 4]);
  });

  it("prefixes text Excel would reinterpret, except in Text-formatted cells", () => {
    for (const text of ["=1", "+1", "-x", "@A1", "\t=1", "\r=1", "12", "1.5e3", "2024-01-05", "TRUE", "10%", "'q"]) {
      expect(excelWouldReinterpret(text)).toBe(true);
      expect(toCellInput(text, null)).toBe(`'${text}`);
    }
    expect(toCellInput("=1", "@")).toBe("=1");
    expect(toCellInput("'q", "@")).toBe("''q");
    expect(toCellInput("plain", null)).toBe("plain");
    expect(toCellInput(12, null)).toBe(12);
    expect(toCellInput(null, "@")).toBe("");
  });
});
