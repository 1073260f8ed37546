/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen } from "@testing-library/react";
import { computeAccessibleName } from "dom-accessibility-api";
import { emptyWorkbookSettings } from "../../src/sync/settings";
import { setObjectEnabled } from "../../src/taskpane/state/mapping-editor";
import { COMPANIES, defaultColumnsOf, paneServices } from "./support/fakes";
import { connectedWorkbook, renderPane } from "./support/render";

const INTERACTIVE = "button, input, select, textarea, [role=switch], [role=combobox], [role=tab], [role=checkbox]";

function unnamedControls(): string[] {
  return [...document.querySelectorAll<HTMLElement>(INTERACTIVE)]
    .filter((el) => !el.closest("[aria-hidden=true]") && (el as HTMLInputElement).type !== "hidden")
    .filter((el) => computeAccessibleName(el).trim() === "")
    .map((el) => el.outerHTML.slice(0, 120));
}

describe("keyboard and screen reader users", () => {
  it("get a name for every control on every section, and unique ids for labelled inputs", async () => {
    const services = paneServices();
    const objects = setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES)).objects;
    await connectedWorkbook(services, { objects });
    renderPane(services);

    for (const tab of ["tab-connect", "tab-objects", "tab-sync"]) {
      fireEvent.click(await screen.findByTestId(tab));
      if (tab === "tab-objects") await screen.findByTestId("mapping-companies");
      expect(document.querySelectorAll(INTERACTIVE).length).toBeGreaterThan(5);
      expect(unnamedControls()).toEqual([]);
      const ids = [...document.querySelectorAll("input[id], select[id]")].map((el) => el.id);
      expect(ids.length).toBe(new Set(ids).size);
    }
  });
});
