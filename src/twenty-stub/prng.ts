import { createHash } from "crypto";

/** mulberry32: a small, fast, seedable PRNG so sample data and faults are reproducible. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function formatUuid(hex: string): string {
  const v = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 32)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** A version-4-shaped UUID drawn from the PRNG. */
export function prngUuid(random: () => number): string {
  let hex = "";
  for (let i = 0; i < 4; i++) hex += Math.floor(random() * 0x100000000).toString(16).padStart(8, "0");
  return formatUuid(hex);
}

/** A stable UUID derived from a name, so metadata ids do not change between runs. */
export function nameUuid(name: string): string {
  return formatUuid(createHash("sha256").update(name).digest("hex"));
}
