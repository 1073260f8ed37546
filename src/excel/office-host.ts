/**
 * Office.js start-up facts the task pane needs (is there a host, which theme), kept here so the pane
 * itself never touches `Office`.
 */

export interface OfficeHostInfo {
  /** False when opened in a plain browser (Office.js resolves with host null) or when office.js did not load. */
  inOffice: boolean;
  host: string | null;
  theme: "light" | "dark";
}

/** How long to wait for Office.js before treating the page as opened outside Office. */
const READY_TIMEOUT_MS = 10_000;

/** Dark when the host says so, else judged from the body background's luminance. */
export function themeKind(theme: { isDarkTheme?: boolean; bodyBackgroundColor?: string } | undefined | null): "light" | "dark" {
  if (!theme) return "light";
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme ? "dark" : "light";
  const hex = /^#?([0-9a-f]{6})$/i.exec(theme.bodyBackgroundColor ?? "")?.[1];
  if (!hex) return "light";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

export async function whenOfficeReady(timeoutMs = READY_TIMEOUT_MS): Promise<OfficeHostInfo> {
  const outside: OfficeHostInfo = { inOffice: false, host: null, theme: "light" };
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return outside;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const info = await Promise.race([Office.onReady(), timedOut]);
  clearTimeout(timer);
  // @types/office-js types host as non-nullable, but Office.js resolves with null outside Office.
  const host = (info?.host as Office.HostType | null | undefined) ?? null;
  if (!host) return outside;
  const officeTheme = (Office.context as { officeTheme?: { isDarkTheme?: boolean; bodyBackgroundColor?: string } } | undefined)?.officeTheme;
  return { inOffice: true, host: String(host), theme: themeKind(officeTheme) };
}
