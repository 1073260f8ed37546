import { createStore, del, get, set, type UseStore } from "idb-keyval";
import { z } from "zod";

/**
 * Where the API key lives: the browser's IndexedDB (origin-partitioned), keyed by workspace URL.
 * Never the workbook: settings, hidden sheets and notes all travel with the file.
 */
export interface SecretStore {
  getApiKey(baseUrl: string): Promise<string | null>;
  saveApiKey(baseUrl: string, apiKey: string): Promise<void>;
  forgetApiKey(baseUrl: string): Promise<void>;
}

export const SECRET_DB_NAME = "twenty-sync";
export const SECRET_STORE_NAME = "secrets";

const storedKeySchema = z.string().min(1);

/** The same workspace typed with or without a trailing slash or `/rest` must find the same key. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/rest$/i, "");
}

export function createSecretStore(store: UseStore = createStore(SECRET_DB_NAME, SECRET_STORE_NAME)): SecretStore {
  const keyFor = (baseUrl: string) => `apiKey:${normalizeBaseUrl(baseUrl)}`;
  return {
    async getApiKey(baseUrl) {
      const parsed = storedKeySchema.safeParse(await get(keyFor(baseUrl), store));
      return parsed.success ? parsed.data : null;
    },
    async saveApiKey(baseUrl, apiKey) {
      await set(keyFor(baseUrl), storedKeySchema.parse(apiKey.trim()), store);
    },
    async forgetApiKey(baseUrl) {
      await del(keyFor(baseUrl), store);
    },
  };
}
