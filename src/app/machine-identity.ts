import { createStore, get, set, type UseStore } from "idb-keyval";
import { z } from "zod";

/**
 * A random, stable name for this browser profile's clock (see SyncHooks.clockId): delta reads only trust a clock
 * anchor saved by a sync that ran on the same clock. Kept in IndexedDB, never in the workbook, so a workbook opened
 * on another computer starts its own anchor instead of borrowing this one.
 */
export interface MachineIdentity {
  /** Undefined when this browser cannot keep one (storage blocked): syncs then simply do without the anchor. */
  clockId(): Promise<string | undefined>;
}

export const MACHINE_DB_NAME = "twenty-sync-machine";
export const MACHINE_STORE_NAME = "machine";
const CLOCK_ID_KEY = "clockId";

const storedClockIdSchema = z.string().regex(/^browser@[0-9a-f-]{36}$/);

export function createMachineIdentity(
  store: UseStore = createStore(MACHINE_DB_NAME, MACHINE_STORE_NAME),
  newId: () => string = () => globalThis.crypto.randomUUID(),
): MachineIdentity {
  let known: Promise<string | undefined> | null = null;
  const readOrCreate = async () => {
    try {
      const stored = storedClockIdSchema.safeParse(await get(CLOCK_ID_KEY, store));
      if (stored.success) return stored.data;
      const created = `browser@${newId()}`;
      await set(CLOCK_ID_KEY, created, store);
      return created;
    } catch {
      return undefined;
    }
  };
  return {
    clockId: () => (known ??= readOrCreate()),
  };
}
