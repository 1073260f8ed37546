/** The notification page shown by the ribbon command: renders its query string as text, never as HTML. */
import { parseNotificationQuery } from "../app/notification";

const content = parseNotificationQuery(window.location.search);
const main = document.getElementById("notification");
const title = document.getElementById("title");
const message = document.getElementById("message");
if (main && title && message) {
  main.dataset.kind = content.kind;
  title.textContent = content.title;
  message.textContent = content.message;
  document.title = `Twenty Sync: ${content.title}`;
}
