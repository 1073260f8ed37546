import { FluentProvider, RendererProvider, createDOMRenderer, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { App } from "../../../src/taskpane/components/App";
import { PaneServicesProvider, type PaneServices } from "../../../src/taskpane/services/pane-services";
import type { WorkbookSettings } from "../../../src/sync/settings";
import { emptyWorkbookSettings } from "../../../src/sync/settings";
import type { SheetPort } from "../../../src/sync/ports";

/**
 * Fluent's component styles go to a detached document. jsdom matches every style rule of the page on each
 * getComputedStyle, which Fluent's positioning calls on every render, so with comboboxes and menus on the page a
 * test took seconds per click. jsdom has no layout, and the pane shows or hides things by rendering them, not by
 * CSS, so what the tests query is the same.
 */
const offscreenStyles = createDOMRenderer(document.implementation.createHTMLDocument("styles"));

export function renderPane(services: PaneServices) {
  return render(
    <RendererProvider renderer={offscreenStyles} targetDocument={document}>
      <FluentProvider theme={webLightTheme}>
        <PaneServicesProvider value={services}>
          <App />
        </PaneServicesProvider>
      </FluentProvider>
    </RendererProvider>,
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
