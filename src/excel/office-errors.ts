/** Turns errors thrown inside `Excel.run` into the engine's SyncError taxonomy, with a message a user can act on. */
import { SyncError } from "../sync/errors";

const OPERATION_CODES: Record<string, string> = {
  InvalidOperationInCellEditMode: "Excel is busy because a cell is being edited. Finish the edit (press Enter or Esc) and try again.",
  RequestPayloadSizeLimitExceeded: "The change was too large for one request to Excel.",
  ResponsePayloadSizeLimitExceeded: "The data read from Excel was too large for one request.",
  AccessDenied: "Excel refused the change (the sheet or workbook may be protected).",
  Conflict: "Someone else changed the workbook at the same time. Try again.",
  ApiNotFound: "This version of Excel does not support a feature the add-in needed.",
  InvalidOperation: "Excel refused the operation.",
  GeneralException: "Excel reported an internal error.",
};

export function errorCodeOf(error: unknown): string | null {
  if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") return (error as { code: string }).code;
  return null;
}

export function isPayloadLimit(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** `action` says what the adapter was doing, e.g. `reading sheet "People"`. */
export function toSyncError(error: unknown, action: string): SyncError {
  if (error instanceof SyncError) return error;
  const code = errorCodeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "ItemNotFound") return new SyncError("NOT_FOUND", `Excel could not find something while ${action}: ${detail}`, { cause: error });
  if (code === "InvalidArgument" || code === "InvalidReference") {
    return new SyncError("VALIDATION_ERROR", `Excel rejected a value while ${action}: ${detail}`, { cause: error });
  }
  const known = code ? OPERATION_CODES[code] : undefined;
  if (known) return new SyncError("OPERATION_FAILED", `${known} (while ${action}; ${code}: ${detail})`, { cause: error });
  return new SyncError(code ? "OPERATION_FAILED" : "UNKNOWN", `Excel failed while ${action}: ${code ? `${code}: ` : ""}${detail}`, { cause: error });
}
