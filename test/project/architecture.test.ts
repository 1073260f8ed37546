import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

const root = join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(join(root, "src")).map((path) => ({
  path: relative(root, path).replace(/\\/g, "/"),
  code: readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""),
}));
const imports = (code: string) => [...code.matchAll(/from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
const inFolder = (path: string, ...folders: string[]) => folders.some((f) => path.startsWith(`src/${f}/`));

describe("architecture: each technology lives in the folder named for it", () => {
  it("finds the source tree", () => {
    expect(files.filter((f) => f.path.startsWith("src/sync/")).length).toBeGreaterThan(3);
  });

  it("keeps the engine pure: no Office, no HTTP, no React, no adapters", () => {
    const offenders = files
      .filter((f) => inFolder(f.path, "sync"))
      .filter(
        (f) =>
          /\b(Excel|Office)\.\w/.test(f.code) ||
          /\bfetch\s*\(/.test(f.code) ||
          imports(f.code).some((i) => /^(react|react-dom|@fluentui\/|http|https|node:|fs|exceljs)/.test(i) || /\/(excel|twenty|taskpane|cli|commands)\//.test(`${i}/`)),
      )
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("calls fetch only in the Twenty client", () => {
    const offenders = files.filter((f) => /(^|[^\w.])fetch\s*\(/.test(f.code) && !inFolder(f.path, "twenty")).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("uses Office.js only in the Excel adapter, the ribbon commands and the in-browser Excel", () => {
    const offenders = files
      .filter((f) => /\b(Excel\.run|Office\.(onReady|context|actions|addin))\b/.test(f.code))
      .filter((f) => !inFolder(f.path, "excel", "commands", "excel-fake", "workbook-host"))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("imports React only in the task pane and the browser workbook host", () => {
    const offenders = files
      .filter((f) => imports(f.code).some((i) => /^(react|react-dom|@fluentui\/)/.test(i)))
      .filter((f) => !inFolder(f.path, "taskpane", "workbook-host"))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
