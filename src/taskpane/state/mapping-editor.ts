/** Pure edits of the workbook settings made by the "Choose what to sync" panel. */
import { DEFAULT_SHEET_NAMES } from "../../workbook-layout/layout";
import type { ObjectMetadata } from "../../sync/metadata";
import {
  workbookSettingsSchema,
  type ColumnMapping,
  type ObjectMapping,
  type Strategy,
  type WorkbookSettings,
} from "../../sync/settings";

/** Objects a user can sync: active, not system; standard objects first, then custom ones, each by label. */
export function syncableObjects(metas: readonly ObjectMetadata[]): ObjectMetadata[] {
  return metas
    .filter((m) => m.isActive !== false && m.isSystem !== true)
    .sort(
      (a, b) => Number(a.isCustom === true) - Number(b.isCustom === true) || a.labelPlural.localeCompare(b.labelPlural),
    );
}

export function defaultSheetName(meta: ObjectMetadata): string {
  const name = DEFAULT_SHEET_NAMES[meta.namePlural] ?? meta.labelPlural;
  return (
    name
      .replace(/[\\/?*[\]:]/g, " ")
      .trim()
      .slice(0, 31) || meta.namePlural.slice(0, 31)
  );
}

export function findMapping(settings: WorkbookSettings, object: string): ObjectMapping | undefined {
  return settings.objects.find((o) => o.object === object);
}

function replaceMapping(
  settings: WorkbookSettings,
  object: string,
  edit: (m: ObjectMapping) => ObjectMapping,
): WorkbookSettings {
  return { ...settings, objects: settings.objects.map((m) => (m.object === object ? edit(m) : m)) };
}

/** Turning an object on for the first time maps it to its default sheet with its default columns. */
export function setObjectEnabled(
  settings: WorkbookSettings,
  meta: ObjectMetadata,
  enabled: boolean,
  defaultColumns: ColumnMapping[],
): WorkbookSettings {
  if (findMapping(settings, meta.namePlural))
    return replaceMapping(settings, meta.namePlural, (m) => ({ ...m, enabled }));
  if (!enabled) return settings;
  const mapping: ObjectMapping = {
    object: meta.namePlural,
    sheetName: defaultSheetName(meta),
    enabled: true,
    columns: defaultColumns,
    strategy: "newest_wins",
    applyDeletes: { inCrm: false, inSheet: false },
  };
  return { ...settings, objects: [...settings.objects, mapping] };
}

/** What a newcomer most likely wants to sync first. */
const FIRST_RUN_OBJECTS: readonly string[] = ["companies", "people"];

/**
 * The choices a workbook without any starts with: Companies and People (those the workspace offers), each with its
 * default sheet, columns and strategy, so Connect → Pull works at once. Null when the workbook already has choices
 * (even all switched off) or the workspace offers neither.
 */
export function firstRunChoices(
  settings: WorkbookSettings,
  metas: readonly ObjectMetadata[],
  defaultColumns: (meta: ObjectMetadata) => ColumnMapping[],
): WorkbookSettings | null {
  if (settings.objects.length > 0) return null;
  const offered = syncableObjects(metas).filter((m) => FIRST_RUN_OBJECTS.includes(m.namePlural));
  if (offered.length === 0) return null;
  return offered.reduce((next, meta) => setObjectEnabled(next, meta, true, defaultColumns(meta)), settings);
}

/** Switches an existing mapping on or off (also for objects the workspace no longer offers). */
export function setMappingEnabled(settings: WorkbookSettings, object: string, enabled: boolean): WorkbookSettings {
  return replaceMapping(settings, object, (m) => ({ ...m, enabled }));
}

export function setSheetName(settings: WorkbookSettings, object: string, sheetName: string): WorkbookSettings {
  return replaceMapping(settings, object, (m) => ({ ...m, sheetName }));
}

export function setStrategy(settings: WorkbookSettings, object: string, strategy: Strategy): WorkbookSettings {
  return replaceMapping(settings, object, (m) => ({ ...m, strategy }));
}

export function setApplyDeletes(
  settings: WorkbookSettings,
  object: string,
  side: "inCrm" | "inSheet",
  on: boolean,
): WorkbookSettings {
  return replaceMapping(settings, object, (m) => ({ ...m, applyDeletes: { ...m.applyDeletes, [side]: on } }));
}

/**
 * The column list as the pane shows it: the default columns first (in their order), then the other
 * writable columns, then the other read-only ones, each in metadata order.
 */
export function columnDisplayOrder<C extends { name: string; readOnly: boolean }>(
  available: readonly C[],
  defaults: readonly ColumnMapping[],
): C[] {
  const rank = (c: C) => {
    const d = defaults.findIndex((m) => m.column === c.name);
    return d !== -1 ? d : defaults.length + (c.readOnly ? available.length : 0) + available.indexOf(c);
  };
  return [...available].sort((a, b) => rank(a) - rank(b));
}

/** Sheet order for included columns: as displayed, but read-only columns (except the id) after the editable ones. */
export function sheetColumnOrder(displayed: readonly { name: string; readOnly: boolean }[]): string[] {
  const trailing = (c: { name: string; readOnly: boolean }) => c.readOnly && c.name !== "id";
  return [...displayed.filter((c) => !trailing(c)), ...displayed.filter(trailing)].map((c) => c.name);
}

/**
 * Includes or removes a column. Included columns keep the order of `available` (metadata order), so the
 * sheet's column order does not depend on the order the boxes were ticked.
 */
export function setColumnIncluded(
  settings: WorkbookSettings,
  object: string,
  column: string,
  included: boolean,
  available: readonly string[],
): WorkbookSettings {
  return replaceMapping(settings, object, (m) => {
    const others = m.columns.filter((c) => c.column !== column);
    if (!included) return { ...m, columns: others };
    const added: ColumnMapping = m.columns.find((c) => c.column === column) ?? {
      column,
      transforms: [],
      clearWhenEmpty: false,
    };
    const rank = (name: string) => {
      const i = available.indexOf(name);
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    return { ...m, columns: [...others, added].sort((a, b) => rank(a.column) - rank(b.column)) };
  });
}

/** An empty column list means "the default columns"; editing starts from that list made explicit. */
export function withExplicitColumns(
  settings: WorkbookSettings,
  object: string,
  defaults: ColumnMapping[],
): WorkbookSettings {
  return replaceMapping(settings, object, (m) => (m.columns.length > 0 ? m : { ...m, columns: defaults }));
}

function editColumn(
  settings: WorkbookSettings,
  object: string,
  column: string,
  edit: (c: ColumnMapping) => ColumnMapping,
): WorkbookSettings {
  return replaceMapping(settings, object, (m) => ({
    ...m,
    columns: m.columns.map((c) => (c.column === column ? edit(c) : c)),
  }));
}

export function setColumnTransforms(
  settings: WorkbookSettings,
  object: string,
  column: string,
  transforms: string[],
): WorkbookSettings {
  return editColumn(settings, object, column, (c) => ({ ...c, transforms }));
}

export function setClearWhenEmpty(
  settings: WorkbookSettings,
  object: string,
  column: string,
  clearWhenEmpty: boolean,
): WorkbookSettings {
  return editColumn(settings, object, column, (c) => ({ ...c, clearWhenEmpty }));
}

export function setScheduleMinutes(settings: WorkbookSettings, minutes: number): WorkbookSettings {
  return { ...settings, scheduleMinutes: minutes };
}

export interface SettingsIssue {
  /** Which object the problem belongs to (namePlural), or null for workbook-wide problems. */
  object: string | null;
  field: string;
  message: string;
}

export type SettingsValidation = { ok: true; settings: WorkbookSettings } | { ok: false; issues: SettingsIssue[] };

/** The schema's verdict plus rules that span objects (two objects cannot share a sheet). */
export function validateSettings(settings: WorkbookSettings): SettingsValidation {
  const parsed = workbookSettingsSchema.safeParse(settings);
  const issues: SettingsIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index, ...rest] = issue.path;
      const object = top === "objects" && typeof index === "number" ? (settings.objects[index]?.object ?? null) : null;
      const field = (object ? rest : issue.path).map(String).join(".");
      issues.push({ object, field, message: issue.message });
    }
  }
  const seen = new Map<string, string>();
  for (const m of settings.objects.filter((o) => o.enabled)) {
    const key = m.sheetName.trim().toLowerCase();
    const other = seen.get(key);
    if (other)
      issues.push({
        object: m.object,
        field: "sheetName",
        message: `sheet "${m.sheetName}" is already used by ${other}`,
      });
    else seen.set(key, m.object);
  }
  return issues.length === 0 && parsed.success ? { ok: true, settings: parsed.data } : { ok: false, issues };
}
