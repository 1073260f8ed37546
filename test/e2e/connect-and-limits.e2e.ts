/**
 * Connecting from the real task pane (good key, bad key), the pane opened outside Office, and a run against a
 * tightly rate-limited workspace that must still complete without losing a record.
 */
import { startDemo, type RunningDemo } from "../../scripts/demo";
import { launchChromium, withFailureScreenshot, type E2eBrowser } from "./support/browser";
import { columnOf, HostPage } from "./support/host-page";

describe("connecting and running under limits", () => {
  let browser: E2eBrowser;
  const demos: RunningDemo[] = [];
  let host: HostPage | null = null;
  const step = (name: string, body: () => Promise<void>) => withFailureScreenshot(() => host?.page ?? null, name, body);

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(demos.map((demo) => demo.close()));
  });

  async function demoWith(options: Parameters<typeof startDemo>[0]): Promise<RunningDemo> {
    const demo = await startDemo(options);
    demos.push(demo);
    return demo;
  }

  it("explains a wrong API key as an authentication problem, then connects with the right one", () =>
    step("bad-key", async () => {
      const demo = await demoWith({ seed: "empty", size: { companies: 5 } });
      host = await HostPage.open(browser, demo);
      const refused = await host.connect("not-the-demo-key");
      await expect(refused.getAttribute("role")).resolves.toBe("alert");
      expect(await refused.textContent()).toMatch(/API key was refused/i);
      const accepted = await host.connect();
      expect(await accepted.textContent()).toMatch(/Connected.*\(\d+ ms\)/);
      expect(browser.blockedRequests).toEqual([]);
    }));

  it("shows the outside-Office page when the pane is opened on its own", () =>
    step("outside-office", async () => {
      const demo = await demoWith({ seed: "empty" });
      const page = await browser.newPage();
      host = null;
      await page.goto(`${demo.origin}/taskpane.html`);
      await page.getByTestId("outside-office").waitFor({ timeout: 30_000 });
      await page.close();
    }));

  it("completes a pull and a push against a tightly rate-limited workspace with no failed records", () =>
    step("rate-limited", async () => {
      const demo = await demoWith({
        seed: "empty",
        size: { companies: 1200 },
        rateLimit: { limit: 2, windowMs: 1000 },
      });
      host = await HostPage.open(browser, demo);
      await host.connect();
      await host.chooseObjects(["companies"]);
      demo.stub.resetRequestLog();
      const outcome = await host.run("pull");
      expect(outcome).toMatchObject({ ok: true });
      expect(demo.stub.requestLog.some((entry) => entry.status === 429)).toBe(true);
      const sheet = await host.sheet("Companies");
      expect(sheet.rows).toHaveLength(1200);
      expect(new Set(sheet.rows.map((row) => row.values.id)).size).toBe(1200);

      // And a push under the same limit: every edited record lands.
      const edited = sheet.rows.slice(0, 3);
      for (const [index, row] of edited.entries()) {
        await host.typeInCell("Companies", `${columnOf(sheet, "name")}${row.rowNumber}`, `Rate limited ${index}`);
      }
      const pushed = await host.run("push");
      expect(pushed).toMatchObject({ ok: true });
      edited.forEach((row, index) =>
        expect(demo.stub.store.get("companies", String(row.values.id))?.name).toBe(`Rate limited ${index}`),
      );
    }));
});
