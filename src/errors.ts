/** Stable error codes. The HTTP status for each lives in one table: src/http/error-status.ts. */
export type AppErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFIG"
  | "INTERNAL";

export type AppErrorDetails = Record<string, unknown>;

/** The one error type domain code throws; transports (HTTP, CLI) decide how to present it. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails | undefined;
  /** The refusal is already in the audit trail (so the transport must not record it again). */
  audited = false;

  constructor(code: AppErrorCode, message: string, details?: AppErrorDetails) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  markAudited(): this {
    this.audited = true;
    return this;
  }

  toJSON(): { code: AppErrorCode; message: string; details?: AppErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function notFound(what: string, code: string): AppError {
  return new AppError("NOT_FOUND", `Unknown ${what} '${code}'`, { [what]: code });
}
