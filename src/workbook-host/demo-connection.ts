/**
 * The demo connection travels to the host page in its query string, so the page can show it in a banner, offer to
 * fill it into the task pane and edit records "in the CRM". It is the stand-in's demo key, never a real one.
 */
export const HOST_PAGE = "workbook-host.html";

export interface DemoConnection {
  crmUrl: string;
  apiKey: string;
}

export function hostPageQuery(connection: DemoConnection): string {
  return new URLSearchParams({ crmUrl: connection.crmUrl, demoKey: connection.apiKey }).toString();
}

/** The demo connection named in a page's query string, or null when the page was opened without one. */
export function demoConnectionFromQuery(search: string): DemoConnection | null {
  const params = new URLSearchParams(search);
  const crmUrl = params.get("crmUrl");
  const apiKey = params.get("demoKey");
  if (!crmUrl || !apiKey) return null;
  try {
    const parsed = new URL(crmUrl);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  } catch {
    return null;
  }
  return { crmUrl: crmUrl.replace(/\/+$/, ""), apiKey };
}
