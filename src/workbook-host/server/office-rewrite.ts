/**
 * The add-in's pages load Office.js from Microsoft's CDN. When the browser workbook host serves them, that script
 * is swapped for a bridge that hands the page the host's in-browser `Office` and `Excel` — the page's own code is
 * served unchanged.
 */

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Served next to the built pages (a webpack entry with a fixed file name). */
export const OFFICE_BRIDGE_FILE = "office-bridge.js";

const officeScriptTag =
  /<script\b[^>]*\bsrc=["']https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js["'][^>]*>\s*<\/script>/gi;

/** Replaces every Office.js script tag with the bridge; pages without one come back untouched. */
export function rewriteOfficeScript(html: string): string {
  return html.replace(officeScriptTag, `<script src="${OFFICE_BRIDGE_FILE}"></script>`);
}
