import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { rewriteOfficeScript } from "../../src/workbook-host/server/office-rewrite";
import {
  resolveRequestPath,
  startStaticServer,
  type RunningStaticServer,
} from "../../src/workbook-host/server/static-server";

const TASKPANE = `<!doctype html><html><head>
<script type="text/javascript" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
<script defer src="taskpane.1234.js"></script></head><body><div id="container"></div></body></html>`;

/** Raw GET, so the test sees exactly what the server sent (no URL normalisation by a client). */
function get(port: number, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the Office.js rewrite", () => {
  it("swaps the CDN script for the bridge and keeps the page's own scripts", () => {
    const html = rewriteOfficeScript(TASKPANE);
    expect(html).not.toContain("appsforoffice.microsoft.com");
    expect(html).toContain('<script src="office-bridge.js"></script>');
    expect(html).toContain('<script defer src="taskpane.1234.js"></script>');
  });

  it("leaves pages without Office.js untouched", () => {
    const page = '<html><head><script src="https://example.com/office.js"></script></head></html>';
    expect(rewriteOfficeScript(page)).toBe(page);
  });
});

describe("the static server for dist/", () => {
  let root: string;
  let server: RunningStaticServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "host-static-"));
    await mkdir(join(root, "assets"));
    await writeFile(join(root, "taskpane.html"), TASKPANE);
    await writeFile(join(root, "workbook-host.html"), "<html><body>host</body></html>");
    await writeFile(join(root, "assets", "app.js"), "console.log('hi')");
    await writeFile(join(root, "..", "secret-outside-root.txt"), "secret");
    server = await startStaticServer({ root, indexPage: "workbook-host.html" });
  });

  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
    await rm(join(root, "..", "secret-outside-root.txt"), { force: true });
  });

  it("listens on loopback only, on a random port", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("serves the add-in's pages with the Office bridge instead of Office.js", async () => {
    const page = await get(server.port, "/taskpane.html?_host_Info=Excel");
    expect(page.status).toBe(200);
    expect(page.type).toContain("text/html");
    expect(page.body).toContain('<script src="office-bridge.js"></script>');
    expect(page.body).not.toContain("appsforoffice");
  });

  it("serves the host page at / and other files with their content type", async () => {
    expect((await get(server.port, "/")).body).toContain("host");
    const script = await get(server.port, "/assets/app.js");
    expect(script.type).toContain("text/javascript");
    expect(script.body).toBe("console.log('hi')");
  });

  it("redirects / to the configured page when asked to", async () => {
    const redirecting = await startStaticServer({ root, rootRedirect: "/workbook-host.html?crmUrl=x" });
    try {
      const response = await fetch(`${redirecting.url}/`, { redirect: "manual" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/workbook-host.html?crmUrl=x");
      expect((await get(redirecting.port, "/workbook-host.html")).body).toContain("host");
    } finally {
      await redirecting.close();
    }
  });

  it("answers 404 for missing files and never serves files outside its root", async () => {
    expect((await get(server.port, "/nope.html")).status).toBe(404);
    const escape = await get(server.port, "/..%2fsecret-outside-root.txt");
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain("secret");
    expect(resolveRequestPath(root, "/../secret-outside-root.txt", "index.html")).toBeNull();
    expect(resolveRequestPath(root, "/assets/app.js", "index.html")).toBe(join(root, "assets", "app.js"));
  });
});
