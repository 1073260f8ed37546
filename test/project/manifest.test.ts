import { readFileSync, existsSync } from "fs";
import { join } from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const root = join(__dirname, "..", "..");
const xml = readFileSync(join(root, "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: false });
const manifest = parser.parse(xml).OfficeApp;

type Node = Record<string, unknown>;
function allNodes(node: unknown, visit: (key: string, value: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => allNodes(n, visit));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node as Node)) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item && typeof item === "object") visit(key, item as Node);
        allNodes(item, visit);
      }
    }
  }
}
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("manifest.xml (validated offline)", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("is an Excel task-pane add-in with a GUID id and a four-part version", () => {
    expect(manifest["@xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(manifest.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(manifest.Hosts.Host["@Name"]).toBe("Workbook");
    expect(manifest.Permissions).toBe("ReadWriteDocument");
  });

  it("declares ExcelApi 1.7 as the minimum requirement set", () => {
    const sets = asArray(manifest.Requirements.Sets.Set) as Node[];
    expect(sets).toContainEqual({ "@Name": "ExcelApi", "@MinVersion": "1.7" });
  });

  it("keeps the schema's element order (Requirements between Hosts and DefaultSettings)", () => {
    const order = ["<Hosts>", "<Requirements>", "<DefaultSettings>", "<Permissions>", "<VersionOverrides"].map((tag) =>
      xml.indexOf(tag),
    );
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("has a ribbon button that opens the task pane and a Sync now button that runs a function", () => {
    const actions: Node[] = [];
    allNodes(manifest.VersionOverrides, (key, value) => key === "Action" && actions.push(value));
    expect(actions.map((a) => a["@xsi:type"]).sort()).toEqual(["ExecuteFunction", "ShowTaskpane"]);
    const execute = actions.find((a) => a["@xsi:type"] === "ExecuteFunction")!;
    expect(execute.FunctionName).toBe("syncNow");
  });

  it("resolves every resid to a declared resource of the right kind, within length limits", () => {
    const resources = manifest.VersionOverrides.Resources;
    const ids = (group: Node | undefined, child: string) =>
      new Map((asArray(group?.[child] as Node[]) as Node[]).map((n) => [n["@id"] as string, n["@DefaultValue"] as string]));
    const images = ids(resources["bt:Images"], "bt:Image");
    const urls = ids(resources["bt:Urls"], "bt:Url");
    const shortStrings = ids(resources["bt:ShortStrings"], "bt:String");
    const longStrings = ids(resources["bt:LongStrings"], "bt:String");

    const referenced: { key: string; resid: string }[] = [];
    allNodes(manifest.VersionOverrides.Hosts, (key, value) => {
      if (typeof value["@resid"] === "string") referenced.push({ key, resid: value["@resid"] as string });
    });
    expect(referenced.length).toBeGreaterThan(10);
    for (const { key, resid } of referenced) {
      const pool =
        key === "bt:Image" ? images : ["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(key) ? urls : key === "Description" ? longStrings : shortStrings;
      expect({ key, resid, found: pool.has(resid) }).toEqual({ key, resid, found: true });
    }
    for (const text of shortStrings.values()) expect(text.length).toBeLessThanOrEqual(125);
    for (const text of longStrings.values()) expect(text.length).toBeLessThanOrEqual(250);
  });

  it("points every URL at https and every icon at a file shipped in assets/", () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://")).toBe(true);
    for (const url of urls.filter((u) => u.endsWith(".png"))) {
      expect(existsSync(join(root, "assets", url.split("/assets/")[1]))).toBe(true);
    }
  });

  it("names a function file whose script registers the syncNow action", () => {
    const commands = readFileSync(join(root, "src", "commands", "commands.ts"), "utf8");
    expect(commands).toMatch(/Office\.actions\.associate\(\s*["']syncNow["']/);
  });
});
