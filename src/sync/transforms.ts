/**
 * Push-side transforms, applied to a cell in the order listed on its column, before the cell is parsed:
 * - `trim`, `lowercase`, `uppercase`: text edits (non-text cells pass through unchanged);
 * - `round_int`: rounds a number (or numeric text) half away from zero; other text is an error;
 * - `to_string`: turns numbers and booleans into text;
 * - `yesno_to_bool`: yes/y/true/1/oui → true, no/n/false/0/non → false, anything else is an error;
 * - `null_if:<x>`: the value becomes empty when it equals x (text compared trimmed and case-insensitively);
 * - `only_if:<x>`: the value is kept only when it equals x (same comparison), otherwise it becomes empty.
 * An empty cell stays empty. The diff compares transformed values, so a transform never causes repeated pushes.
 */
import type { CellValue } from "./ports";
import { isEmptyCell } from "./fields/values";

export type TransformResult = { ok: true; value: CellValue } | { ok: false; reason: string };

const YES = new Set(["yes", "y", "true", "1", "oui"]);
const NO = new Set(["no", "n", "false", "0", "non"]);

function equalsText(cell: CellValue, expected: string): boolean {
  return String(cell).trim().toLowerCase() === expected.trim().toLowerCase();
}

function applyOne(transform: string, cell: CellValue): TransformResult {
  const ok = (value: CellValue): TransformResult => ({ ok: true, value });
  if (transform.startsWith("null_if:")) return ok(equalsText(cell, transform.slice("null_if:".length)) ? null : cell);
  if (transform.startsWith("only_if:")) return ok(equalsText(cell, transform.slice("only_if:".length)) ? cell : null);
  switch (transform) {
    case "trim":
      return ok(typeof cell === "string" ? cell.trim() : cell);
    case "lowercase":
      return ok(typeof cell === "string" ? cell.toLowerCase() : cell);
    case "uppercase":
      return ok(typeof cell === "string" ? cell.toUpperCase() : cell);
    case "to_string":
      return ok(String(cell));
    case "round_int": {
      const n = typeof cell === "number" ? cell : typeof cell === "string" ? Number(cell.trim()) : NaN;
      if (!Number.isFinite(n)) return { ok: false, reason: `round_int: "${String(cell)}" is not a number` };
      return ok(Math.sign(n) * Math.round(Math.abs(n)));
    }
    case "yesno_to_bool": {
      const word = String(cell).trim().toLowerCase();
      if (YES.has(word)) return ok(true);
      if (NO.has(word)) return ok(false);
      return { ok: false, reason: `yesno_to_bool: "${String(cell)}" is neither yes nor no` };
    }
    default:
      return { ok: false, reason: `unknown transform "${transform}"` };
  }
}

export function applyTransforms(transforms: readonly string[], cell: CellValue): TransformResult {
  let value = cell;
  for (const transform of transforms) {
    if (isEmptyCell(value)) return { ok: true, value: null };
    const result = applyOne(transform, value);
    if (!result.ok) return result;
    value = result.value;
  }
  return { ok: true, value };
}
