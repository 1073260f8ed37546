/**
 * Drives the workbook host page: the real task pane in its iframe, the grid, the ribbon and the CRM-side panel.
 * Reads the workbook through the host's own Excel API (the grid only renders the rows in view).
 */
import type { FrameLocator, Locator, Page } from "playwright-core";
import type { RunningDemo } from "../../../scripts/demo";
import { columnLetters } from "../../../src/workbook-layout/a1";
import type { E2eBrowser } from "./browser";

export type Scalar = string | number | boolean;

export interface SheetContents {
  headers: string[];
  /** Data rows keyed by header, with their worksheet row number. */
  rows: { rowNumber: number; values: Record<string, Scalar> }[];
}

const RUN_TIMEOUT_MS = 90_000;

export class HostPage {
  readonly pane: FrameLocator;

  private constructor(
    readonly page: Page,
    readonly demo: RunningDemo,
  ) {
    this.pane = page.frameLocator('[data-testid="taskpane-frame"]');
  }

  static async open(browser: E2eBrowser, demo: RunningDemo): Promise<HostPage> {
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.warn(`page error: ${error.message}`));
    await page.goto(demo.url);
    const host = new HostPage(page, demo);
    await host.pane.getByTestId("tab-connect").waitFor({ timeout: 30_000 });
    return host;
  }

  /** Types the workspace URL and key into the pane's Connect form and submits; returns the result banner. */
  async connect(apiKey: string = this.demo.stub.apiKey): Promise<Locator> {
    await this.pane.getByTestId("tab-connect").click();
    await this.pane.getByTestId("base-url").fill(this.demo.stub.url);
    await this.pane.getByTestId("api-key").fill(apiKey);
    await this.pane.getByTestId("connect").click();
    const result = this.pane.getByTestId("connection-result");
    await result.waitFor({ timeout: 30_000 });
    return result;
  }

  /** Switches the given objects on (everything else as it is), optionally sets their strategy, and saves. */
  async chooseObjects(
    objects: string[],
    strategy?: "newest_wins" | "crm_wins" | "excel_wins" | "field_merge",
  ): Promise<void> {
    await this.pane.getByTestId("tab-objects").click();
    for (const object of objects) {
      const toggle = this.pane.getByTestId(`object-toggle-${object}`);
      await toggle.waitFor({ timeout: 30_000 });
      await toggle.check();
      if (strategy) await this.pane.getByTestId(`strategy-${object}`).selectOption(strategy);
    }
    await this.pane.getByTestId("save-settings").click();
    await this.pane
      .getByTestId("settings-status")
      .filter({ hasText: "Saved in this workbook" })
      .waitFor({ timeout: 30_000 });
  }

  /** Runs pull, push or sync from the pane and waits for its summary (or error) banner. */
  async run(mode: "pull" | "push" | "sync"): Promise<{ ok: boolean; text: string }> {
    await this.pane.getByTestId("tab-sync").click();
    const button = this.pane.getByTestId(`run-${mode}`);
    await button.click();
    const outcome = this.pane.locator('[data-testid="run-summary"], [data-testid="run-error"]');
    await this.pane.getByTestId("run-progress").waitFor({ state: "detached", timeout: RUN_TIMEOUT_MS });
    await outcome.first().waitFor({ timeout: RUN_TIMEOUT_MS });
    const text = (await outcome.first().textContent()) ?? "";
    return { ok: (await outcome.first().getAttribute("data-testid")) === "run-summary", text };
  }

  /** The sheet's used range as headers (row 1) and data rows, read through the workbook's API. */
  async sheet(name: string): Promise<SheetContents> {
    const values = await this.page.evaluate(async (sheetName) => {
      const host = (window as unknown as { __twentyWorkbookHost: { Excel: typeof Excel } }).__twentyWorkbookHost;
      return host.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
        range.load("values");
        await context.sync();
        return range.isNullObject ? [] : (range.values as Scalar[][]);
      });
    }, name);
    const [headers = [], ...rows] = values;
    return {
      headers: headers.map(String),
      rows: rows.map((row, index) => ({
        rowNumber: index + 2,
        values: Object.fromEntries(headers.map((header, column) => [String(header), row[column]])),
      })),
    };
  }

  async cellInfo(sheet: string, address: string): Promise<{ value: Scalar; fill: string | null }> {
    return this.page.evaluate(
      async ({ sheet, address }) => {
        const host = (window as unknown as { __twentyWorkbookHost: { Excel: typeof Excel } }).__twentyWorkbookHost;
        return host.Excel.run(async (context) => {
          const range = context.workbook.worksheets.getItem(sheet).getRange(address);
          const fill = context.workbook.worksheets.getItem(sheet).getRange(address).format.fill;
          range.load("values");
          fill.load("color");
          await context.sync();
          return { value: range.values[0][0] as Scalar, fill: fill.color || null };
        });
      },
      { sheet, address },
    );
  }

  /** The grid cell as the user sees it (scrolled into view on the shown sheet). */
  async gridCell(sheet: string, address: string): Promise<Locator> {
    await this.showSheet(sheet);
    const row = Number(/\d+$/.exec(address)![0]);
    await this.page
      .getByTestId("sheet-grid")
      .evaluate((element, top) => (element.scrollTop = top), Math.max(0, (row - 4) * 24));
    return this.page.locator(`[data-cell="${address}"]`);
  }

  async showSheet(name: string): Promise<void> {
    await this.page.getByTestId(`sheet-tab-${name}`).click();
    await this.page.locator(`[data-testid="sheet-grid"][data-sheet="${name}"]`).waitFor();
  }

  /** Selects a cell in the grid (scrolling it into view) and types into it like a user, ending with Enter. */
  async typeInCell(sheet: string, address: string, text: string): Promise<void> {
    const cell = await this.gridCell(sheet, address);
    await cell.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
    await cell.locator("input, select").waitFor({ state: "detached" });
  }
}

/** "B" for the column holding `header` in the sheet's first row. */
export function columnOf(contents: SheetContents, header: string): string {
  const index = contents.headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in ${contents.headers.join(", ")}`);
  return columnLetters(index);
}
