/**
 * Served instead of Office.js to pages inside the browser workbook host (see server/office-rewrite.ts). Runs before
 * the page's own scripts and gives it the host's `Office` and `Excel`, exactly where Office.js would put them.
 * Opened outside the host, the page sees Office.js's "not in an Office client" answer.
 */
import { HOST_GLOBAL, type BridgeHost } from "./bridge-contract";
import { createOutsideOffice } from "./host-office";

function findHost(): BridgeHost | null {
  try {
    if (window.parent === window) return null;
    return ((window.parent as unknown as Record<string, unknown>)[HOST_GLOBAL] as BridgeHost | undefined) ?? null;
  } catch {
    return null; // a cross-origin parent is not our host
  }
}

const host = findHost();
const target = window as unknown as Record<string, unknown>;
if (host) {
  target.Office = host.officeFor(window);
  target.Excel = host.Excel;
  if (host.OfficeExtension) target.OfficeExtension = host.OfficeExtension;
} else {
  target.Office = createOutsideOffice();
}
