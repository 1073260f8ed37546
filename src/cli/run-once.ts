/**
 * One pull/push/sync/preview of one workbook: open the file, check the connection, settle the mappings,
 * run the engine with the xlsx port, save, report. Every failure ends as an exit code and a message.
 */
import { createHash } from "crypto";
import { hostname } from "os";
import { basename } from "path";
import { defaultColumns, loadSettings, runSync, saveSettings } from "../sync";
import { SyncError, type ErrorCode } from "../sync/errors";
import type { CrmPort } from "../sync/ports";
import type { Strategy } from "../sync/settings";
import { createTwentyClient, type TwentyConfig } from "../twenty";
import { CliError, EXIT_CODES, type ExitCode } from "./cli-error";
import { addDefaultMappings, objectsToAdd } from "./mappings";
import type { Mode } from "./options";
import { createProgressReporter, type ErrorStream } from "./progress";
import { failureJson, renderSummary, toJsonReport } from "./run-report";
import { acquireRunLock, type RunLock } from "./run-lock";
import { openXlsxFile, type XlsxFile } from "./xlsx-file";

/** Names this computer's clock in the workbook's state without writing its host name into a file that gets shared. */
function machineClockId(): string {
  return `cli@${createHash("sha256").update(hostname()).digest("hex").slice(0, 16)}`;
}

export interface OutputStream {
  write(text: string): unknown;
}

export interface RunOnceRequest {
  mode: Mode;
  dryRun: boolean;
  file: string;
  objects?: string[];
  strategy?: Strategy;
  yes: boolean;
  /** List every Twenty record (see SyncRequest.fullCompare). */
  full: boolean;
  json: boolean;
  verbose: boolean;
}

export interface RunContext {
  config: TwentyConfig;
  stdout: OutputStream;
  stderr: ErrorStream;
  signal?: AbortSignal;
  now?: () => Date;
}

/** Thrown errors that mean Twenty is unreachable or refused the key; everything after the connection test. */
const CONNECTION_CODES: ReadonlySet<ErrorCode> = new Set(["AUTH_ERROR", "NETWORK_ERROR", "TIMEOUT"]);

export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof SyncError) {
    if (CONNECTION_CODES.has(error.code)) return EXIT_CODES.connection;
    if (error.code === "VALIDATION_ERROR") return EXIT_CODES.usage;
  }
  return EXIT_CODES.partialFailure;
}

/** Saves the workbook before each CRM write, so rows carrying new client ids are on disk before Twenty gets them. */
export function savingBeforeWrites(crm: CrmPort, file: XlsxFile): CrmPort {
  const saveFirst = async () => {
    if (file.port.changedSinceSave) await file.save();
  };
  return {
    listObjects: (signal) => crm.listObjects(signal),
    listRecords: (object, options) => crm.listRecords(object, options),
    async createRecords(object, records, options) {
      await saveFirst();
      return crm.createRecords(object, records, options);
    },
    async updateRecords(object, updates, options) {
      await saveFirst();
      return crm.updateRecords(object, updates, options);
    },
    async deleteRecords(object, ids, options) {
      await saveFirst();
      return crm.deleteRecords(object, ids, options);
    },
  };
}

function fail(request: RunOnceRequest, ctx: RunContext, exitCode: ExitCode, message: string): ExitCode {
  if (request.json) ctx.stdout.write(`${JSON.stringify(failureJson(exitCode, message, request.file), null, 2)}\n`);
  ctx.stderr.write(`Error: ${message}\n`);
  return exitCode;
}

export async function runOnce(request: RunOnceRequest, ctx: RunContext): Promise<ExitCode> {
  const name = basename(request.file);
  const progress = createProgressReporter(ctx.stderr, request.verbose);
  let file: XlsxFile | null = null;
  let lock: RunLock | null = null;
  try {
    lock = request.dryRun ? null : acquireRunLock(request.file);
    file = await openXlsxFile(request.file, { readOnly: request.dryRun, now: ctx.now });
    if (!file.existed && request.mode !== "pull")
      throw new CliError(
        EXIT_CODES.usage,
        `${request.file} does not exist. Create it with "pull --file ${request.file} --objects companies,people".`,
      );

    const client = createTwentyClient(ctx.config);
    const connection = await client.testConnection(ctx.signal);
    if (!connection.ok) throw new CliError(EXIT_CODES.connection, connection.message);

    let settings = await loadSettings(file.port);
    const toAdd = objectsToAdd(settings, {
      mode: request.mode,
      objects: request.objects,
      baseUrl: ctx.config.baseUrl,
      file: name,
    });
    if (toAdd.length > 0) {
      const decision = addDefaultMappings(
        settings,
        toAdd,
        await client.listObjects(ctx.signal),
        defaultColumns,
        ctx.config.baseUrl,
      );
      settings = decision.settings;
      if (!request.dryRun) await saveSettings(file.port, settings);
      for (const a of decision.added)
        ctx.stderr.write(`Added ${a.object} → sheet "${a.sheetName}" with its default columns.\n`);
    }

    const report = await runSync(
      {
        mode: request.mode,
        dryRun: request.dryRun,
        settings,
        objects: request.objects,
        strategy: request.strategy,
        confirmMassChanges: request.yes,
        fullCompare: request.full,
      },
      { sheet: file.port, crm: savingBeforeWrites(client, file) },
      { signal: ctx.signal, onProgress: progress.onProgress, now: ctx.now, clockId: machineClockId() },
    );
    await file.save();
    progress.finish();
    const json = toJsonReport(report, name);
    ctx.stdout.write(request.json ? `${JSON.stringify(json, null, 2)}\n` : renderSummary(json, request.verbose));
    return json.exitCode;
  } catch (error) {
    progress.finish();
    let exitCode = exitCodeForError(error);
    let message = (error as Error).message;
    try {
      await file?.save();
    } catch (saveError) {
      message += `\n${(saveError as Error).message}`;
      exitCode = exitCodeForError(saveError);
    }
    return fail(request, ctx, exitCode, message);
  } finally {
    lock?.release();
  }
}
