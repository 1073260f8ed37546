import {
  connectionBadge,
  connectionReducer,
  hasUsableKey,
  initialConnectionState,
  isConnecting,
  isKeyMissing,
} from "../../src/taskpane/state/connection";

describe("connection state", () => {
  it("is 'key missing' when the workbook names a workspace but no key is stored here", () => {
    const state = connectionReducer(initialConnectionState, {
      type: "loaded",
      savedBaseUrl: "https://crm.example.com",
      storedKeyMask: null,
    });
    expect(isKeyMissing(state)).toBe(true);
    expect(hasUsableKey(state)).toBe(false);
    expect(state.baseUrl).toBe("https://crm.example.com");
  });

  it("keeps a URL the user typed before the workbook's connection loaded, and the key they typed", () => {
    let state = connectionReducer(initialConnectionState, {
      type: "baseUrlEdited",
      baseUrl: "https://typed.example.com",
    });
    state = connectionReducer(state, { type: "keyEdited", keyInput: "typed-key-1111" });
    state = connectionReducer(state, {
      type: "loaded",
      savedBaseUrl: "https://crm.example.com",
      storedKeyMask: "****4321",
    });
    expect(state.baseUrl).toBe("https://typed.example.com");
    expect(state.keyInput).toBe("typed-key-1111");
    expect(state.savedBaseUrl).toBe("https://crm.example.com");
    expect(state.storedKeyMask).toBe("****4321");
  });

  it("keeps an emptied URL field empty: the user cleared it on purpose", () => {
    let state = connectionReducer(initialConnectionState, { type: "baseUrlEdited", baseUrl: "h" });
    state = connectionReducer(state, { type: "baseUrlEdited", baseUrl: "" });
    state = connectionReducer(state, { type: "loaded", savedBaseUrl: "https://crm.example.com", storedKeyMask: null });
    expect(state.baseUrl).toBe("");
    expect(isKeyMissing(state)).toBe(true);
  });

  it("stays connecting from the test until the connection is stored, or storing it failed", () => {
    let state = connectionReducer(initialConnectionState, { type: "testStarted" });
    state = connectionReducer(state, { type: "testFinished", check: { ok: true, latencyMs: 5, message: "ok" } });
    state = connectionReducer(state, { type: "saveStarted" });
    expect(isConnecting(state)).toBe(true);
    expect(isConnecting(connectionReducer(state, { type: "storageFailed", message: "blocked" }))).toBe(false);
    const saved = connectionReducer(state, { type: "keySaved", baseUrl: "https://crm.example.com", mask: "****1234" });
    expect(isConnecting(saved)).toBe(false);
    expect(hasUsableKey(saved)).toBe(true);
  });

  it("is neither missing nor usable for a workbook that was never connected", () => {
    const state = connectionReducer(initialConnectionState, {
      type: "loaded",
      savedBaseUrl: null,
      storedKeyMask: null,
    });
    expect(isKeyMissing(state)).toBe(false);
    expect(hasUsableKey(state)).toBe(false);
  });

  it("clears the typed key once it is stored, keeping only the mask", () => {
    let state = connectionReducer(initialConnectionState, { type: "keyEdited", keyInput: "secret-1234" });
    state = connectionReducer(state, { type: "keySaved", baseUrl: "https://crm.example.com", mask: "****1234" });
    expect(state.keyInput).toBe("");
    expect(state.storedKeyMask).toBe("****1234");
    expect(hasUsableKey(state)).toBe(true);
    state = connectionReducer(state, { type: "keyForgotten" });
    expect(isKeyMissing(state)).toBe(true);
  });

  it("drops a stale check result when the URL or key is edited", () => {
    let state = connectionReducer(initialConnectionState, {
      type: "testFinished",
      check: { ok: true, latencyMs: 5, message: "ok" },
    });
    state = connectionReducer(state, { type: "baseUrlEdited", baseUrl: "https://other" });
    expect(state.check).toBeNull();
  });

  it("shows 'Key refused' when the stored key of the saved workspace is refused, not when a typed key is", () => {
    const refused = {
      type: "testFinished" as const,
      check: { ok: false as const, code: "AUTH_ERROR" as const, title: "The API key was refused", message: "no" },
    };
    let state = connectionReducer(initialConnectionState, {
      type: "loaded",
      savedBaseUrl: "https://crm.example.com",
      storedKeyMask: "****1234",
    });
    expect(connectionBadge(state).label).toBe("Connected");
    state = connectionReducer(state, { ...refused, storedKeyOf: null });
    expect(connectionBadge(state).label).toBe("Connected");
    state = connectionReducer(state, { ...refused, storedKeyOf: "https://other.example.com" });
    expect(connectionBadge(state).label).toBe("Connected");
    state = connectionReducer(state, { ...refused, storedKeyOf: "https://crm.example.com" });
    expect(connectionBadge(state)).toEqual({ label: "Key refused", color: "danger" });
    state = connectionReducer(state, { type: "keySaved", baseUrl: "https://crm.example.com", mask: "****9999" });
    expect(connectionBadge(state).label).toBe("Connected");
    state = connectionReducer(state, { type: "keyForgotten" });
    expect(connectionBadge(state).label).toBe("Key needed");
  });

  it("does not count an unreachable workspace as a refused key", () => {
    let state = connectionReducer(initialConnectionState, {
      type: "loaded",
      savedBaseUrl: "https://crm.example.com",
      storedKeyMask: "****1234",
    });
    state = connectionReducer(state, {
      type: "testFinished",
      storedKeyOf: "https://crm.example.com",
      check: { ok: false, code: "NETWORK_ERROR", title: "Twenty could not be reached", message: "offline" },
    });
    expect(connectionBadge(state).label).toBe("Connected");
  });
});
