/**
 * The real built task pane, in headless Chromium, beside the in-browser workbook, against the Twenty stand-in:
 * pull, edit and push, new rows getting their ids, a conflict resolved cell by cell, and the ribbon's Sync now.
 * The tests run in order and share one workbook, like one person's session.
 */
import { startDemo, type RunningDemo } from "../../scripts/demo";
import { MARK_COLORS } from "../../src/workbook-layout/layout";
import { launchChromium, screenshot, withFailureScreenshot, type E2eBrowser } from "./support/browser";
import { columnOf, HostPage, type SheetContents } from "./support/host-page";

const COMPANIES = 500;

describe("a sales user's session: pull, edit, push, conflict", () => {
  let browser: E2eBrowser;
  let demo: RunningDemo;
  let host: HostPage | null = null;
  let pulled: SheetContents;
  const step = (name: string, body: () => Promise<void>) => withFailureScreenshot(() => host?.page ?? null, name, body);

  beforeAll(async () => {
    demo = await startDemo({ seed: "empty", size: { companies: COMPANIES }, rateLimit: null });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("connects with the demo key and shows the latency", () =>
    step("connect", async () => {
      host = await HostPage.open(browser, demo);
      const result = await host.connect();
      await expect(result.getAttribute("role")).resolves.toBe("status");
      expect(await result.textContent()).toMatch(/Connected.*\(\d+ ms\)/);
      await expect(host.pane.getByTestId("connection-badge").textContent()).resolves.toBe("Connected");
    }));

  it(`pulls ${COMPANIES} companies into the grid`, () =>
    step("pull", async () => {
      // field_merge: a field changed differently on both sides is left to the user, cell by cell.
      await host!.chooseObjects(["companies"], "field_merge");
      const outcome = await host!.run("pull");
      expect(outcome).toMatchObject({ ok: true });
      pulled = await host!.sheet("Companies");
      expect(pulled.rows).toHaveLength(COMPANIES);
      const crmIds = demo.stub.store
        .list("companies")
        .map((record) => record.id)
        .sort();
      expect(pulled.rows.map((row) => row.values.id).sort()).toEqual(crmIds);
      await expect(host!.pane.getByTestId("crm-read-companies").textContent()).resolves.toBe(
        `companies: read all ${COMPANIES} records from Twenty (no earlier sync to continue from)`,
      );
      // The grid shows the sheet: its tab, headers and the first company, and scrolls to the last one.
      await host!.showSheet("Companies");
      const first = demo.stub.store.get("companies", String(pulled.rows[0].values.id))!;
      await expect(
        (await host!.gridCell("Companies", `${columnOf(pulled, "name")}2`)).textContent(),
      ).resolves.toContain(String(first.name));
      // Virtualised: a 500-row sheet renders only the rows in view.
      expect(await host!.page.locator('[data-testid="sheet-grid"] tbody tr[role="row"]').count()).toBeLessThan(80);
      const last = pulled.rows[COMPANIES - 1];
      await expect((await host!.gridCell("Companies", `A${last.rowNumber}`)).textContent()).resolves.toBe(
        String(last.values[pulled.headers[0]]),
      );
      await host!.gridCell("Companies", "A1");
      await screenshot(host!.page, "main-view-after-pull");
      expect(browser.blockedRequests).toEqual([]);
    }));

  it("pushes cells edited in the grid to Twenty", () =>
    step("push-edits", async () => {
      const name = columnOf(pulled, "name");
      const [a, b] = [pulled.rows[0], pulled.rows[1]];
      await host!.typeInCell("Companies", `${name}${a.rowNumber}`, "Acme Renamed GmbH");
      await host!.typeInCell("Companies", `${name}${b.rowNumber}`, "Globex (edited in Excel)");
      const outcome = await host!.run("push");
      expect(outcome).toMatchObject({ ok: true });
      expect(demo.stub.store.get("companies", String(a.values.id))?.name).toBe("Acme Renamed GmbH");
      expect(demo.stub.store.get("companies", String(b.values.id))?.name).toBe("Globex (edited in Excel)");
    }));

  it("creates a company typed into a new row and writes its id back into the grid", () =>
    step("new-row", async () => {
      const newRow = pulled.rows[COMPANIES - 1].rowNumber + 1;
      await host!.typeInCell("Companies", `${columnOf(pulled, "name")}${newRow}`, "Initech Newco");
      const before = demo.stub.store.count("companies");
      const outcome = await host!.run("push");
      expect(outcome).toMatchObject({ ok: true });
      expect(demo.stub.store.count("companies")).toBe(before + 1);
      const created = demo.stub.store.list("companies").find((record) => record.name === "Initech Newco");
      expect(created).toBeDefined();
      const idCell = await host!.cellInfo("Companies", `${columnOf(pulled, "id")}${newRow}`);
      expect(idCell.value).toBe(created!.id);
      await expect(
        (await host!.gridCell("Companies", `${columnOf(pulled, "id")}${newRow}`)).textContent(),
      ).resolves.toBe(created!.id);
    }));

  it("highlights a cell changed on both sides, and applies the resolution on the next sync", () =>
    step("conflict", async () => {
      const page = host!.page;
      const row = pulled.rows[4];
      const id = String(row.values.id);
      const address = `${columnOf(pulled, "name")}${row.rowNumber}`;
      await host!.typeInCell("Companies", address, "Name from Excel");

      // The same field changes "in the CRM", through the host's CRM-side panel (REST, like a colleague in Twenty).
      await page.getByTestId("ribbon-crm").click();
      await page.getByTestId("crm-search").fill(String(demo.stub.store.get("companies", id)!.name));
      await page.getByTestId("crm-records").getByRole("option").first().click();
      await page.getByTestId("crm-field").selectOption("name");
      await page.getByTestId("crm-value").fill("Name from Twenty");
      await page.getByTestId("crm-save").click();
      await page.getByTestId("crm-status").filter({ hasText: "Saved" }).waitFor();
      expect(demo.stub.store.get("companies", id)?.name).toBe("Name from Twenty");

      const outcome = await host!.run("sync");
      expect(outcome.text).toMatch(/conflict/i);
      const cell = await host!.gridCell("Companies", address);
      await expect(cell.getAttribute("title")).resolves.toMatch(
        /Name from Excel[\s\S]*Name from Twenty|Name from Twenty[\s\S]*Name from Excel/,
      );
      expect((await host!.cellInfo("Companies", address)).fill?.toUpperCase()).toBe(MARK_COLORS.conflictFill);
      await expect(cell.getAttribute("class")).resolves.toContain("has-note");
      await screenshot(page, "conflict-highlighted");

      const card = host!.pane.getByTestId("conflict");
      await expect(card.getByTestId("conflict-sheet").textContent()).resolves.toBe("Name from Excel");
      await expect(card.getByTestId("conflict-crm").textContent()).resolves.toBe("Name from Twenty");
      await card.getByTestId("keep-sheet").click();
      await host!.pane.getByTestId("save-resolutions").click();
      await host!.pane.getByTestId("sync-to-apply").click();
      await host!.pane.getByTestId("run-progress").waitFor({ state: "detached", timeout: 60_000 });
      await host!.pane.getByTestId("run-summary").waitFor();

      expect(demo.stub.store.get("companies", id)?.name).toBe("Name from Excel");
      expect((await host!.cellInfo("Companies", address)).fill?.toUpperCase()).not.toBe(MARK_COLORS.conflictFill);
      await expect((await host!.gridCell("Companies", address)).getAttribute("title")).resolves.toBeNull();
    }));

  it("runs the ribbon's Sync now like Excel runs a function command, and reports through a dialog", () =>
    step("ribbon-sync-now", async () => {
      const row = pulled.rows[6];
      await host!.typeInCell("Companies", `${columnOf(pulled, "name")}${row.rowNumber}`, "Synced from the ribbon");
      await host!.page.getByTestId("ribbon-sync-now").click();
      await host!.page.getByTestId("dialog-toast").first().waitFor({ timeout: 60_000 });
      const deadline = Date.now() + 30_000;
      while (
        demo.stub.store.get("companies", String(row.values.id))?.name !== "Synced from the ribbon" &&
        Date.now() < deadline
      ) {
        await host!.page.waitForTimeout(100);
      }
      expect(demo.stub.store.get("companies", String(row.values.id))?.name).toBe("Synced from the ribbon");
    }));
});
