/** An HTTP answer in Twenty's error envelope `{statusCode, error, messages[]}` (twenty-api.md §7). */
export class StubHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly extraBody: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "StubHttpError";
  }

  body(): Record<string, unknown> {
    return { statusCode: this.status, error: this.error, messages: [this.message], ...this.extraBody };
  }
}

export function badRequest(message: string, extraBody: Record<string, unknown> = {}): StubHttpError {
  return new StubHttpError(400, "BadRequestException", message, extraBody);
}

export function recordNotFound(): StubHttpError {
  return new StubHttpError(404, "NotFoundException", "Record not found");
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function assertUuid(value: string): void {
  if (!isUuid(value)) throw badRequest(`'${value}' is not a valid UUID`);
}
