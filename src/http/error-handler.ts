import type { FastifyError, FastifyInstance } from "fastify";
import { AppError, isAppError } from "../errors.js";
import { ERROR_STATUS } from "./error-status.js";

/** Fastify's own client errors (bad JSON, too large, wrong content type) become VALIDATION. */
function fromFastifyError(error: FastifyError): AppError | null {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(status === 404 ? "NOT_FOUND" : "VALIDATION", error.message, { fastifyCode: error.code });
  }
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = isAppError(error) ? error : fromFastifyError(error);
    if (appError && ERROR_STATUS[appError.code] < 500) {
      return reply.status(ERROR_STATUS[appError.code]).send({ error: appError.toJSON() });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "INTERNAL", message: "Internal error" } });
  });
}
