/** @jest-environment jsdom */
import "./support/dom";
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { HIDDEN_KEYS } from "../../src/workbook-layout/layout";
import { SyncError } from "../../src/sync/errors";
import { loadSettings } from "../../src/sync/settings-store";
import { paneServices, scriptedClient, scriptedEngine } from "./support/fakes";
import { connectedWorkbook, renderPane } from "./support/render";
import type { ConnectionCheck } from "../../src/app/crm-client";

async function connectWith(url: string, key: string) {
  fireEvent.change(await screen.findByTestId("base-url"), { target: { value: url } });
  fireEvent.change(screen.getByTestId("api-key"), { target: { value: key } });
  fireEvent.click(screen.getByTestId("connect"));
}

/**
 * An engine whose read of the workbook's settings answers only when the test says so (a slow workbook). The answer is
 * what the workbook held when the read started, as with Office, which reads at the sync and returns later.
 */
function lateSettingsRead() {
  let finish = () => {};
  const held = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const engine = scriptedEngine({
    loadSettings: async (sheet) => {
      const answer = await loadSettings(sheet);
      await held;
      return answer;
    },
  });
  return { engine, finish };
}

const savedSettings = (services: ReturnType<typeof paneServices>) =>
  JSON.parse(services.sheet.hidden.get(HIDDEN_KEYS.settings) ?? "{}");

const failure = (code: string, message: string): ConnectionCheck => ({
  ok: false,
  latencyMs: 12,
  message,
  details: { code, apiKey: "****" },
});

describe("connecting to Twenty", () => {
  it("stores the key in IndexedDB, shows it masked, and keeps only the URL in the workbook", async () => {
    const services = paneServices();
    renderPane(services);
    await connectWith("https://crm.example.com/", "tw-secret-key-9876");

    expect(await screen.findByText(/Connected to Twenty/)).toBeTruthy();
    expect(screen.getByTestId("connection-result").textContent).toContain("42 ms");
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBe("tw-secret-key-9876");
    expect(screen.getByText(/Stored on this computer: \*\*\*\*9876/)).toBeTruthy();
    expect((screen.getByTestId("api-key") as HTMLInputElement).value).toBe("");

    const stored = services.sheet.hidden.get(HIDDEN_KEYS.settings) ?? "";
    expect(JSON.parse(stored).baseUrl).toBe("https://crm.example.com");
    const everythingInWorkbook = [...services.sheet.hidden.values()].join("\n");
    expect(everythingInWorkbook).not.toContain("tw-secret-key-9876");
    expect(screen.getByTestId("connection-badge").textContent).toBe("Connected");
  });

  it.each([
    ["AUTH_ERROR", "Twenty rejected the API key (invalid or expired).", "The API key was refused"],
    [
      "NETWORK_ERROR",
      "Could not reach https://crm.example.com. The server probably does not allow requests from this add-in (CORS).",
      "Twenty could not be reached",
    ],
    ["RATE_LIMIT", "Twenty is rate limiting this API key right now.", "Twenty is rate limiting requests"],
    ["SERVER_ERROR", "Twenty answered with a server error (HTTP 503).", "Twenty reported a server error"],
    ["TIMEOUT", "https://crm.example.com did not answer in time.", "Twenty took too long to answer"],
  ])("explains a %s failure with its own title and the client's message", async (code, message, title) => {
    const services = paneServices({ createClient: () => scriptedClient({ check: failure(code, message) }) });
    renderPane(services);
    await connectWith("https://crm.example.com", "bad-key-0000");
    const result = await screen.findByRole("alert");
    expect(result.textContent).toContain(title);
    expect(result.textContent).toContain(message);
    expect(result.textContent).not.toContain("bad-key-0000");
    // Whatever the reason, a key that did not pass the test is not stored and nothing is written to the workbook.
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBeNull();
    expect(services.sheet.hidden.get(HIDDEN_KEYS.settings)).toBeUndefined();
    expect(screen.getByTestId("connection-badge").textContent).toBe("Not connected");
    expect(screen.queryByText(/Stored on this computer/)).toBeNull();
  });

  it("keeps the stored key when a replacement cannot be tested (rate limited), and says why", async () => {
    const services = paneServices({
      createClient: ({ apiKey }) =>
        apiKey === "stored-key-4321"
          ? scriptedClient({})
          : scriptedClient({ check: failure("RATE_LIMIT", "Twenty is rate limiting this API key right now.") }),
    });
    await connectedWorkbook(services);
    renderPane(services);
    await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Connected"));
    fireEvent.click(screen.getByTestId("tab-connect"));
    fireEvent.change(await screen.findByTestId("api-key"), { target: { value: "new-key-8888" } });
    fireEvent.click(screen.getByTestId("connect"));
    expect((await screen.findByRole("alert")).textContent).toContain("Twenty is rate limiting requests");
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBe("stored-key-4321");
    expect(screen.getByText(/Stored on this computer: \*\*\*\*4321/)).toBeTruthy();
    expect(screen.getByTestId("connection-badge").textContent).toBe("Connected");
  });

  it("says so when the stored key itself is refused, and keeps it until the user forgets it", async () => {
    const services = paneServices({
      createClient: () =>
        scriptedClient({ check: failure("AUTH_ERROR", "Twenty rejected the API key (invalid or expired).") }),
    });
    await connectedWorkbook(services);
    renderPane(services);
    await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Connected"));
    fireEvent.click(screen.getByTestId("tab-connect"));
    fireEvent.click(screen.getByTestId("connect"));
    expect((await screen.findByRole("alert")).textContent).toContain("The API key was refused");
    expect(screen.getByTestId("connection-badge").textContent).toBe("Key refused");
    expect(screen.getByText(/\*\*\*\*4321, but Twenty refused it/)).toBeTruthy();
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBe("stored-key-4321");

    fireEvent.click(screen.getByTestId("forget-key"));
    await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Key needed"));
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBeNull();
  });

  it("switches to another workspace with the key already stored for it, without typing it again", async () => {
    const services = paneServices();
    await connectedWorkbook(services);
    await services.secrets.saveApiKey("https://other.example.com", "other-key-2468");
    renderPane(services);
    await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Connected"));
    fireEvent.click(screen.getByTestId("tab-connect"));
    fireEvent.change(await screen.findByTestId("base-url"), { target: { value: "https://other.example.com" } });
    fireEvent.click(screen.getByTestId("connect"));
    expect(await screen.findByText(/Stored on this computer: \*\*\*\*2468/)).toBeTruthy();
    await waitFor(() =>
      expect(JSON.parse(services.sheet.hidden.get(HIDDEN_KEYS.settings) ?? "{}").baseUrl).toBe(
        "https://other.example.com",
      ),
    );
    expect(screen.getByTestId("connection-badge").textContent).toBe("Connected");
  });

  it("never stores a refused key, and keeps the good key stored earlier", async () => {
    let accept = true;
    const services = paneServices({
      createClient: () =>
        accept
          ? scriptedClient({})
          : scriptedClient({ check: failure("AUTH_ERROR", "Twenty rejected the API key (invalid or expired).") }),
    });
    renderPane(services);
    await connectWith("https://crm.example.com", "new-key-0000");
    expect(await screen.findByText(/Connected to Twenty/)).toBeTruthy();
    expect(await screen.findByText(/Stored on this computer: \*\*\*\*0000/)).toBeTruthy();

    accept = false;
    fireEvent.change(screen.getByTestId("api-key"), { target: { value: "wrong-key-7777" } });
    fireEvent.click(screen.getByTestId("connect"));
    expect((await screen.findByRole("alert")).textContent).toContain("The API key was refused");
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBe("new-key-0000");
    expect(screen.queryByText(/\*\*\*\*7777/)).toBeNull();
  });

  it("stores nothing and shows no connection when the very first key is refused", async () => {
    const services = paneServices({
      createClient: () =>
        scriptedClient({ check: failure("AUTH_ERROR", "Twenty rejected the API key (invalid or expired).") }),
    });
    renderPane(services);
    await connectWith("https://crm.example.com", "wrong-key-7777");
    expect((await screen.findByRole("alert")).textContent).toContain("The API key was refused");
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBeNull();
    expect(screen.getByTestId("connection-badge").textContent).toBe("Not connected");
    expect(services.sheet.hidden.get(HIDDEN_KEYS.settings)).toBeUndefined();
  });

  it("reports a refused URL (thrown before any request) with advice", async () => {
    const services = paneServices({
      createClient: () => {
        throw new SyncError(
          "VALIDATION_ERROR",
          "Use https for http://crm.example.com (http is only allowed for localhost).",
        );
      },
    });
    renderPane(services);
    await connectWith("http://crm.example.com", "key-1111");
    const result = await screen.findByRole("alert");
    expect(result.textContent).toContain("The request was rejected");
    expect(result.textContent).toContain("Use https");
  });

  it("asks for the key again when the workbook names a workspace but storage was wiped, then forgets it on request", async () => {
    const services = paneServices();
    await services.engine.saveSettings(services.sheet, {
      ...(await services.engine.loadSettings(services.sheet)),
      baseUrl: "https://crm.example.com",
    });
    renderPane(services);
    expect(await screen.findByTestId("key-missing")).toBeTruthy();
    expect(screen.getByTestId("connection-badge").textContent).toBe("Key needed");

    fireEvent.change(screen.getByTestId("api-key"), { target: { value: "fresh-key-5555" } });
    fireEvent.click(screen.getByTestId("connect"));
    await waitFor(() => expect(screen.queryByTestId("key-missing")).toBeNull());
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBe("fresh-key-5555");

    fireEvent.click(screen.getByTestId("forget-key"));
    expect(await screen.findByTestId("key-missing")).toBeTruthy();
    expect(await services.secrets.getApiKey("https://crm.example.com")).toBeNull();
  });

  it("says so when the browser refuses to store the key (storage blocked)", async () => {
    const base = paneServices();
    const services = {
      ...base,
      secrets: { ...base.secrets, saveApiKey: async () => Promise.reject(new Error("QuotaExceededError")) },
    };
    renderPane(services);
    await connectWith("https://crm.example.com", "key-2222");
    expect((await screen.findByText(/Could not save the connection/)).textContent).toContain("QuotaExceededError");
  });

  describe("while the workbook's saved connection is still loading", () => {
    it("keeps the URL and key the user already typed, and stays on the Connect tab", async () => {
      const { engine, finish } = lateSettingsRead();
      const services = paneServices({ engine });
      await connectedWorkbook(services);
      await services.secrets.saveApiKey("https://other.example.com", "other-key-2468");
      renderPane(services);

      fireEvent.change(await screen.findByTestId("base-url"), { target: { value: "https://other.example.com" } });
      fireEvent.change(screen.getByTestId("api-key"), { target: { value: "typed-key-1111" } });
      finish();
      await waitFor(() => expect(screen.getByTestId("connection-badge").textContent).toBe("Connected"));

      expect((screen.getByTestId("base-url") as HTMLInputElement).value).toBe("https://other.example.com");
      expect((screen.getByTestId("api-key") as HTMLInputElement).value).toBe("typed-key-1111");

      fireEvent.click(screen.getByTestId("connect"));
      await waitFor(() =>
        expect(JSON.parse(services.sheet.hidden.get(HIDDEN_KEYS.settings) ?? "{}").baseUrl).toBe(
          "https://other.example.com",
        ),
      );
      expect(await services.secrets.getApiKey("https://other.example.com")).toBe("typed-key-1111");
    });

    it("fills in the saved URL when the user has only typed the key", async () => {
      const { engine, finish } = lateSettingsRead();
      const services = paneServices({ engine });
      await services.engine.saveSettings(services.sheet, {
        ...(await loadSettings(services.sheet)),
        baseUrl: "https://crm.example.com",
      });
      renderPane(services);

      fireEvent.change(await screen.findByTestId("api-key"), { target: { value: "fresh-key-5555" } });
      finish();
      expect(await screen.findByTestId("key-missing")).toBeTruthy();

      expect((screen.getByTestId("base-url") as HTMLInputElement).value).toBe("https://crm.example.com");
      expect((screen.getByTestId("api-key") as HTMLInputElement).value).toBe("fresh-key-5555");
    });

    it("saves a connection made before it loaded on top of the workbook's choices, and keeps it connected", async () => {
      const { engine, finish } = lateSettingsRead();
      const services = paneServices({ engine });
      const workbookChoices = await connectedWorkbook(services, {
        objects: [
          {
            object: "companies",
            sheetName: "Accounts",
            enabled: true,
            columns: [{ column: "name", transforms: ["trim"], clearWhenEmpty: false }],
            strategy: "crm_wins",
            applyDeletes: { inCrm: false, inSheet: true },
          },
        ],
        scheduleMinutes: 15,
      });
      renderPane(services);

      await connectWith("https://other.example.com", "new-key-7777");
      // Connected, but the save waits for the workbook's choices, and says so.
      expect((await screen.findByTestId("waiting-for-workbook")).textContent).toMatch(/workbook's sync settings/);
      expect((screen.getByTestId("connect") as HTMLButtonElement).disabled).toBe(true);
      expect(savedSettings(services)).toEqual(workbookChoices);

      finish();
      await waitFor(() => expect(screen.queryByTestId("waiting-for-workbook")).toBeNull());

      expect(savedSettings(services)).toEqual({ ...workbookChoices, baseUrl: "https://other.example.com" });
      expect(await services.secrets.getApiKey("https://other.example.com")).toBe("new-key-7777");
      expect(screen.getByTestId("connection-badge").textContent).toBe("Connected");
      expect(screen.getByText(/Stored on this computer: \*\*\*\*7777/)).toBeTruthy();
      expect((screen.getByTestId("base-url") as HTMLInputElement).value).toBe("https://other.example.com");
      expect((screen.getByTestId("connect") as HTMLButtonElement).disabled).toBe(false);
    });
  });
});
