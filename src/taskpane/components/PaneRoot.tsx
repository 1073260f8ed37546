import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { PaneServices } from "../services/pane-services";
import { PaneServicesProvider } from "../services/pane-services";
import { App } from "./App";
import { OutsideOffice } from "./OutsideOffice";

export interface PaneRootProps {
  inOffice: boolean;
  theme: "light" | "dark";
  /** Only built when running inside Office. */
  services: PaneServices | null;
}

export function PaneRoot({ inOffice, theme, services }: PaneRootProps) {
  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme}>
      {inOffice && services ? (
        <PaneServicesProvider value={services}>
          <App />
        </PaneServicesProvider>
      ) : (
        <OutsideOffice />
      )}
    </FluentProvider>
  );
}
