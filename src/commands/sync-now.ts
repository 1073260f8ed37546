import { notificationFor, type NotificationContent } from "../app/notification";
import type { SavedSyncOutcome } from "../app/sync-session";

export interface CommandEvent {
  completed(): void;
}

export interface SyncNowDeps {
  run(): Promise<SavedSyncOutcome>;
  notify(content: NotificationContent): Promise<void>;
}

/** The ribbon's Sync now: run with the saved settings, tell the user, and always complete the event. */
export function createSyncNowHandler(deps: SyncNowDeps): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      const outcome = await deps.run();
      await deps.notify(notificationFor(outcome));
    } catch {
      // run() reports failures as values; reaching here means the notifier itself broke, and there is no one left to tell.
    } finally {
      event.completed();
    }
  };
}
