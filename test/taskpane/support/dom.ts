/** What jsdom lacks and the pane's libraries need (every browser has both). */
import { configure } from "@testing-library/react";
import { deserialize, serialize } from "node:v8";

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.assign(window, { ResizeObserver: NoopResizeObserver });
}

// fake-indexeddb clones values with structuredClone, which jest's jsdom environment does not expose.
if (typeof globalThis.structuredClone !== "function") {
  Object.assign(globalThis, { structuredClone: <T>(value: T): T => deserialize(serialize(value)) as T });
}

// The default 1 s for findBy*/waitFor is too tight on a loaded two-core CI machine; a real failure still fails.
configure({ asyncUtilTimeout: 5000 });
