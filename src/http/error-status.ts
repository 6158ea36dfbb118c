import type { AppErrorCode } from "../errors.js";

/** The one mapping from domain error codes to HTTP statuses. */
export const ERROR_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  CONFIG: 500,
  INTERNAL: 500,
};
