/** What jsdom lacks and the pane's libraries need (every browser has both). */
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
