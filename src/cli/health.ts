/** `health`: is Twenty reachable with this key, and (with --file) does the workspace have every mapped object? */
import { basename } from "path";
import { loadSettings } from "../sync";
import { createTwentyClient, type TwentyConfig } from "../twenty";
import { EXIT_CODES, type ExitCode } from "./cli-error";
import type { ErrorStream } from "./progress";
import { exitCodeForError, type OutputStream } from "./run-once";
import { openXlsxFile } from "./xlsx-file";

export interface HealthRequest {
  file?: string;
  json: boolean;
}

interface WorkbookHealth {
  file: string;
  baseUrl: string | null;
  objects: { object: string; sheetName: string; enabled: boolean; inWorkspace: boolean }[];
}

export async function runHealth(
  request: HealthRequest,
  ctx: { config: TwentyConfig; stdout: OutputStream; stderr: ErrorStream; signal?: AbortSignal },
): Promise<ExitCode> {
  const client = createTwentyClient(ctx.config);
  const connection = await client.testConnection(ctx.signal);
  let workbook: WorkbookHealth | null = null;
  let problem: string | null = null;
  let exitCode: ExitCode = connection.ok ? EXIT_CODES.ok : EXIT_CODES.connection;

  if (connection.ok && request.file) {
    try {
      const file = await openXlsxFile(request.file, { readOnly: true });
      const settings = await loadSettings(file.port);
      const available = new Set((await client.listObjects(ctx.signal)).map((o) => o.namePlural));
      workbook = {
        file: basename(request.file),
        baseUrl: settings.baseUrl,
        objects: settings.objects.map((o) => ({
          object: o.object,
          sheetName: o.sheetName,
          enabled: o.enabled,
          inWorkspace: available.has(o.object),
        })),
      };
      const missing = workbook.objects.filter((o) => !o.inWorkspace).map((o) => o.object);
      if (missing.length > 0) {
        problem = `The workspace has no object ${missing.join(", ")}, which ${workbook.file} maps.`;
        exitCode = EXIT_CODES.usage;
      }
    } catch (error) {
      problem = (error as Error).message;
      exitCode = exitCodeForError(error);
    }
  }

  if (request.json) {
    ctx.stdout.write(
      `${JSON.stringify({ ok: exitCode === EXIT_CODES.ok, exitCode, connection, workbook, problem }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `${connection.ok ? "OK" : "FAILED"}: ${connection.message}`,
      `  server ${connection.details.baseUrl}, key ${connection.details.apiKey}, ${connection.latencyMs} ms`,
    ];
    if (workbook) {
      lines.push(`  ${workbook.file}: ${workbook.objects.length === 0 ? "no synced objects yet" : ""}`);
      for (const o of workbook.objects)
        lines.push(
          `    ${o.object} → sheet "${o.sheetName}"${o.enabled ? "" : " (disabled)"}${o.inWorkspace ? "" : " — not in this workspace"}`,
        );
    }
    if (problem) lines.push(`Error: ${problem}`);
    ctx.stdout.write(`${lines.join("\n")}\n`);
  }
  return exitCode;
}
