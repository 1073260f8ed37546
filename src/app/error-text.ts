import { z } from "zod";
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from "../sync/errors";

/** What a sales or ops user should read, and do, for each class of failure. */
const ERROR_ADVICE: Record<ErrorCode, { title: string; advice: string }> = {
  AUTH_ERROR: {
    title: "The API key was refused",
    advice: "Check the key in Twenty (Settings → APIs & Webhooks) and enter it again.",
  },
  NETWORK_ERROR: {
    title: "Twenty could not be reached",
    advice:
      "Check the workspace URL and your network. If the URL is right, the server may not allow requests from this add-in (CORS).",
  },
  TIMEOUT: {
    title: "Twenty took too long to answer",
    advice: "Try again in a moment; large workspaces may need a few attempts.",
  },
  RATE_LIMIT: { title: "Twenty is rate limiting requests", advice: "Wait a minute and try again." },
  SERVER_ERROR: {
    title: "Twenty reported a server error",
    advice: "Try again later; if it persists, contact your Twenty administrator.",
  },
  VALIDATION_ERROR: { title: "The request was rejected", advice: "Check the workspace URL and the sync settings." },
  NOT_FOUND: { title: "Not found on this server", advice: "Check that the workspace URL points to a Twenty server." },
  OPERATION_FAILED: { title: "The operation did not complete", advice: "Try again." },
  UNKNOWN: { title: "Something unexpected happened", advice: "Try again; if it persists, report the message below." },
};

export function errorAdvice(code: ErrorCode): { title: string; advice: string } {
  return ERROR_ADVICE[code];
}

const errorLikeSchema = z.looseObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  isRetryable: z.boolean().optional(),
  status: z.number().optional(),
});

/** Any thrown value as plain error data: SyncErrors keep their code, anything else becomes UNKNOWN. */
export function toErrorInfo(error: unknown): ErrorInfo {
  const parsed = errorLikeSchema.safeParse(error);
  if (parsed.success) {
    const { code, message, status } = parsed.data;
    return { code, message, status, isRetryable: parsed.data.isRetryable ?? false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "UNKNOWN", message, isRetryable: false };
}

/** The error code a connection check reports in its details, when it reports one. */
export function codeFromDetails(details: unknown): ErrorCode | null {
  const parsed = z.looseObject({ code: z.enum(ERROR_CODES) }).safeParse(details);
  return parsed.success ? parsed.data.code : null;
}
