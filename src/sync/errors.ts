/**
 * The error taxonomy shared by every port. Adapters translate their own failures (HTTP statuses,
 * Office errors, file errors) into these codes; the engine, UI and CLI only ever see these.
 */
export const ERROR_CODES = [
  "TIMEOUT",
  "RATE_LIMIT",
  "SERVER_ERROR",
  "AUTH_ERROR",
  "NETWORK_ERROR",
  "VALIDATION_ERROR",
  "NOT_FOUND",
  "OPERATION_FAILED",
  "UNKNOWN",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(["TIMEOUT", "RATE_LIMIT", "SERVER_ERROR", "NETWORK_ERROR"]);

export function isRetryableCode(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

/** Plain-data description of a failure, safe to store, log and show (never contains secrets). */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  isRetryable: boolean;
  status?: number;
}

export class SyncError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly status?: number;

  constructor(code: ErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "SyncError";
    this.code = code;
    this.isRetryable = isRetryableCode(code);
    this.status = options.status;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, isRetryable: this.isRetryable, status: this.status };
  }
}

/** A problem with one cell of one sheet row: the unit of "clear error naming row, column and reason". */
export interface CellProblem {
  /** 1-based worksheet row number as the user sees it in Excel. */
  row: number;
  /** Column header, e.g. `emails.primaryEmail`; omitted when the whole row is at fault. */
  column?: string;
  reason: string;
}

export function describeCellProblem(p: CellProblem): string {
  return p.column ? `Row ${p.row}, column "${p.column}": ${p.reason}` : `Row ${p.row}: ${p.reason}`;
}
