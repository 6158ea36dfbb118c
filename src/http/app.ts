import { existsSync } from "node:fs";
import path from "node:path";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { listSources } from "../domain/sources/sources.js";
import { ZSource } from "../domain/sources/sources.schema.js";
import { AppError } from "../errors.js";
import { installAuth } from "./auth.js";
import { installErrorHandler } from "./error-handler.js";
import { registerAccessRequestRoutes } from "./routes/access-requests.js";
import { registerActivityRoutes } from "./routes/activities.js";
import { registerActivityTransferRoutes } from "./routes/activity-transfer.js";
import { registerAdminRoutes } from "./routes/admin.js";
import { registerAuditRoutes } from "./routes/audit.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerCalendarRoutes } from "./routes/calendar.js";
import { registerDecisionRoutes } from "./routes/decisions.js";
import { registerDocumentRoutes } from "./routes/documents.js";
import { registerFeedbackRoutes } from "./routes/feedback.js";
import { registerForceGenerationRoutes } from "./routes/force-generation.js";
import { registerFrameworkRoutes } from "./routes/frameworks.js";
import { registerLabelRoutes } from "./routes/labels.js";
import { registerMeetingRoutes } from "./routes/meetings.js";
import { registerNationRoutes } from "./routes/nations.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { registerOperationRoutes } from "./routes/operations.js";
import { registerPolicyRoutes } from "./routes/policy.js";
import { registerProgrammeRoutes } from "./routes/programmes.js";
import { registerReportRoutes } from "./routes/reports.js";
import { installSecurityHeaders } from "./security-headers.js";
import { validatorCompiler } from "./zod-compilers.js";

export type BuildAppOptions = { logger?: boolean; serveWeb?: boolean };

/** The HTTP application; holds no state of its own beyond what is in the database. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, ctx);
  installSecurityHeaders(app);
  await installAuth(app, ctx);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Entente API",
        version: "0.1.0",
        description:
          "The alliance's partnership registry and policy engine. Dates are ISO 8601 (YYYY-MM-DD). " +
          "Errors are { error: { code, message, details } }; 400 names the field, 404 names the code.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get(
    "/api/health",
    { schema: { tags: ["system"], response: { 200: z.object({ status: z.literal("ok"), engine: z.string() }) } } },
    async () => {
      await ctx.db.selectFrom("framework").select("code").limit(1).execute();
      return { status: "ok" as const, engine: ctx.config.database.engine };
    },
  );
  app.get(
    "/api/sources",
    {
      schema: {
        tags: ["system"],
        summary: "Sources cited by the reference data",
        response: { 200: z.object({ sources: z.array(ZSource) }) },
      },
    },
    async () => ({ sources: await listSources(ctx.db) }),
  );

  registerNationRoutes(app, ctx);
  registerFrameworkRoutes(app, ctx);
  registerPolicyRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerLabelRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerActivityTransferRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerFeedbackRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerProgrammeRoutes(app, ctx);
  registerDecisionRoutes(app, ctx);
  registerAccessRequestRoutes(app, ctx);
  registerOperationRoutes(app, ctx);
  registerForceGenerationRoutes(app, ctx);
  registerMeetingRoutes(app, ctx);
  registerReportRoutes(app, ctx);

  const webDir = ctx.config.webDir;
  const serveWeb = (options.serveWeb ?? true) && existsSync(path.join(webDir, "index.html"));
  if (serveWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    const urlPath = request.url.split("?")[0] ?? "";
    // Page routes fall back to the app; a missing file (e.g. a stale /assets/ name) is a real 404.
    const isPage = request.method === "GET" && !urlPath.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(urlPath);
    if (isPage && serveWeb) return reply.type("text/html").sendFile("index.html");
    const error = new AppError("NOT_FOUND", `No route ${request.method} ${urlPath}`);
    return reply.status(404).send({ error: error.toJSON() });
  });
  return app;
}
