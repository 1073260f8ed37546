import {
  connectionReducer,
  hasUsableKey,
  initialConnectionState,
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
});
