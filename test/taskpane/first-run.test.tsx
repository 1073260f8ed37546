/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import type { SyncRequest } from "../../src/app/engine";
import { workbookSettingsSchema } from "../../src/sync/settings";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { objectReport, paneServices, report, scriptedEngine } from "./support/fakes";
import { renderPane } from "./support/render";

describe("a newcomer's first run", () => {
  it("connects and pulls right away: the suggested Companies and People are saved first, then pulled", async () => {
    const engine = scriptedEngine();
    engine.runSync.mockImplementation(async (request: SyncRequest) =>
      report(request.settings.objects.map((o) => objectReport({ object: o.object }))),
    );
    const services = paneServices({ engine });
    renderPane(services);

    fireEvent.change(await screen.findByTestId("base-url"), { target: { value: "https://crm.example.com" } });
    fireEvent.change(screen.getByTestId("api-key"), { target: { value: "first-key-1357" } });
    fireEvent.click(screen.getByTestId("connect"));
    await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Connected"));

    fireEvent.click(screen.getByTestId("tab-sync"));
    const pull = await screen.findByTestId("run-pull");
    await waitFor(() => expect((pull as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("run-blocked")).toBeNull();
    fireEvent.click(pull);

    await waitFor(() => expect(engine.runSync).toHaveBeenCalledTimes(1));
    const request = engine.runSync.mock.calls[0][0] as SyncRequest;
    expect(request.mode).toBe("pull");
    expect(request.settings.objects.map((o) => [o.object, o.sheetName, o.enabled])).toEqual([
      ["companies", "Companies", true],
      ["people", "People", true],
    ]);
    // Saved in the workbook before the run, so the ribbon's Sync now and the next session see the same choice.
    const saved = workbookSettingsSchema.parse(JSON.parse(services.sheet.hidden.get(HIDDEN_KEYS.settings) ?? "null"));
    expect(saved.objects.map((o) => o.object)).toEqual(["companies", "people"]);
    expect(await screen.findByTestId("run-summary")).toBeTruthy();

    fireEvent.click(screen.getByTestId("tab-objects"));
    expect(await screen.findByTestId("settings-status")).toHaveProperty("textContent", "Saved in this workbook");
    expect(screen.queryByTestId("defaults-hint")).toBeNull();
  });
});
