import "fake-indexeddb/auto";
import { createStore, get, set, type UseStore } from "idb-keyval";
import { createMachineIdentity } from "../../src/app/machine-identity";

describe("this browser's clock name, kept in IndexedDB", () => {
  it("is created once and found again by later panes of the same browser", async () => {
    const store = createStore("machine-identity-test-1", "machine");
    const first = await createMachineIdentity(store).clockId();
    expect(first).toMatch(/^browser@[0-9a-f-]{36}$/);
    expect(await createMachineIdentity(store).clockId()).toBe(first);
    expect(await get("clockId", store)).toBe(first);
  });

  it("differs between browser profiles", async () => {
    const a = await createMachineIdentity(createStore("machine-identity-test-2a", "machine")).clockId();
    const b = await createMachineIdentity(createStore("machine-identity-test-2b", "machine")).clockId();
    expect(a).not.toBe(b);
  });

  it("replaces a tampered entry with a fresh name", async () => {
    const store = createStore("machine-identity-test-3", "machine");
    await set("clockId", { evil: true }, store);
    const id = await createMachineIdentity(store, () => "00000000-0000-4000-8000-000000000001").clockId();
    expect(id).toBe("browser@00000000-0000-4000-8000-000000000001");
    expect(await get("clockId", store)).toBe(id);
  });

  it("is undefined when storage is blocked, so a sync goes on without the clock anchor", async () => {
    const blocked: UseStore = () => Promise.reject(new DOMException("blocked", "SecurityError"));
    expect(await createMachineIdentity(blocked).clockId()).toBeUndefined();
  });
});
