import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { recordAuditEventAlone } from "../domain/audit/audit.js";
import { AppError, isAppError } from "../errors.js";
import { viewerOfRequest } from "./auth.js";
import { ERROR_STATUS } from "./error-status.js";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Fastify's own client errors (bad JSON, too large, wrong content type) become VALIDATION. */
function fromFastifyError(error: FastifyError): AppError | null {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(status === 404 ? "NOT_FOUND" : "VALIDATION", error.message, { fastifyCode: error.code });
  }
  return null;
}

/**
 * A refused or invalid write is audited here unless the domain already recorded it: every
 * mutating route leaves exactly one event, success or not.
 */
async function auditRefusal(ctx: AppContext, request: FastifyRequest, error: AppError, status: number) {
  if (!MUTATING.has(request.method) || error.audited) return;
  const viewer = viewerOfRequest(request);
  await recordAuditEventAlone(
    ctx.db,
    {
      actor: viewer.userId === null ? null : viewer,
      action: `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`,
      outcome: status === 400 || status === 409 ? "invalid" : "denied",
      details: { code: error.code, status },
    },
    ctx.clock.now(),
  );
}

export function installErrorHandler(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = isAppError(error) ? error : fromFastifyError(error);
    if (appError && ERROR_STATUS[appError.code] < 500) {
      const status = ERROR_STATUS[appError.code];
      try {
        await auditRefusal(ctx, request, appError, status);
      } catch (auditError) {
        request.log.error({ err: auditError }, "could not audit a refused request");
      }
      return reply.status(status).send({ error: appError.toJSON() });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "INTERNAL", message: "Internal error" } });
  });
}
