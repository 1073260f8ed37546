/**
 * Excel has no notification API for add-ins (NotificationMessages is Outlook only), so the ribbon command
 * shows its result in a small dialog that closes itself after a few seconds or when the user closes it.
 */
import { notificationQuery, type NotificationContent } from "../app/notification";

const SHOWN_MS = 7_000;

export function showNotificationDialog(content: NotificationContent, pageUrl: string): Promise<void> {
  return new Promise((resolve) => {
    const url = `${pageUrl}?${notificationQuery(content)}`;
    Office.context.ui.displayDialogAsync(url, { height: 22, width: 30, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = result.value;
      const timer = setTimeout(() => {
        dialog.close();
        resolve();
      }, SHOWN_MS);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  });
}
