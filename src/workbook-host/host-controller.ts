/**
 * The host's own state around the workbook — what Excel's window provides: the theme, dialogs shown as toasts,
 * and the ribbon's function commands registered by the add-in. Plain data with a change subscription for the UI.
 */
import {
  createFrameOffice,
  DARK_THEME,
  LIGHT_THEME,
  type CommandHandler,
  type HostDialog,
  type HostServices,
  type OfficeTheme,
} from "./host-office";

export interface CommandOutcome {
  id: string;
  status: "running" | "completed" | "failed";
  message?: string;
}

export interface HostState {
  theme: "light" | "dark";
  dialogs: HostDialog[];
  commands: string[];
  lastCommand: CommandOutcome | null;
}

export interface HostController {
  state(): HostState;
  subscribe(listener: () => void): () => void;
  setTheme(theme: HostState["theme"]): void;
  /** Runs a ribbon function command the way Excel does: with an event the handler must complete. */
  runCommand(id: string): Promise<CommandOutcome>;
  /** Marks a frame as showing a dialog, so its messageParent reaches the opener. */
  attachDialogFrame(dialog: HostDialog, frame: Window): void;
  officeFor(frame: Window): object;
}

/** How long a function command may run before the host reports it as never completed. */
const COMMAND_TIMEOUT_MS = 10 * 60_000;

export function createHostController(
  workbookOffice: object,
  initialTheme: HostState["theme"] = "light",
): HostController {
  let state: HostState = { theme: initialTheme, dialogs: [], commands: [], lastCommand: null };
  const listeners = new Set<() => void>();
  const handlers = new Map<string, CommandHandler>();
  const dialogFrames = new WeakMap<Window, HostDialog>();
  const update = (patch: Partial<HostState>) => {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  };

  const services: HostServices = {
    workbookOffice,
    theme: (): OfficeTheme => (state.theme === "dark" ? DARK_THEME : LIGHT_THEME),
    openDialog: (dialog) => update({ dialogs: [...state.dialogs, dialog] }),
    closeDialog: (dialog) => update({ dialogs: state.dialogs.filter((open) => open !== dialog) }),
    registerCommand: (id, handler) => {
      handlers.set(id, handler);
      if (!state.commands.includes(id)) update({ commands: [...state.commands, id] });
    },
    dialogOf: (frame) => dialogFrames.get(frame) ?? null,
  };

  return {
    state: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTheme: (theme) => update({ theme }),
    runCommand: async (id) => {
      const handler = handlers.get(id);
      if (!handler) {
        const outcome: CommandOutcome = { id, status: "failed", message: `The add-in has not registered "${id}" yet.` };
        update({ lastCommand: outcome });
        return outcome;
      }
      update({ lastCommand: { id, status: "running" } });
      const outcome = await new Promise<CommandOutcome>((resolve) => {
        const timer = setTimeout(
          () => resolve({ id, status: "failed", message: `"${id}" never called event.completed().` }),
          COMMAND_TIMEOUT_MS,
        );
        const event = {
          source: { id },
          completed: () => {
            clearTimeout(timer);
            resolve({ id, status: "completed" });
          },
        };
        try {
          Promise.resolve(handler(event)).catch((error: unknown) => {
            clearTimeout(timer);
            resolve({ id, status: "failed", message: error instanceof Error ? error.message : String(error) });
          });
        } catch (error) {
          clearTimeout(timer);
          resolve({ id, status: "failed", message: error instanceof Error ? error.message : String(error) });
        }
      });
      update({ lastCommand: outcome });
      return outcome;
    },
    attachDialogFrame: (dialog, frame) => dialogFrames.set(frame, dialog),
    officeFor: (frame) => createFrameOffice(services, frame),
  };
}
