import { z } from "zod";

export const STRATEGIES = ["newest_wins", "crm_wins", "excel_wins", "field_merge"] as const;
export const strategySchema = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof strategySchema>;

/** Transforms applied on push, in the order listed on the column. */
export const transformSchema = z
  .string()
  .regex(
    /^(trim|lowercase|uppercase|round_int|to_string|yesno_to_bool|null_if:.*|only_if:.*)$/s,
    "unknown transform (expected trim, lowercase, uppercase, round_int, to_string, yesno_to_bool, null_if:<x> or only_if:<x>)",
  );
export type Transform = z.infer<typeof transformSchema>;

export const columnMappingSchema = z.object({
  /** Sheet header and CRM field path at once: `name`, `name.firstName`, `annualRecurringRevenue.amountMicros`. */
  column: z.string().min(1),
  transforms: z.array(transformSchema).default([]),
  /** When true an empty cell clears the CRM value; otherwise empty cells never wipe CRM data. */
  clearWhenEmpty: z.boolean().default(false),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const objectMappingSchema = z.object({
  /** The object's namePlural, e.g. `companies`. */
  object: z.string().min(1),
  sheetName: z
    .string()
    .min(1)
    .max(31)
    .regex(/^[^\\/?*[\]:]+$/, "sheet names cannot contain \\ / ? * [ ] :"),
  enabled: z.boolean().default(true),
  /** Empty means "the object's default columns" (see the engine's default column set). */
  columns: z.array(columnMappingSchema).default([]),
  strategy: strategySchema.default("newest_wins"),
  /** Deletions are only ever proposed unless these are switched on. */
  applyDeletes: z
    .object({ inCrm: z.boolean().default(false), inSheet: z.boolean().default(false) })
    .default({ inCrm: false, inSheet: false }),
});
export type ObjectMapping = z.infer<typeof objectMappingSchema>;

/** Everything about a sync that belongs to the workbook. Never holds the API key. */
export const workbookSettingsSchema = z.object({
  version: z.literal(1),
  /** Non-secret: lets "Sync now" and the CLI know which workspace this workbook belongs to. */
  baseUrl: z.string().nullable().default(null),
  objects: z.array(objectMappingSchema).default([]),
  /** Minutes between scheduled syncs while the workbook is open; 0 turns the schedule off. */
  scheduleMinutes: z.number().int().min(0).max(24 * 60).default(30),
  /** A run that would delete or clear more than this share of an object's records stops and asks. */
  massChangeGuardShare: z.number().min(0).max(1).default(0.2),
});
export type WorkbookSettings = z.infer<typeof workbookSettingsSchema>;

export function emptyWorkbookSettings(): WorkbookSettings {
  return workbookSettingsSchema.parse({ version: 1 });
}
