/**
 * Which objects a run covers, decided from the workbook's settings and `--objects`. Pure: returns the
 * settings to use and what was added, or throws a CliError explaining what to do.
 */
import type { ObjectMetadata } from "../sync/metadata";
import type { ColumnMapping, WorkbookSettings } from "../sync/settings";
import { objectMappingSchema } from "../sync/settings";
import { DEFAULT_SHEET_NAMES, STATE_SHEET_NAME } from "../workbook-layout/layout";
import { CliError, EXIT_CODES } from "./cli-error";
import type { Mode } from "./options";

export interface MappingRequest {
  mode: Mode;
  /** `--objects`, or undefined for "every enabled mapping". */
  objects?: string[];
  /** The workspace the connection points at (normalised). */
  baseUrl: string;
  file: string;
}

export interface MappingDecision {
  settings: WorkbookSettings;
  /** Objects that got a new default mapping; the caller saves the settings. */
  added: { object: string; sheetName: string }[];
}

function sheetNameFor(meta: ObjectMetadata, taken: Set<string>): string {
  const base =
    (DEFAULT_SHEET_NAMES[meta.namePlural] ?? meta.labelPlural)
      .replace(/[\\/?*[\]:]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 31) || meta.namePlural.slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  return name;
}

/** Refuses to sync a workbook against a different workspace than the one it was set up with. */
export function assertSameWorkspace(settings: WorkbookSettings, baseUrl: string, file: string): void {
  if (settings.baseUrl !== null && settings.baseUrl.replace(/\/+$/, "") !== baseUrl) {
    throw new CliError(
      EXIT_CODES.usage,
      `${file} is synced with ${settings.baseUrl}, but TWENTY_API_URL points at ${baseUrl}. Use the matching workspace, or set the workbook up again from a fresh file.`,
    );
  }
}

/** Objects named by `--objects` that the workbook does not map yet; only `pull` may add them. */
export function objectsToAdd(settings: WorkbookSettings, request: MappingRequest): string[] {
  assertSameWorkspace(settings, request.baseUrl, request.file);
  const mapped = new Set(settings.objects.map((o) => o.object));
  const wanted = request.objects ?? [];
  const unmapped = wanted.filter((o) => !mapped.has(o));
  if (unmapped.length > 0 && request.mode !== "pull") {
    throw new CliError(
      EXIT_CODES.usage,
      `${request.file} does not sync ${unmapped.join(", ")} yet. Run "pull --objects ${unmapped.join(",")}" first to add ${unmapped.length === 1 ? "it" : "them"}.`,
    );
  }
  if (wanted.length === 0 && !settings.objects.some((o) => o.enabled)) {
    throw new CliError(
      EXIT_CODES.usage,
      `${request.file} has no synced objects yet. Start with e.g. "pull --objects companies,people".`,
    );
  }
  return unmapped;
}

/** Default mappings (default columns, the usual sheet names) for objects new to the workbook. */
export function addDefaultMappings(
  settings: WorkbookSettings,
  objects: string[],
  metadata: ObjectMetadata[],
  defaultColumns: (meta: ObjectMetadata) => ColumnMapping[],
  baseUrl: string,
): MappingDecision {
  const byPlural = new Map(metadata.map((m) => [m.namePlural, m]));
  const missing = objects.filter((o) => !byPlural.has(o));
  if (missing.length > 0) {
    const available = metadata
      .map((m) => m.namePlural)
      .sort()
      .join(", ");
    throw new CliError(
      EXIT_CODES.usage,
      `Twenty has no object named ${missing.map((m) => `"${m}"`).join(", ")}. Available: ${available}.`,
    );
  }
  const taken = new Set([STATE_SHEET_NAME, ...settings.objects.map((o) => o.sheetName)].map((n) => n.toLowerCase()));
  const mappings = objects.map((object) => {
    const meta = byPlural.get(object) as ObjectMetadata;
    const sheetName = sheetNameFor(meta, taken);
    taken.add(sheetName.toLowerCase());
    return objectMappingSchema.parse({ object, sheetName, columns: defaultColumns(meta) });
  });
  return {
    settings: { ...settings, baseUrl: settings.baseUrl ?? baseUrl, objects: [...settings.objects, ...mappings] },
    added: mappings.map((m) => ({ object: m.object, sheetName: m.sheetName })),
  };
}
