/** Dialogs opened with Office.context.ui.displayDialogAsync, shown as toasts at the corner of the host. */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { HostController } from "../host-controller";
import type { HostDialog } from "../host-office";

const DEFAULT_HEIGHT_PX = 140;

export function DialogToasts({
  dialogs,
  controller,
}: {
  dialogs: HostDialog[];
  controller: HostController;
}): React.JSX.Element {
  return (
    <div className="toasts" aria-live="polite">
      {dialogs.map((dialog) => (
        <div
          key={dialog.url + dialogs.indexOf(dialog)}
          className="toast"
          role="dialog"
          aria-label="Add-in message"
          data-testid="dialog-toast"
        >
          <div className="toast-header">
            <Text weight="semibold" size={200}>
              Twenty Sync
            </Text>
            <Button
              appearance="subtle"
              size="small"
              icon={<DismissRegular />}
              aria-label="Dismiss"
              onClick={() => dialog.dismissedByUser()}
            />
          </div>
          <iframe
            className="toast-frame"
            src={dialog.url}
            title="Add-in message"
            style={{
              height: Math.min(
                320,
                Math.max(80, dialog.options.height ? dialog.options.height * 3 : DEFAULT_HEIGHT_PX),
              ),
            }}
            ref={(frame) => {
              if (frame?.contentWindow) controller.attachDialogFrame(dialog, frame.contentWindow);
            }}
          />
        </div>
      ))}
    </div>
  );
}
