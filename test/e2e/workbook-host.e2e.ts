/**
 * The browser workbook host itself: what a user sees and does in the grid (sheets, keyboard, editing, dropdowns,
 * notes, 10k rows), and what the task pane gets from it (Office, Excel, the theme, the demo connection).
 */
import type { Page } from "playwright-core";
import { startDemo, type RunningDemo } from "../../scripts/demo";
import { launchChromium, withFailureScreenshot, type E2eBrowser } from "./support/browser";
import { HostPage } from "./support/host-page";

/** Runs a batch against the host's in-browser Excel from the page, as an add-in would. */
function excelRun(page: Page, script: string): Promise<unknown> {
  return page.evaluate(async (body) => {
    const host = (window as unknown as { __twentyWorkbookHost: { Excel: typeof Excel } }).__twentyWorkbookHost;
    const batch = new Function("context", `return (async () => { ${body} })();`) as (
      context: Excel.RequestContext,
    ) => Promise<unknown>;
    return host.Excel.run(batch);
  }, script);
}

describe("the browser workbook host", () => {
  let browser: E2eBrowser;
  let demo: RunningDemo;
  let host: HostPage | null = null;
  const step = (name: string, body: () => Promise<void>) => withFailureScreenshot(() => host?.page ?? null, name, body);

  beforeAll(async () => {
    demo = await startDemo({ seed: "empty" });
    browser = await launchChromium();
    host = await HostPage.open(browser, demo);
    await excelRun(
      host.page,
      `const people = context.workbook.worksheets.add("People");
       people.getRange("A1:C4").values = [["id", "name", "stage"], ["p1", "Ada", "LEAD"], ["p2", "Grace", "CUSTOMER"], ["p3", "Edsger", "LEAD"]];
       people.getRange("C2:C4").dataValidation.rule = { list: { inCellDropDown: true, source: "LEAD,CUSTOMER,CHURNED" } };
       people.getRange("A1:A4").format.font.italic = true;
       context.workbook.notes.add("People!B3", "Twenty Sync: both sides changed this cell");
       people.getRange("B3").format.fill.color = "#FFC7CE";
       context.workbook.worksheets.add("_twenty_sync").visibility = "VeryHidden";
       context.workbook.worksheets.add("Scratch").visibility = "Hidden";
       people.activate();
       await context.sync();`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("shows a tab per visible sheet, never the hidden or very hidden ones", () =>
    step("tabs", async () => {
      const tabs = await host!.page.getByRole("tablist", { name: "Sheets" }).getByRole("tab").allTextContents();
      expect(tabs).toEqual(["Sheet1", "People"]);
      await expect(host!.page.getByRole("tab", { name: "People" }).getAttribute("aria-selected")).resolves.toBe("true");
    }));

  it("shows fills, italic read-only columns and notes as the add-in set them", () =>
    step("formatting", async () => {
      const note = host!.page.locator('[data-cell="B3"]');
      await expect(note.getAttribute("title")).resolves.toBe("Twenty Sync: both sides changed this cell");
      await expect(note.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe(
        "rgb(255, 199, 206)",
      );
      await expect(
        host!.page.locator('[data-cell="A2"]').evaluate((element) => getComputedStyle(element).fontStyle),
      ).resolves.toBe("italic");
      await note.click();
      await expect(host!.page.getByTestId("active-note").textContent()).resolves.toContain(
        "both sides changed this cell",
      );
    }));

  it("moves with the keyboard, edits like Excel and fires onChanged as a local user edit", () =>
    step("keyboard", async () => {
      const page = host!.page;
      await excelRun(
        page,
        `const sheet = context.workbook.worksheets.getItem("People");
         window.__changes = [];
         sheet.onChanged.add(async (event) => { window.__changes.push(event.address + ":" + event.source); });
         await context.sync();`,
      );
      await page.locator('[data-cell="A1"]').click();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowRight");
      await expect(page.getByTestId("name-box").textContent()).resolves.toBe("B2");
      await page.keyboard.type("Ada Lovelace");
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("name-box").textContent()).resolves.toBe("B3");
      await page.keyboard.type("discarded");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Delete");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("F2");
      await page.keyboard.type(" W. Dijkstra");
      await page.keyboard.press("Tab");
      await expect(host!.sheet("People")).resolves.toMatchObject({
        rows: [
          { values: { name: "Ada Lovelace" } },
          { values: { name: "" } },
          { values: { name: "Edsger W. Dijkstra" } },
        ],
      });
      await expect(page.evaluate(() => (window as unknown as { __changes: string[] }).__changes)).resolves.toEqual([
        "B2:Local",
        "B3:Local",
        "B4:Local",
      ]);
    }));

  it("shows the row the add-in selects (selectRow), on the sheet it activates", () =>
    step("api-selection", async () => {
      const page = host!.page;
      await host!.showSheet("Sheet1");
      await excelRun(
        page,
        `const sheet = context.workbook.worksheets.getItem("People");
         sheet.activate();
         sheet.getRange("4:4").select();
         await context.sync();`,
      );
      await page.locator('[data-testid="sheet-grid"][data-sheet="People"]').waitFor();
      await expect(page.locator('tr.api-selected th[role="rowheader"]').allTextContents()).resolves.toEqual(["4"]);
      await expect(page.getByTestId("name-box").textContent()).resolves.toBe("A4");
    }));

  it("offers a dropdown for cells with a list validation", () =>
    step("dropdown", async () => {
      const page = host!.page;
      await page.locator('[data-cell="C2"]').click();
      await page.keyboard.press("Enter");
      const select = page.locator('[data-cell="C2"] select');
      await expect(select.locator("option").allTextContents()).resolves.toEqual([
        "(empty)",
        "LEAD",
        "CUSTOMER",
        "CHURNED",
      ]);
      await select.selectOption("CHURNED");
      await expect(host!.cellInfo("People", "C2")).resolves.toMatchObject({ value: "CHURNED" });
    }));

  it("stays responsive with 10,000 rows: only the rows in view are rendered", () =>
    step("ten-thousand-rows", async () => {
      const page = host!.page;
      await excelRun(
        page,
        `const sheet = context.workbook.worksheets.add("Big");
         const rows = [["id", "name", "amount"]];
         for (let i = 1; i <= 10000; i++) rows.push(["r" + i, "Row " + i, i * 1.5]);
         sheet.getRange("A1:C10001").values = rows;
         await context.sync();`,
      );
      await host!.showSheet("Big");
      const grid = page.getByTestId("sheet-grid");
      await grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
      await page.locator('[data-cell="B10001"]').waitFor();
      await expect(page.locator('[data-cell="B10001"]').textContent()).resolves.toBe("Row 10000");
      expect(await page.locator('[data-testid="sheet-grid"] tbody tr[role="row"]').count()).toBeLessThan(100);
      await page.locator('[data-cell="B10001"]').click();
      await page.keyboard.press("Control+Home");
      await expect(page.getByTestId("name-box").textContent()).resolves.toBe("A1");
      await page.locator('[data-cell="A1"]').waitFor();
      await page.keyboard.press("Control+End");
      await expect(page.getByTestId("name-box").textContent()).resolves.toBe("C10001");
      await page.locator('[data-cell="C10001"]').waitFor();
    }));

  it("gives the task pane Office and Excel as Excel would, with the host's theme", () =>
    step("bridge", async () => {
      const paneFrame = host!.page.frame({ url: /taskpane\.html/ })!;
      await expect(paneFrame.evaluate(() => Office.onReady())).resolves.toEqual({ host: "Excel", platform: "PC" });
      await expect(
        paneFrame.evaluate(() => Office.context.requirements.isSetSupported("ExcelApi", "1.14")),
      ).resolves.toBe(true);
      await expect(paneFrame.evaluate(() => Office.context.officeTheme.isDarkTheme)).resolves.toBe(false);
      await host!.page.getByTestId("ribbon-theme").click();
      await host!.pane.getByTestId("tab-connect").waitFor();
      const reloaded = host!.page.frame({ url: /taskpane\.html/ })!;
      await expect(reloaded.evaluate(() => Office.context.officeTheme.isDarkTheme)).resolves.toBe(true);
      await host!.page.getByTestId("ribbon-theme").click();
    }));

  it("fills the demo connection into the pane's Connect form", () =>
    step("fill-connection", async () => {
      await host!.pane.getByTestId("tab-connect").click();
      await host!.page.getByTestId("fill-demo-connection").click();
      await expect(host!.pane.getByTestId("base-url").inputValue()).resolves.toBe(demo.stub.url);
      await expect(host!.pane.getByTestId("api-key").inputValue()).resolves.toBe(demo.stub.apiKey);
      await host!.pane.getByTestId("connect").click();
      await expect(host!.pane.getByTestId("connection-result").textContent()).resolves.toMatch(/Connected/);
      expect(browser.blockedRequests).toEqual([]);
    }));
});
