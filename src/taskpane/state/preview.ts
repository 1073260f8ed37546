/** What a dry run would do, per object and side, shaped for display. */
import type { ObjectSyncReport } from "../../app/engine";

type Plan = ObjectSyncReport["plan"];

export interface PreviewItem {
  key: string;
  text: string;
}

export type PreviewAction = "create" | "update" | "delete" | "proposed";

export interface PreviewGroup {
  side: "crm" | "sheet";
  action: PreviewAction;
  items: PreviewItem[];
}

export interface ObjectPreview {
  object: string;
  sheetName: string;
  groups: PreviewGroup[];
  conflicts: number;
  /** Fields changed on both sides that the strategy would settle. */
  autoResolved: number;
  strategy: string;
  skipped: number;
  blocked: string | null;
}

const MAX_FIELDS = 6;

function fields(values: Record<string, unknown>): string {
  const names = Object.keys(values).filter((k) => k !== "id");
  return names.slice(0, MAX_FIELDS).join(", ") + (names.length > MAX_FIELDS ? ` +${names.length - MAX_FIELDS}` : "");
}

const shortId = (id: string) => id.slice(0, 8);
const describe = (...parts: (string | null | false)[]) => parts.filter(Boolean).join(" · ");
const rowOf = (rowNumber: number | null) => rowNumber !== null && `Row ${rowNumber}`;

function deletions(deletes: Plan["toCrm"]["deletes"], apply: boolean): PreviewItem[] {
  return deletes
    .filter((d) => d.apply === apply)
    .map((d) => ({ key: d.id, text: describe(rowOf(d.rowNumber), `id ${shortId(d.id)}`, d.reason) }));
}

export function objectPreview(report: ObjectSyncReport): ObjectPreview {
  const { toCrm, toSheet } = report.plan;
  const groups: PreviewGroup[] = [
    {
      side: "crm",
      action: "create",
      items: toCrm.creates.map((c) => ({ key: c.id, text: describe(rowOf(c.rowNumber), fields(c.data)) })),
    },
    {
      side: "crm",
      action: "update",
      items: toCrm.updates.map((u) => ({
        key: u.id,
        text: describe(rowOf(u.rowNumber), `id ${shortId(u.id)}`, fields(u.changes)),
      })),
    },
    { side: "crm", action: "delete", items: deletions(toCrm.deletes, true) },
    { side: "crm", action: "proposed", items: deletions(toCrm.deletes, false) },
    {
      side: "sheet",
      action: "create",
      items: toSheet.appends.map((a) => ({ key: a.id, text: describe(`id ${shortId(a.id)}`, fields(a.values)) })),
    },
    {
      side: "sheet",
      action: "update",
      items: toSheet.updates.map((u) => ({
        key: u.id,
        text: describe(rowOf(u.rowNumber), `id ${shortId(u.id)}`, fields(u.values)),
      })),
    },
    { side: "sheet", action: "delete", items: deletions(toSheet.deletes, true) },
    { side: "sheet", action: "proposed", items: deletions(toSheet.deletes, false) },
  ];
  return {
    object: report.object,
    sheetName: report.sheetName,
    groups,
    conflicts: report.conflicts.length,
    autoResolved: report.autoResolved.length,
    strategy: report.plan.strategy,
    skipped: report.plan.skipped.length,
    blocked: report.blocked?.reason ?? null,
  };
}

/** Something would be written (proposed-only deletions write nothing). */
export function hasChanges(preview: ObjectPreview): boolean {
  return preview.groups.some((g) => g.action !== "proposed" && g.items.length > 0) || preview.conflicts > 0;
}
