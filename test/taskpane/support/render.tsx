import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { App } from "../../../src/taskpane/components/App";
import { PaneServicesProvider, type PaneServices } from "../../../src/taskpane/services/pane-services";
import type { WorkbookSettings } from "../../../src/sync/settings";
import { emptyWorkbookSettings } from "../../../src/sync/settings";
import type { SheetPort } from "../../../src/sync/ports";

export function renderPane(services: PaneServices) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PaneServicesProvider value={services}>
        <App />
      </PaneServicesProvider>
    </FluentProvider>,
  );
}

/** A workbook already connected to a workspace whose key is stored on this computer. */
export async function connectedWorkbook(
  services: PaneServices & { sheet: SheetPort },
  settings: Partial<WorkbookSettings> = {},
): Promise<WorkbookSettings> {
  const saved = { ...emptyWorkbookSettings(), baseUrl: "https://crm.example.com", ...settings };
  await services.engine.saveSettings(services.sheet, saved);
  await services.secrets.saveApiKey("https://crm.example.com", "stored-key-4321");
  return saved;
}
