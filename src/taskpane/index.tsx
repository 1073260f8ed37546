import { createRoot } from "react-dom/client";
import { PaneRoot } from "./components/PaneRoot";
import { detectHost } from "./services/host-detection";
import { createLivePaneServices } from "./services/live-pane-services";

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  const host = await detectHost(typeof Office === "undefined" ? undefined : Office);
  const services = host.inOffice ? createLivePaneServices() : null;
  createRoot(container).render(<PaneRoot inOffice={host.inOffice} theme={host.theme} services={services} />);
}

void start();
