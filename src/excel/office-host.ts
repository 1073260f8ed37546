/** Start-up helpers for the task pane and commands: is this running inside Excel, and is the Office theme dark. */

export interface HostInfo {
  /** False when office.js loaded outside an Office client (host and platform are then null). */
  inExcel: boolean;
  host: string | null;
  platform: string | null;
}

type OfficeLike = Pick<typeof Office, "onReady"> & { context?: { officeTheme?: { bodyBackgroundColor?: string } } };

export async function whenOfficeReady(office: OfficeLike = Office): Promise<HostInfo> {
  // @types/office-js types host as non-null, but outside Office it is null.
  const info = (await office.onReady()) as unknown as { host: string | null; platform: string | null };
  return { inExcel: info.host === "Excel", host: info.host ?? null, platform: info.platform ?? null };
}

/** True when the Office theme's background is dark (relative luminance below one half). */
export function isDarkOfficeTheme(office: OfficeLike = Office): boolean {
  const color = office.context?.officeTheme?.bodyBackgroundColor;
  const m = color ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
