/** Builds nested CRM payloads from flat columns: only the sub-fields given are sent (partial composite updates). */
import type { FieldColumn } from "./catalog";
import { toWire, type Canonical } from "./values";

export function buildPayload(entries: { column: FieldColumn; value: Canonical }[]): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const { column, value } of entries) {
    if (column.readOnly) continue;
    const wire = toWire(column, value);
    if (column.subField === null) {
      payload[column.fieldName] = wire;
    } else {
      const composite = (payload[column.fieldName] ??= {}) as Record<string, unknown>;
      composite[column.subField] = wire;
    }
  }
  return payload;
}
