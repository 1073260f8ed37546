/**
 * 64-bit fingerprints (two 32-bit multiply-xorshift lanes, cyrb53 style). A row whose fingerprint still matches the one
 * stored at the last sync is taken as unchanged and skips comparison, so 32 bits would be too few. Written as one
 * flat loop because it runs over every cell of every row on each sync.
 */
const TAG = { empty: 1, text: 2, number: 3, true: 4, false: 5, other: 6 } as const;

function digest(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** Fingerprint of a row's cells under `headers`, in that order; a missing cell counts as empty. */
export function rowFingerprint(values: Record<string, unknown>, headers: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const header of headers) {
    const value = values[header];
    let tag: number;
    let text: string | null = null;
    if (value === null || value === undefined) tag = TAG.empty;
    else if (typeof value === "string") [tag, text] = [TAG.text, value];
    else if (typeof value === "number") [tag, text] = [TAG.number, String(value)];
    else if (typeof value === "boolean") tag = value ? TAG.true : TAG.false;
    else [tag, text] = [TAG.other, JSON.stringify(value)];
    // The tag and the length keep ("ab", "c") apart from ("a", "bc").
    const lead = text === null ? tag : tag + 8 * text.length;
    h1 = Math.imul(h1 ^ lead, 2654435761);
    h2 = Math.imul(h2 ^ lead, 1597334677);
    if (text === null) continue;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  return digest(h1, h2);
}

export function textFingerprint(text: string): string {
  return rowFingerprint({ text }, ["text"]);
}
