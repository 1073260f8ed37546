/** The real entry point in a child process: exit codes, output streams, and a push killed mid-way. */
import { spawn } from "child_process";
import { rmSync } from "fs";
import { join } from "path";
import type { RunningStub } from "../../src/twenty-stub";
import { API_KEY, cli, editSheet, readSheet, startStub, tempDir } from "./cli-helpers";

const BIN = join(__dirname, "..", "..", "bin", "twenty-excel-sync.js");

let stub: RunningStub;
let dir: string;
beforeEach(async () => {
  stub = await startStub();
  dir = tempDir();
});
afterEach(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", TWENTY_API_URL: stub.url, TWENTY_API_KEY: API_KEY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe("bin/twenty-excel-sync.js", () => {
  it("pulls with --json on stdout and exit code 0", async () => {
    stub.store.insert("companies", { name: "Acme" });
    const result = await start(["pull", "--file", "book.xlsx", "--objects", "companies", "--json"]).done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      exitCode: 0,
      mode: "pull",
      objects: [{ object: "companies", applied: { sheetAppended: 1 } }],
    });
    expect((await readSheet(join(dir, "book.xlsx"), "Companies")).rows.map((r) => r.values.name)).toEqual(["Acme"]);
  });

  it("exits 3 on a refused key and never prints the key", async () => {
    const wrongKey = "wrong-key-abcdefghijkl";
    const result = await start(["health", "--json"], { TWENTY_API_KEY: wrongKey }).done;
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: false,
      exitCode: 3,
      connection: { ok: false, details: { apiKey: "****ijkl" } },
    });
    expect(result.stdout + result.stderr).not.toContain(wrongKey);

    const run = await cli(stub, dir, ["pull", "--file", "book.xlsx", "--objects", "companies"], {
      TWENTY_API_KEY: wrongKey,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Error: .*key/i);
    expect(run.stdout + run.stderr).not.toContain(wrongKey);
  });

  it("a push killed mid-way leaves a readable workbook, and the next run finishes without duplicates", async () => {
    stub.store.insert("companies", { name: "Acme" });
    const book = join(dir, "book.xlsx");
    expect((await cli(stub, dir, ["pull", "--file", "book.xlsx", "--objects", "companies"])).code).toBe(0);
    await editSheet(book, "Companies", ({ appendRow }) => {
      for (let i = 0; i < 40; i++) appendRow({ name: `Row ${i}` });
    });
    stub.setFaults({ latencyMs: 150 });

    const { child, done } = start(["push", "--file", "book.xlsx"], { TWENTY_BATCH_SIZE: "10" });
    const deadline = Date.now() + 20_000;
    while (stub.store.count("companies") < 11 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    const landed = stub.store.count("companies");
    expect(landed).toBeGreaterThan(1);
    expect(landed).toBeLessThan(41);

    stub.setFaults(null);
    const rerun = await cli(stub, dir, ["push", "--file", "book.xlsx"], { TWENTY_BATCH_SIZE: "10" });
    expect(rerun.code).toBe(0);
    expect(stub.store.count("companies")).toBe(41);
    const { rows } = await readSheet(book, "Companies");
    expect(rows).toHaveLength(41);
    for (const row of rows) expect(stub.store.get("companies", row.values.id as string)?.name).toBe(row.values.name);
  });
});
