/**
 * Entry of the browser workbook host: creates the in-browser Excel, publishes it for the Office bridge in the
 * task pane and command frames, and renders the host page.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { createFakeExcel } from "../excel-fake";
import { HOST_GLOBAL, type BridgeHost } from "./bridge-contract";
import { demoConnectionFromQuery } from "./demo-connection";
import { createFakeWorkbookView } from "./fake-workbook-view";
import { createHostController } from "./host-controller";
import { observeExcelRuns } from "./observed-excel";
import { HostApp } from "./components/HostApp";

async function start(): Promise<void> {
  const fake = createFakeExcel();
  const query = new URLSearchParams(window.location.search);
  const controller = createHostController(fake.Office, query.get("theme") === "dark" ? "dark" : "light");
  const observed = observeExcelRuns(fake.Excel);
  const host: BridgeHost = { Excel: observed.Excel, officeFor: (frame) => controller.officeFor(frame) };
  (window as unknown as Record<string, unknown>)[HOST_GLOBAL] = host;
  const container = document.getElementById("host");
  if (!container) throw new Error("workbook-host.html has no #host element");
  createRoot(container).render(
    <HostApp
      workbook={createFakeWorkbookView({ ...fake, Excel: observed.Excel }, observed.afterRun)}
      controller={controller}
      connection={demoConnectionFromQuery(window.location.search)}
    />,
  );
}

void start();
