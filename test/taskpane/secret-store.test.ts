import "fake-indexeddb/auto";
import { createStore, get } from "idb-keyval";
import { createSecretStore, normalizeBaseUrl } from "../../src/app/secret-store";

describe("API key storage in IndexedDB", () => {
  it("stores, finds (whatever the URL's trailing slash) and forgets the key of a workspace", async () => {
    const store = createStore("twenty-sync-secret-test", "secrets");
    const secrets = createSecretStore(store);
    await secrets.saveApiKey("https://crm.example.com/", "  key-abcd  ");
    expect(await secrets.getApiKey("https://crm.example.com")).toBe("key-abcd");
    expect(await secrets.getApiKey("https://crm.example.com/rest")).toBe("key-abcd");
    expect(await secrets.getApiKey("https://other.example.com")).toBeNull();
    expect(await get("apiKey:https://crm.example.com", store)).toBe("key-abcd");
    await secrets.forgetApiKey("https://crm.example.com");
    expect(await secrets.getApiKey("https://crm.example.com")).toBeNull();
  });

  it("treats a tampered entry (not a string) as no key", async () => {
    const store = createStore("twenty-sync-secret-test-2", "secrets");
    const { set } = await import("idb-keyval");
    await set("apiKey:https://crm.example.com", { key: 1 }, store);
    expect(await createSecretStore(store).getApiKey("https://crm.example.com")).toBeNull();
  });

  it("refuses to store an empty key", async () => {
    await expect(
      createSecretStore(createStore("twenty-sync-secret-test-3", "secrets")).saveApiKey("https://x", "   "),
    ).rejects.toThrow();
  });

  it("normalises workspace URLs", () => {
    expect(normalizeBaseUrl(" https://api.twenty.com/rest/ ")).toBe("https://api.twenty.com");
  });
});
