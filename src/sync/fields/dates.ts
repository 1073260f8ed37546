/**
 * Dates in the sheet are Excel serial numbers (days since 1899-12-30, fraction = time of day) so Excel sorts and
 * filters them; the adapters give them a date/datetime number format. Serials are read as UTC wall-clock time.
 * Serials before 61 (before 1900-03-01, where Excel's 1900 leap-year bug lives) are not corrected.
 */

const MS_PER_DAY = 86_400_000;
const EPOCH_SERIAL = 25_569; // 1970-01-01

export function serialToEpochMs(serial: number): number {
  return Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY);
}

export function epochMsToSerial(ms: number): number {
  return ms / MS_PER_DAY + EPOCH_SERIAL;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of `2024-03-05`, `2024-03-05 14:30`, `2024-03-05T14:30:00.123` (all UTC) or a zoned ISO string; null otherwise. */
export function parseDateText(text: string): number | null {
  const t = text.trim();
  const local = LOCAL_DATE_TIME.exec(t);
  if (local) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", ms = "0"] = local;
    const value = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, "0")));
    const check = new Date(value);
    // Reject rollovers such as 2024-02-31 or 25:00.
    if (check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h) || check.getUTCMinutes() !== Number(mi)) return null;
    return value;
  }
  if (ZONED_ISO.test(t)) {
    const value = Date.parse(t);
    return Number.isNaN(value) ? null : value;
  }
  return null;
}

export function epochMsToIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function epochMsToDateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
