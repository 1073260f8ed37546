/**
 * Exact conversions between money as people type it (49.99) and Twenty's `amountMicros` (49990000).
 * All arithmetic is on decimal strings and BigInt, so 0.1 + 0.2 style float drift never reaches the CRM.
 */

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const MICROS_DIGITS = 6;
/** A decimal with at most this many significant digits survives decimal → number → shortest string unchanged. */
const EXACT_SIGNIFICANT_DIGITS = 15;

/** Parses a decimal text ("49.99", "-3", "1.5e3", "0.30000000000000004") into integer micros, rounding half away from zero. */
export function decimalToMicros(text: string): bigint | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign, intPart = "", fracPart = "", exp = "0"] = m;
  if (intPart === "" && fracPart === "") return null;
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, "") || "0";
  // value = digits × 10^(exponent - fracPart.length); micros = value × 10^6
  const shift = Number(exp) - fracPart.length + MICROS_DIGITS;
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) return null;
  let micros: bigint;
  if (shift >= 0) {
    micros = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const whole = BigInt(digits);
    micros = whole / divisor;
    if ((whole % divisor) * 2n >= divisor) micros += 1n;
  }
  return sign === "-" ? -micros : micros;
}

export function numberToMicros(value: number): bigint | null {
  if (!Number.isFinite(value)) return null;
  return decimalToMicros(String(value));
}

/** Decimal text of an amount in micros, without trailing zeros: 49990000n → "49.99". */
export function microsToDecimalText(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(MICROS_DIGITS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** What the sheet shows: a number when it converts back exactly, otherwise the decimal text. */
export function microsToSheetAmount(micros: bigint): number | string {
  const text = microsToDecimalText(micros);
  const significant = text.replace(/[-.]/g, "").replace(/^0+/, "").replace(/0+$/, "");
  return significant.length <= EXACT_SIGNIFICANT_DIGITS ? Number(text) : text;
}

/** Twenty accepts amountMicros as a number or a string; send a number while it is exact. */
export function microsToWire(micros: bigint): number | string {
  const abs = micros < 0n ? -micros : micros;
  return abs <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(micros) : micros.toString();
}
