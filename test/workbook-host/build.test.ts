import { mkdtemp, mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUIRED_BUILD_OUTPUTS, staleBuildReason } from "../../src/workbook-host/server/build";

describe("deciding whether the demo must rebuild dist/", () => {
  let project: string;
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), "host-build-"));
    await mkdir(join(project, "src", "taskpane"), { recursive: true });
    await writeFile(join(project, "src", "taskpane", "App.tsx"), "export {}");
    await utimes(join(project, "src", "taskpane", "App.tsx"), at(10), at(10));
    await utimes(join(project, "src", "taskpane"), at(10), at(10));
    await utimes(join(project, "src"), at(10), at(10));
  });

  afterEach(() => rm(project, { recursive: true, force: true }));

  async function buildAt(seconds: number, outputs = REQUIRED_BUILD_OUTPUTS) {
    await mkdir(join(project, "dist"), { recursive: true });
    for (const file of outputs) {
      await writeFile(join(project, "dist", file), "built");
      await utimes(join(project, "dist", file), at(seconds), at(seconds));
    }
  }

  it("rebuilds when dist/ lacks a page the demo serves", async () => {
    await expect(staleBuildReason(project)).resolves.toMatch(/dist\/ has no workbook-host.html/);
    await buildAt(
      20,
      REQUIRED_BUILD_OUTPUTS.filter((file) => file !== "office-bridge.js"),
    );
    await expect(staleBuildReason(project)).resolves.toBe("dist/ has no office-bridge.js");
  });

  it("rebuilds when a source is newer than the build, and not otherwise", async () => {
    await buildAt(20);
    await expect(staleBuildReason(project)).resolves.toBeNull();
    await utimes(join(project, "src", "taskpane", "App.tsx"), at(30), at(30));
    await expect(staleBuildReason(project)).resolves.toBe("sources changed since the last build");
  });
});
