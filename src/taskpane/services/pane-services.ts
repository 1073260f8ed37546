import { createContext, useContext } from "react";
import type { CreateCrmClient } from "../../app/crm-client";
import type { SyncEngine } from "../../app/engine";
import type { MachineIdentity } from "../../app/machine-identity";
import type { SecretStore } from "../../app/secret-store";
import type { SheetPort } from "../../sync/ports";

/** The workbook as the pane uses it: the engine's sheet port plus the navigation helpers of the Excel adapter. */
export interface WorkbookAccess {
  sheet: SheetPort;
  selectRow(sheetName: string, rowNumber: number): Promise<void>;
  /** Records when the user edits rows of these sheets (newest_wins compares edit times with Twenty's). */
  trackEdits(sheetNames: string[]): Promise<void>;
  /** Resolves once every edit seen so far is stored, so the next run reads it. */
  editsFlushed(): Promise<void>;
  /** Names of the worksheets the user can see (never the hidden state sheet), in workbook order. */
  listWorksheets(): Promise<string[]>;
}

/** Everything the pane talks to, injected so every component can be tested with in-memory fakes. */
export interface PaneServices {
  workbook: WorkbookAccess;
  secrets: SecretStore;
  machine: MachineIdentity;
  engine: SyncEngine;
  createClient: CreateCrmClient;
  maskApiKey(apiKey: string): string;
  now(): Date;
}

const PaneServicesContext = createContext<PaneServices | null>(null);

export const PaneServicesProvider = PaneServicesContext.Provider;

export function usePaneServices(): PaneServices {
  const services = useContext(PaneServicesContext);
  if (!services) throw new Error("usePaneServices needs a PaneServicesProvider above it");
  return services;
}
