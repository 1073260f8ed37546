import { createRoot } from "react-dom/client";
import { whenOfficeReady } from "../excel/office-host";
import { PaneRoot } from "./components/PaneRoot";
import { createLivePaneServices } from "./services/live-pane-services";

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  const host = await whenOfficeReady();
  const services = host.inOffice ? createLivePaneServices() : null;
  createRoot(container).render(<PaneRoot inOffice={host.inOffice} theme={host.theme} services={services} />);
}

void start();
