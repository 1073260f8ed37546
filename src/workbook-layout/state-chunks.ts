import { STATE_CHUNK_CHARS } from "./layout";

export type StateRow = [key: string, chunk: number, text: string];

export class StateSheetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateSheetFormatError";
  }
}

/** Splits one stored text into rows of the state sheet. An empty text still gets one row so the key exists. */
export function textToStateRows(key: string, text: string): StateRow[] {
  const rows: StateRow[] = [];
  for (let offset = 0, chunk = 0; offset < text.length || chunk === 0; offset += STATE_CHUNK_CHARS, chunk++) {
    rows.push([key, chunk, text.slice(offset, offset + STATE_CHUNK_CHARS)]);
  }
  return rows;
}

/**
 * Reassembles every key's text from the state sheet's rows (header row excluded).
 * Rows may come in any order; a gap or duplicate in a key's chunk numbers means the sheet was tampered with.
 */
export function stateRowsToTexts(rows: readonly (readonly unknown[])[]): Map<string, string> {
  const chunksByKey = new Map<string, Map<number, string>>();
  rows.forEach((row, i) => {
    const [key, chunk, text] = row;
    if ((key === "" || key === null || key === undefined) && (text === "" || text === null || text === undefined)) return;
    if (typeof key !== "string" || key === "") throw new StateSheetFormatError(`state row ${i + 2}: key is missing`);
    const index = typeof chunk === "number" ? chunk : Number(chunk);
    if (!Number.isInteger(index) || index < 0) throw new StateSheetFormatError(`state row ${i + 2}: chunk number "${String(chunk)}" is not a whole number`);
    const chunks = chunksByKey.get(key) ?? new Map<number, string>();
    if (chunks.has(index)) throw new StateSheetFormatError(`state row ${i + 2}: chunk ${index} of "${key}" appears twice`);
    chunks.set(index, text === null || text === undefined ? "" : String(text));
    chunksByKey.set(key, chunks);
  });
  const texts = new Map<string, string>();
  for (const [key, chunks] of chunksByKey) {
    const parts: string[] = [];
    for (let i = 0; i < chunks.size; i++) {
      const part = chunks.get(i);
      if (part === undefined) throw new StateSheetFormatError(`state for "${key}" is missing chunk ${i}`);
      parts.push(part);
    }
    texts.set(key, parts.join(""));
  }
  return texts;
}
