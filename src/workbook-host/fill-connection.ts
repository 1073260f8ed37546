/**
 * The banner's "Fill demo connection": types the demo URL and key into the task pane's connect form, the way a
 * person pasting them would (native value setter + input event, so React sees the change).
 */
import type { DemoConnection } from "./demo-connection";

function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value")?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function findInput(document: Document, testId: string): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
}

/** Returns what happened, for the banner to show. */
export function fillDemoConnection(paneFrame: HTMLIFrameElement, connection: DemoConnection): string {
  const document = paneFrame.contentDocument;
  const url = document && findInput(document, "base-url");
  const key = document && findInput(document, "api-key");
  if (!url || !key) return "Open the pane's Connect section first, then try again.";
  typeInto(url, connection.crmUrl);
  typeInto(key, connection.apiKey);
  return "filled in the task pane; click Connect.";
}
