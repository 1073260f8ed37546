/** What the host page publishes on its window for the Office bridge running in its same-origin frames. */
export const HOST_GLOBAL = "__twentyWorkbookHost";

export interface BridgeHost {
  /** The Office object for the given page (each page gets its own, so dialogs know their opener). */
  officeFor(frame: Window): object;
  Excel: object;
  /** Office.js's OfficeExtension namespace, when the in-browser workbook models it. */
  OfficeExtension?: object;
}
