/** Which rows of a long sheet to render: only those in view plus a small overscan, so 10k rows stay responsive. */
export interface RowWindow {
  first: number;
  /** Exclusive. */
  last: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** The scrollTop that brings `row` into view, or null when it already is. */
export function scrollToReveal(
  row: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number | null {
  const top = row * rowHeight;
  const visibleHeight = viewportHeight - headerHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + visibleHeight) return top + rowHeight - visibleHeight;
  return null;
}
