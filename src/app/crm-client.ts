import type { CrmPort } from "../sync/ports";

export interface ConnectionCheck {
  ok: boolean;
  latencyMs: number;
  message: string;
  details?: unknown;
}

/** What the pane and the command need from the Twenty client: the CRM port plus a connection check. */
export interface CrmClient extends CrmPort {
  testConnection(): Promise<ConnectionCheck>;
}

export type CreateCrmClient = (config: { baseUrl: string; apiKey: string }) => CrmClient;
