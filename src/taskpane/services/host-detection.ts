import { isDarkOfficeTheme, whenOfficeReady } from "../../excel/office-host";

export interface PaneHost {
  inOffice: boolean;
  theme: "light" | "dark";
}

type OfficeLike = Parameters<typeof whenOfficeReady>[0];

/** How long to wait for Office.js before treating the page as opened outside Office. */
const READY_TIMEOUT_MS = 10_000;

/**
 * Inside Excel, or a plain browser? Office.js resolves with a null host outside Office; when office.js
 * could not load at all (offline, blocked) there is no Office object, and a host that never answers times out.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = READY_TIMEOUT_MS): Promise<PaneHost> {
  const outside: PaneHost = { inOffice: false, theme: "light" };
  if (!office) return outside;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([whenOfficeReady(office), timedOut]);
    if (!info?.inExcel) return outside;
    return { inOffice: true, theme: isDarkOfficeTheme(office) ? "dark" : "light" };
  } catch {
    return outside;
  } finally {
    clearTimeout(timer);
  }
}
