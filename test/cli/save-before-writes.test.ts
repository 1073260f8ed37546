import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { savingBeforeWrites } from "../../src/cli/run-once";
import { openXlsxFile } from "../../src/cli/xlsx-file";
import type { CrmPort, WriteOutcome } from "../../src/sync/ports";

describe("saving before Twenty sees a write", () => {
  it("puts rows with new client ids on disk before each create, update and delete is sent", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-save-first-"));
    try {
      const path = join(dir, "book.xlsx");
      const file = await openXlsxFile(path);
      const idsOnDiskAtSend: string[][] = [];
      const none: WriteOutcome = { succeeded: [], failed: [] };
      const recordDisk = async () => {
        const table = await (await openXlsxFile(path)).port.readTable("Companies");
        idsOnDiskAtSend.push((table?.rows ?? []).map((r) => String(r.values.id)));
        return none;
      };
      const crm: CrmPort = {
        listObjects: async () => [],
        listRecords: async () => [],
        createRecords: recordDisk,
        updateRecords: recordDisk,
        deleteRecords: recordDisk,
      };
      const guarded = savingBeforeWrites(crm, file);
      const columns = [{ header: "id", readOnly: true, format: "text" as const }];
      const append = (id: string) =>
        file.port.applyChanges("Companies", { columns, updates: [], deleteRows: [], appends: [{ id }] });

      await append("new-1");
      await guarded.createRecords("companies", [{ id: "new-1" }]);
      await append("new-2");
      await guarded.updateRecords("companies", [{ id: "new-1", data: {} }]);
      await append("new-3");
      await guarded.deleteRecords("companies", ["new-1"]);
      expect(idsOnDiskAtSend).toEqual([["new-1"], ["new-1", "new-2"], ["new-1", "new-2", "new-3"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
