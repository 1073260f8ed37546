/**
 * Keeps the Excel adapter's edit tracking on the synced sheets. Sheets created by a pull did not exist when
 * tracking started, so tracking is restarted whenever a wanted sheet is not yet covered.
 */
export interface TrackingHandle {
  sheets: string[];
  stop(): Promise<void>;
  flushed(): Promise<void>;
}

export interface EditTrackingSource {
  startEditTracking(sheetNames: string[]): Promise<TrackingHandle>;
}

export interface EditTracker {
  track(sheetNames: string[]): Promise<void>;
  flushed(): Promise<void>;
}

export function createEditTracker(source: EditTrackingSource): EditTracker {
  let current: Promise<TrackingHandle | null> = Promise.resolve(null);

  const covers = (handle: TrackingHandle | null, wanted: string[]) => {
    const tracked = new Set((handle?.sheets ?? []).map((s) => s.toLowerCase()));
    return wanted.length === tracked.size && wanted.every((s) => tracked.has(s.toLowerCase()));
  };

  return {
    track(sheetNames) {
      current = current.then(async (handle) => {
        if (covers(handle, sheetNames)) return handle;
        await handle?.stop();
        return sheetNames.length > 0 ? source.startEditTracking(sheetNames) : null;
      });
      return current.then(() => undefined);
    },
    async flushed() {
      const handle = await current.catch(() => null);
      await handle?.flushed();
    },
  };
}
