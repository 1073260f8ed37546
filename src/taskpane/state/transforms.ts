/** The eight push transforms as the pane edits them: a name plus, for two of them, an argument. */
export const TRANSFORM_NAMES = [
  "trim",
  "lowercase",
  "uppercase",
  "round_int",
  "to_string",
  "yesno_to_bool",
  "null_if",
  "only_if",
] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

export const TRANSFORM_LABELS: Record<TransformName, string> = {
  trim: "Trim spaces",
  lowercase: "Lowercase",
  uppercase: "Uppercase",
  round_int: "Round to whole number",
  to_string: "Send as text",
  yesno_to_bool: "Yes/No → true/false",
  null_if: "Empty if equal to…",
  only_if: "Keep only if equal to…",
};

export function takesArgument(name: TransformName): boolean {
  return name === "null_if" || name === "only_if";
}

export interface TransformDraft {
  name: TransformName;
  argument: string;
}

function isTransformName(name: string): name is TransformName {
  return (TRANSFORM_NAMES as readonly string[]).includes(name);
}

/** Settings strings (`null_if:N/A`) to drafts; unknown entries are dropped (the schema rejects them anyway). */
export function parseTransforms(transforms: readonly string[]): TransformDraft[] {
  return transforms.flatMap((t) => {
    const colon = t.indexOf(":");
    const name = colon === -1 ? t : t.slice(0, colon);
    if (!isTransformName(name)) return [];
    return [{ name, argument: colon === -1 ? "" : t.slice(colon + 1) }];
  });
}

export function formatTransforms(drafts: readonly TransformDraft[]): string[] {
  return drafts.map((d) => (takesArgument(d.name) ? `${d.name}:${d.argument}` : d.name));
}

/** Selecting names in the multi-select keeps existing arguments and the order the user picked them in. */
export function selectTransforms(current: readonly TransformDraft[], selected: readonly string[]): TransformDraft[] {
  const kept = current.filter((d) => selected.includes(d.name));
  const added = selected.filter(isTransformName).filter((n) => !current.some((d) => d.name === n));
  return [...kept, ...added.map((name) => ({ name, argument: "" }))];
}

export function setTransformArgument(
  current: readonly TransformDraft[],
  name: TransformName,
  argument: string,
): TransformDraft[] {
  return current.map((d) => (d.name === name ? { ...d, argument } : d));
}
