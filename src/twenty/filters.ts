/** Builders for Twenty's REST filter grammar (twenty-api.md §2): `field[comparator]:value`, and(), or(). */

export function quote(value: string): string {
  return JSON.stringify(value);
}

export function idIn(ids: readonly string[]): string {
  return `id[in]:[${ids.map(quote).join(",")}]`;
}

/** Mentioning `deletedAt` makes Twenty include soft-deleted rows; this condition matches every row. */
export const ANY_DELETION_STATE = "or(deletedAt[is]:NULL,deletedAt[is]:NOT_NULL)";

/** Updated or soft-deleted at or after `iso`; mentioning `deletedAt` brings the soft-deleted ones along. */
export function changedSince(iso: string): string {
  return `or(updatedAt[gte]:${quote(iso)},deletedAt[gte]:${quote(iso)})`;
}

/** Combines conditions with and(); a single condition is returned unchanged. */
export function allOf(conditions: (string | undefined)[]): string | undefined {
  const present = conditions.filter((c): c is string => c !== undefined && c.trim() !== "");
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return `and(${present.join(",")})`;
}
