/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { workbookSettingsSchema } from "../../src/sync/settings";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { PETS, paneServices, scriptedClient } from "./support/fakes";
import { connectedWorkbook, renderPane } from "./support/render";

function savedSettings(hidden: Map<string, string>) {
  return workbookSettingsSchema.parse(JSON.parse(hidden.get(HIDDEN_KEYS.settings) ?? "null"));
}

describe("choosing what to sync", () => {
  it("starts a workbook without choices with Companies and People on, unsaved, with a hint to save them", async () => {
    const services = paneServices();
    await connectedWorkbook(services);
    renderPane(services);

    fireEvent.click(await screen.findByTestId("tab-objects"));
    const hint = await screen.findByTestId("defaults-hint");
    expect(hint.textContent).toContain("Companies and People are switched on");
    expect(hint.textContent).toContain("Save settings to keep this choice");
    expect((screen.getByRole("switch", { name: "Sync Companies" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("switch", { name: "Sync People" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("switch", { name: "Sync Pets" }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId("sheet-name-people") as HTMLInputElement).value).toBe("People");
    expect((screen.getByTestId("strategy-people") as HTMLSelectElement).value).toBe("newest_wins");
    expect(screen.getByTestId("settings-status").textContent).toBe("Unsaved changes");
    expect(savedSettings(services.sheet.hidden).objects).toEqual([]);

    fireEvent.click(screen.getByTestId("save-settings"));
    await waitFor(() => expect(screen.getByTestId("settings-status").textContent).toBe("Saved in this workbook"));
    expect(screen.queryByTestId("defaults-hint")).toBeNull();
    expect(savedSettings(services.sheet.hidden).objects).toEqual([
      expect.objectContaining({ object: "companies", sheetName: "Companies", enabled: true, strategy: "newest_wins" }),
      expect.objectContaining({ object: "people", sheetName: "People", enabled: true, strategy: "newest_wins" }),
    ]);
  });

  it("suggests nothing once the workbook has choices, even with everything switched off", async () => {
    const services = paneServices();
    await connectedWorkbook(services, {
      objects: [
        {
          object: "people",
          sheetName: "People",
          enabled: false,
          columns: [],
          strategy: "newest_wins",
          applyDeletes: { inCrm: false, inSheet: false },
        },
      ],
    });
    renderPane(services);
    fireEvent.click(await screen.findByTestId("tab-objects"));
    const companies = (await screen.findByRole("switch", { name: "Sync Companies" })) as HTMLInputElement;
    expect(companies.checked).toBe(false);
    expect((screen.getByRole("switch", { name: "Sync People" }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("defaults-hint")).toBeNull();
    expect(screen.getByTestId("settings-status").textContent).toBe("Saved in this workbook");
  });

  it("suggests nothing when the workspace has neither companies nor people", async () => {
    const services = paneServices({ createClient: () => scriptedClient({ metas: [PETS] }) });
    await connectedWorkbook(services);
    renderPane(services);
    fireEvent.click(await screen.findByTestId("tab-objects"));
    expect(((await screen.findByRole("switch", { name: "Sync Pets" })) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("defaults-hint")).toBeNull();
    fireEvent.click(screen.getByTestId("tab-sync"));
    expect((await screen.findByTestId("run-blocked")).textContent).toContain("Choose at least one object");
  });

  it("lists only user objects, and saves a valid mapping with default columns, chosen extras, transforms and strategy", async () => {
    const services = paneServices();
    await connectedWorkbook(services);
    renderPane(services);

    fireEvent.click(await screen.findByTestId("tab-objects"));
    const people = await screen.findByRole("switch", { name: "Sync People" });
    expect(screen.getByRole("switch", { name: "Sync Companies" })).toBeTruthy();
    expect(screen.getByRole("switch", { name: "Sync Pets" })).toBeTruthy();
    expect(screen.queryByRole("switch", { name: "Sync Workspace members" })).toBeNull();
    expect(screen.queryByRole("switch", { name: "Sync Old deals" })).toBeNull();

    fireEvent.click(people);
    expect(screen.queryByTestId("mapping-people")).toBeNull();
    const mapping = await screen.findByTestId("mapping-companies");
    expect((within(mapping).getByRole("checkbox", { name: "name" }) as HTMLInputElement).checked).toBe(true);
    expect((within(mapping).getByRole("checkbox", { name: "employees" }) as HTMLInputElement).checked).toBe(false);

    fireEvent.click(within(mapping).getByRole("checkbox", { name: "employees" }));
    fireEvent.change(within(mapping).getByTestId("sheet-name-companies"), { target: { value: "Accounts" } });
    fireEvent.change(within(mapping).getByTestId("strategy-companies"), { target: { value: "field_merge" } });
    fireEvent.click(within(mapping).getByTestId("clear-when-empty-employees"));
    fireEvent.click(within(mapping).getByTestId("transforms-name"));
    fireEvent.click(await screen.findByRole("menuitemcheckbox", { name: "Trim spaces" }));
    fireEvent.click(screen.getByRole("menuitemcheckbox", { name: "Empty if equal to…" }));
    fireEvent.change(await screen.findByTestId("transform-arg-null_if-name"), { target: { value: "N/A" } });

    fireEvent.click(screen.getByTestId("save-settings"));
    await waitFor(() => expect(screen.getByTestId("settings-status").textContent).toBe("Saved in this workbook"));

    const saved = savedSettings(services.sheet.hidden);
    expect(saved.baseUrl).toBe("https://crm.example.com");
    expect(saved.objects).toEqual([
      {
        object: "companies",
        sheetName: "Accounts",
        enabled: true,
        strategy: "field_merge",
        applyDeletes: { inCrm: false, inSheet: false },
        columns: [
          { column: "id", transforms: [], clearWhenEmpty: false },
          { column: "name", transforms: ["trim", "null_if:N/A"], clearWhenEmpty: false },
          { column: "domainName.primaryLinkUrl", transforms: [], clearWhenEmpty: false },
          { column: "employees", transforms: [], clearWhenEmpty: true },
          { column: "updatedAt", transforms: [], clearWhenEmpty: false },
        ],
      },
      expect.objectContaining({ object: "people", enabled: false }),
    ]);
  });

  it("shows an illegal sheet name inline and does not save it", async () => {
    const services = paneServices();
    await connectedWorkbook(services);
    renderPane(services);
    fireEvent.click(await screen.findByTestId("tab-objects"));
    fireEvent.change(await screen.findByTestId("sheet-name-people"), { target: { value: "People?" } });
    expect(await screen.findByText(/sheet names cannot contain/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("save-settings"));
    await waitFor(() =>
      expect(screen.getByTestId("settings-status").textContent).toContain("Fix the highlighted settings"),
    );
    expect(savedSettings(services.sheet.hidden).objects).toEqual([]);
  });

  it("warns before deletions are applied", async () => {
    const services = paneServices();
    await connectedWorkbook(services);
    renderPane(services);
    fireEvent.click(await screen.findByTestId("tab-objects"));
    const people = await screen.findByTestId("mapping-people");
    const deletes = within(people).getByRole("switch", { name: "Delete in Twenty the records whose rows I delete" });
    expect((deletes as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByText(/Deletions will be applied/)).toBeNull();
    fireEvent.click(deletes);
    expect(screen.getByText(/Deletions will be applied/)).toBeTruthy();
  });

  it("flags a synced object the workspace no longer has, and lets the user stop syncing it", async () => {
    const services = paneServices();
    await connectedWorkbook(services, {
      objects: [
        {
          object: "rockets",
          sheetName: "Rockets",
          enabled: true,
          columns: [],
          strategy: "newest_wins",
          applyDeletes: { inCrm: false, inSheet: false },
        },
      ],
    });
    renderPane(services);
    fireEvent.click(await screen.findByTestId("tab-objects"));
    const warning = await screen.findByTestId("unknown-object-rockets");
    expect(warning.textContent).toContain("has no such object");
    fireEvent.click(within(warning).getByRole("button", { name: "Stop syncing it" }));
    fireEvent.click(screen.getByTestId("save-settings"));
    await waitFor(() => expect(savedSettings(services.sheet.hidden).objects[0].enabled).toBe(false));
    expect(screen.queryByTestId("unknown-object-rockets")).toBeNull();
  });

  describe("the sheet picker", () => {
    it("offers the workbook's worksheets, marks one another object uses, and saves the one picked", async () => {
      const services = paneServices();
      services.listWorksheets.mockResolvedValue(["Sheet1", "Accounts", "People"]);
      await connectedWorkbook(services);
      renderPane(services);
      fireEvent.click(await screen.findByTestId("tab-objects"));
      const input = (await screen.findByTestId("sheet-name-companies")) as HTMLInputElement;
      expect(input.tagName).toBe("INPUT");
      const field = screen.getByTestId("mapping-companies");
      expect(await within(field).findByText("Not in this workbook yet: a pull or sync creates it.")).toBeTruthy();

      fireEvent.click(input);
      const list = await screen.findByRole("listbox");
      expect(
        within(list)
          .getAllByRole("option")
          .map((o) => o.textContent),
      ).toEqual(["Sheet1", "Accounts", "People (synced with people)"]);
      fireEvent.click(within(list).getByRole("option", { name: "Accounts" }));
      await waitFor(() => expect(input.value).toBe("Accounts"));
      expect(within(field).getByText("A sheet of this workbook.")).toBeTruthy();

      fireEvent.click(screen.getByTestId("save-settings"));
      await waitFor(() => expect(screen.getByTestId("settings-status").textContent).toBe("Saved in this workbook"));
      expect(savedSettings(services.sheet.hidden).objects.map((o) => o.sheetName)).toEqual(["Accounts", "People"]);
    });

    it("takes a name that is not in the workbook, and reads the worksheets again when the list opens", async () => {
      const services = paneServices();
      services.listWorksheets.mockResolvedValueOnce(["Sheet1"]).mockResolvedValue(["Sheet1", "Added later"]);
      await connectedWorkbook(services);
      renderPane(services);
      fireEvent.click(await screen.findByTestId("tab-objects"));
      const field = await screen.findByTestId("mapping-companies");
      const input = within(field).getByTestId("sheet-name-companies") as HTMLInputElement;
      fireEvent.change(input, { target: { value: "Clients 2026" } });
      expect(input.value).toBe("Clients 2026");
      expect(await within(field).findByText("Not in this workbook yet: a pull or sync creates it.")).toBeTruthy();

      fireEvent.click(input);
      expect(
        await within(await screen.findByRole("listbox")).findByRole("option", { name: "Added later" }),
      ).toBeTruthy();
      expect(services.listWorksheets).toHaveBeenCalledTimes(2);
      fireEvent.change(input, { target: { value: "added LATER" } });
      expect(await within(field).findByText("A sheet of this workbook.")).toBeTruthy();
    });

    it("still takes a typed name when the worksheets cannot be listed, and keeps validating it", async () => {
      const services = paneServices();
      services.listWorksheets.mockRejectedValue(new Error("the workbook is busy"));
      await connectedWorkbook(services);
      renderPane(services);
      fireEvent.click(await screen.findByTestId("tab-objects"));
      const field = await screen.findByTestId("mapping-companies");
      expect(
        await within(field).findByText(/sheets could not be listed \(the workbook is busy\); type the sheet name/),
      ).toBeTruthy();
      fireEvent.change(within(field).getByTestId("sheet-name-companies"), { target: { value: "Bad/Name" } });
      expect(await within(field).findByText(/sheet names cannot contain/)).toBeTruthy();
    });
  });
});
