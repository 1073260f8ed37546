/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen } from "@testing-library/react";
import { emptyWorkbookSettings } from "../../src/sync/settings";
import { setObjectEnabled } from "../../src/taskpane/state/mapping-editor";
import { COMPANIES, defaultColumnsOf, paneServices } from "./support/fakes";
import { connectedWorkbook, renderPane } from "./support/render";

const ROLES = ["button", "checkbox", "switch", "textbox", "combobox", "tab", "spinbutton", "radio", "link"] as const;

/** Controls whose accessible name is empty (testing-library computes names as screen readers do). */
function unnamedControls(): string[] {
  return ROLES.flatMap((role) =>
    screen.queryAllByRole(role, { name: "" }).map((el) => `${role}: ${el.outerHTML.slice(0, 120)}`),
  );
}

const controlCount = () => ROLES.reduce((n, role) => n + screen.queryAllByRole(role).length, 0);

describe("keyboard and screen reader users", () => {
  it("get a name for every control on every section, and unique ids for labelled inputs", async () => {
    const services = paneServices();
    const objects = setObjectEnabled(emptyWorkbookSettings(), COMPANIES, true, defaultColumnsOf(COMPANIES)).objects;
    await connectedWorkbook(services, { objects });
    renderPane(services);

    for (const tab of ["tab-connect", "tab-objects", "tab-sync"]) {
      fireEvent.click(await screen.findByTestId(tab));
      if (tab === "tab-objects") await screen.findByTestId("mapping-companies");
      expect(controlCount()).toBeGreaterThan(5);
      expect(unnamedControls()).toEqual([]);
      const ids = [...document.querySelectorAll("input[id], select[id]")].map((el) => el.id);
      expect(ids.length).toBe(new Set(ids).size);
    }
  });
});
