import { createHostController } from "../../src/workbook-host/host-controller";
import { createOutsideOffice, DARK_THEME, LIGHT_THEME, type HostDialog } from "../../src/workbook-host/host-office";

type AnyOffice = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const workbookOffice = {
  context: {
    requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && version === "1.9" },
  },
};
const frame = (href = "http://127.0.0.1:3000/commands.html") => ({ location: new URL(href) }) as unknown as Window;

describe("the Office a page sees inside the workbook host", () => {
  it("is ready as Excel on PC and keeps the workbook's requirement sets", async () => {
    const office = createHostController(workbookOffice).officeFor(frame()) as AnyOffice;
    const seen: unknown[] = [];
    await expect(office.onReady((info: unknown) => seen.push(info))).resolves.toEqual({
      host: "Excel",
      platform: "PC",
    });
    expect(seen).toEqual([{ host: "Excel", platform: "PC" }]);
    expect(office.HostType.Excel).toBe("Excel");
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
  });

  it("reports the host's current theme", () => {
    const controller = createHostController(workbookOffice);
    const office = controller.officeFor(frame()) as AnyOffice;
    expect(office.context.officeTheme).toEqual(LIGHT_THEME);
    controller.setTheme("dark");
    expect(office.context.officeTheme).toEqual(DARK_THEME);
    expect(office.context.officeTheme.isDarkTheme).toBe(true);
  });

  it("runs an associated ribbon command and reports it completed", async () => {
    const controller = createHostController(workbookOffice);
    const office = controller.officeFor(frame()) as AnyOffice;
    const calls: string[] = [];
    office.actions.associate("syncNow", (event: { completed(): void; source: { id: string } }) => {
      calls.push(event.source.id);
      setTimeout(() => event.completed(), 5);
    });
    expect(controller.state().commands).toEqual(["syncNow"]);
    await expect(controller.runCommand("syncNow")).resolves.toEqual({ id: "syncNow", status: "completed" });
    expect(calls).toEqual(["syncNow"]);
    expect(controller.state().lastCommand?.status).toBe("completed");
  });

  it("reports a command that throws, and one that was never registered", async () => {
    const controller = createHostController(workbookOffice);
    (controller.officeFor(frame()) as AnyOffice).actions.associate("syncNow", async () => {
      throw new Error("no settings in this workbook");
    });
    await expect(controller.runCommand("syncNow")).resolves.toMatchObject({
      status: "failed",
      message: "no settings in this workbook",
    });
    await expect(controller.runCommand("other")).resolves.toMatchObject({
      status: "failed",
      message: expect.stringContaining("has not registered"),
    });
  });

  it("shows dialogs as host toasts and passes messageParent back to the opener", () => {
    const controller = createHostController(workbookOffice);
    const opener = controller.officeFor(frame()) as AnyOffice;
    let handle: AnyOffice | null = null;
    opener.context.ui.displayDialogAsync(
      "notification.html?text=Synced",
      { height: 20, width: 30 },
      (result: AnyOffice) => {
        expect(result.status).toBe("succeeded");
        handle = result.value;
      },
    );
    const [dialog] = controller.state().dialogs as HostDialog[];
    expect(dialog.url).toBe("http://127.0.0.1:3000/notification.html?text=Synced");
    expect(dialog.options).toEqual({ height: 20, width: 30 });

    const messages: unknown[] = [];
    handle!.addEventHandler("dialogMessageReceived", (arg: { message: string }) => messages.push(arg.message));
    const dialogFrame = frame(dialog.url);
    controller.attachDialogFrame(dialog, dialogFrame);
    (controller.officeFor(dialogFrame) as AnyOffice).context.ui.messageParent("done");
    expect(messages).toEqual(["done"]);

    handle!.close();
    expect(controller.state().dialogs).toEqual([]);
  });

  it("tells the opener when the user dismisses a dialog (12006, as Office does)", () => {
    const controller = createHostController(workbookOffice);
    const opener = controller.officeFor(frame()) as AnyOffice;
    const events: unknown[] = [];
    opener.context.ui.displayDialogAsync("notification.html", (result: AnyOffice) =>
      result.value.addEventHandler("dialogEventReceived", (arg: { error: number }) => events.push(arg.error)),
    );
    (controller.state().dialogs[0] as HostDialog).dismissedByUser();
    expect(events).toEqual([12006]);
    expect(controller.state().dialogs).toEqual([]);
  });
});

describe("a page opened outside the host", () => {
  it("hears Office.js's answer outside an Office client: no host, no platform", async () => {
    const office = createOutsideOffice() as AnyOffice;
    await expect(office.onReady()).resolves.toEqual({ host: null, platform: null });
  });
});
