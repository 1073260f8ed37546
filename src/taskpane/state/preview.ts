/**
 * What a dry run would do, read from the engine's plan for display. The plan is parsed loosely: the pane
 * only needs counts and a short description per item, and must not break if the plan grows new fields.
 */
import { z } from "zod";
import type { ObjectSyncReport } from "../../app/engine";

const itemSchema = z.looseObject({
  rowNumber: z.number().nullish(),
  id: z.string().nullish(),
});
const itemsSchema = z.array(z.unknown()).catch([]);
const sideSchema = z.looseObject({ creates: itemsSchema, appends: itemsSchema, updates: itemsSchema, deletes: itemsSchema }).catch({
  creates: [],
  appends: [],
  updates: [],
  deletes: [],
});
const planSchema = z.looseObject({ toCrm: sideSchema, toSheet: sideSchema, skipped: itemsSchema });

export interface PreviewItem {
  key: string;
  text: string;
}

export interface PreviewGroup {
  side: "Twenty" | "Workbook";
  action: "create" | "update" | "delete";
  items: PreviewItem[];
}

export interface ObjectPreview {
  object: string;
  sheetName: string;
  groups: PreviewGroup[];
  conflicts: number;
  skipped: number;
  blocked: string | null;
}

const CHANGE_KEYS = ["data", "values", "changes", "patch", "record"] as const;

function describeItem(raw: unknown, index: number): PreviewItem {
  const item = itemSchema.safeParse(raw);
  const parts: string[] = [];
  if (item.success && item.data.rowNumber) parts.push(`Row ${item.data.rowNumber}`);
  if (item.success && item.data.id) parts.push(`id ${item.data.id.slice(0, 8)}`);
  if (item.success) {
    const changed = CHANGE_KEYS.map((k) => item.data[k]).find((v): v is Record<string, unknown> => typeof v === "object" && v !== null);
    const fields = changed ? Object.keys(changed).filter((k) => k !== "id") : [];
    if (fields.length) parts.push(fields.slice(0, 6).join(", ") + (fields.length > 6 ? ` +${fields.length - 6}` : ""));
  }
  return { key: `${index}`, text: parts.length ? parts.join(" · ") : `Item ${index + 1}` };
}

export function objectPreview(report: ObjectSyncReport): ObjectPreview {
  const parsed = planSchema.safeParse(report.plan);
  const plan = parsed.success ? parsed.data : null;
  const group = (side: PreviewGroup["side"], action: PreviewGroup["action"], items: unknown[]): PreviewGroup => ({
    side,
    action,
    items: items.map(describeItem),
  });
  const groups = plan
    ? [
        group("Twenty", "create", plan.toCrm.creates),
        group("Twenty", "update", plan.toCrm.updates),
        group("Twenty", "delete", plan.toCrm.deletes),
        group("Workbook", "create", plan.toSheet.appends.length ? plan.toSheet.appends : plan.toSheet.creates),
        group("Workbook", "update", plan.toSheet.updates),
        group("Workbook", "delete", plan.toSheet.deletes),
      ]
    : [];
  return {
    object: report.object,
    sheetName: report.sheetName,
    groups,
    conflicts: report.conflicts.length,
    skipped: plan ? plan.skipped.length : report.rowErrors.length,
    blocked: report.blocked?.reason ?? null,
  };
}

export function hasChanges(preview: ObjectPreview): boolean {
  return preview.groups.some((g) => g.items.length > 0) || preview.conflicts > 0;
}
