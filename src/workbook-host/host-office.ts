/**
 * The `Office` object each page inside the workbook host sees (task pane, ribbon commands, dialogs), built on the
 * in-browser workbook's Office. It adds what Excel itself provides around the workbook: onReady, the theme,
 * dialogs (shown as toasts by the host) and ribbon function commands.
 */

export interface OfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme: boolean;
}

export const LIGHT_THEME: OfficeTheme = {
  bodyBackgroundColor: "#FFFFFF",
  bodyForegroundColor: "#242424",
  controlBackgroundColor: "#FFFFFF",
  controlForegroundColor: "#242424",
  isDarkTheme: false,
};

export const DARK_THEME: OfficeTheme = {
  bodyBackgroundColor: "#292929",
  bodyForegroundColor: "#FFFFFF",
  controlBackgroundColor: "#1F1F1F",
  controlForegroundColor: "#FFFFFF",
  isDarkTheme: true,
};

/** A dialog opened by a page; the host shows it as a toast. */
export interface HostDialog {
  /** Absolute URL of the dialog's page. */
  url: string;
  options: DialogOptions;
  /** Delivers Office.context.ui.messageParent calls from the dialog's page to the opener's handlers. */
  deliverMessage(message: string): void;
  /** The opener closed it (dialog.close()). */
  close(): void;
  /** The user dismissed it in the host; the opener hears DialogEventReceived 12006 as in Office. */
  dismissedByUser(): void;
}

export interface DialogOptions {
  height?: number;
  width?: number;
  displayInIframe?: boolean;
}

/** Ribbon function commands get an event that must be completed, as in Excel. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
  source: { id: string };
}

export type CommandHandler = (event: CommandEvent) => unknown;

export interface HostServices {
  /** The in-browser workbook's Office (requirement sets and whatever else it models). */
  workbookOffice: object;
  theme(): OfficeTheme;
  openDialog(dialog: HostDialog): void;
  closeDialog(dialog: HostDialog): void;
  registerCommand(id: string, handler: CommandHandler): void;
  /** The dialog a page was opened as, when it was; lets its messageParent reach the opener. */
  dialogOf(frame: Window): HostDialog | null;
}

interface AsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error?: { code: number; message: string; name: string };
  asyncContext?: unknown;
}

type DialogHandler = (arg: { message?: string; error?: number; origin?: string }) => void;

const DIALOG_CLOSED_BY_USER = 12006;

function enumOf<T extends string>(...names: T[]): Record<T, T> {
  return Object.fromEntries(names.map((name) => [name, name])) as Record<T, T>;
}

/** Builds the Office object for one page (frame) of the host. */
export function createFrameOffice(services: HostServices, frame: Window): Record<string, unknown> {
  const base = services.workbookOffice as Record<string, unknown>;
  const baseContext = (base.context ?? {}) as Record<string, unknown>;
  const ready = { host: "Excel", platform: "PC" } as const;

  function displayDialogAsync(url: string, ...rest: unknown[]): void {
    const callback = rest.find((arg) => typeof arg === "function") as
      ((result: AsyncResult<unknown>) => void) | undefined;
    const options = (rest.find((arg) => typeof arg === "object" && arg !== null) ?? {}) as DialogOptions;
    const handlers = new Map<string, DialogHandler[]>();
    const emit = (type: string, arg: Parameters<DialogHandler>[0]) =>
      (handlers.get(type) ?? []).forEach((handler) => handler(arg));
    let open = true;
    const dialog: HostDialog = {
      url: new URL(url, frame.location.href).toString(),
      options,
      deliverMessage: (message) => emit("dialogMessageReceived", { message, origin: frame.location.origin }),
      close: () => {
        if (!open) return;
        open = false;
        services.closeDialog(dialog);
      },
      dismissedByUser: () => {
        if (!open) return;
        open = false;
        services.closeDialog(dialog);
        emit("dialogEventReceived", { error: DIALOG_CLOSED_BY_USER });
      },
    };
    const handle = {
      close: () => dialog.close(),
      addEventHandler: (type: string, handler: DialogHandler) =>
        handlers.set(type, [...(handlers.get(type) ?? []), handler]),
      messageChild: () => undefined,
    };
    services.openDialog(dialog);
    callback?.({ status: "succeeded", value: handle });
  }

  function messageParent(message: string): void {
    services.dialogOf(frame)?.deliverMessage(message);
  }

  const office: Record<string, unknown> = {
    ...base,
    HostType: {
      ...enumOf("Excel", "Word", "PowerPoint", "Outlook", "OneNote", "Project", "Access"),
      ...(base.HostType as object),
    },
    PlatformType: {
      ...enumOf("PC", "OfficeOnline", "Mac", "iOS", "Android", "Universal"),
      ...(base.PlatformType as object),
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: {
      ...(base.EventType as object),
      DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived",
    },
    onReady: (callback?: (info: typeof ready) => void) => {
      callback?.(ready);
      return Promise.resolve(ready);
    },
    context: {
      ...baseContext,
      host: "Excel",
      platform: "PC",
      displayLanguage: "en-US",
      contentLanguage: "en-US",
      get officeTheme() {
        return services.theme();
      },
      ui: { displayDialogAsync, messageParent, closeContainer: () => undefined },
    },
    actions: { associate: (id: string, handler: CommandHandler) => services.registerCommand(id, handler) },
  };
  return office;
}

/** What a page opened outside the host sees: Office.js's "not in an Office client" answer. */
export function createOutsideOffice(): Record<string, unknown> {
  const ready = { host: null, platform: null };
  return {
    HostType: enumOf("Excel", "Word", "PowerPoint", "Outlook", "OneNote", "Project", "Access"),
    onReady: (callback?: (info: typeof ready) => void) => {
      callback?.(ready);
      return Promise.resolve(ready);
    },
    context: { requirements: { isSetSupported: () => false } },
    actions: { associate: () => undefined },
  };
}
