/** @jest-environment jsdom */
import "./support/dom";
import { render, screen } from "@testing-library/react";
import { PaneRoot } from "../../src/taskpane/components/PaneRoot";
import { detectHost } from "../../src/taskpane/services/host-detection";

type FakeOffice = Parameters<typeof detectHost>[0];
const office = (ready: () => Promise<unknown>, background?: string) =>
  ({
    onReady: ready,
    context: { officeTheme: background ? { bodyBackgroundColor: background } : undefined },
  }) as unknown as FakeOffice;

describe("opened outside Office", () => {
  it("treats Office.js resolving with a null host as outside Office", async () => {
    expect(await detectHost(office(async () => ({ host: null, platform: null })))).toEqual({
      inOffice: false,
      theme: "light",
    });
  });

  it("treats a page where office.js did not load, or never answers, as outside Office", async () => {
    expect(await detectHost(undefined)).toEqual({ inOffice: false, theme: "light" });
    expect(
      await detectHost(
        office(() => new Promise(() => undefined)),
        20,
      ),
    ).toEqual({ inOffice: false, theme: "light" });
  });

  it("reads the Office theme inside Excel", async () => {
    expect(await detectHost(office(async () => ({ host: "Excel", platform: "PC" }), "#262626"))).toEqual({
      inOffice: true,
      theme: "dark",
    });
    expect(await detectHost(office(async () => ({ host: "Excel", platform: "PC" }), "#FFFFFF"))).toEqual({
      inOffice: true,
      theme: "light",
    });
  });

  it("shows the 'Open this in Excel' page instead of the pane", () => {
    render(<PaneRoot inOffice={false} theme="light" services={null} />);
    expect(screen.getByRole("heading", { name: "Open this in Excel" })).toBeTruthy();
    expect(screen.getByText(/npm run demo/)).toBeTruthy();
    expect(screen.queryByRole("tablist")).toBeNull();
  });
});
