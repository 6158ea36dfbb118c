import { z } from "zod";
import type { AppContext } from "../../context.js";
import { demoAccounts } from "../../domain/demo/demo-accounts.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../../domain/identity/api-tokens.js";
import { ZCreateApiToken, ZLogin, ZTotpCode, ZUserView } from "../../domain/identity/identity.schema.js";
import { completeTotpEnrolment, login, logout, verifySecondFactor } from "../../domain/identity/login.js";
import { endSessionById, listSessions } from "../../domain/identity/sessions.js";
import { startTotpEnrolment } from "../../domain/identity/totp.js";
import { viewerOf } from "../../domain/identity/users.js";
import { AppError } from "../../errors.js";
import { authOf, clearSessionCookie, requireLogin, setSessionCookie } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["auth"];
const ZStage = z.enum(["authenticated", "totp-required", "totp-enrolment-required"]);
const ZLoginResponse = z.object({ stage: ZStage, user: ZUserView });
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });
const pending = { allowPendingMfa: true } as const;

export function registerAuthRoutes(app: ZodApp, ctx: AppContext): void {
  const context = (userAgent: string | undefined) => ({
    now: ctx.clock.now(),
    config: ctx.config,
    userAgent: userAgent ?? null,
  });

  app.get(
    "/api/auth/config",
    {
      schema: {
        tags,
        summary: "Login page settings; in demo mode, the demo accounts",
        response: {
          200: z.object({
            demo: z.boolean(),
            demoAccounts: z.array(
              z.object({
                username: z.string(),
                password: z.string(),
                role: z.string(),
                nation: z.string().nullable(),
                totpSecret: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ demo: ctx.config.demo, demoAccounts: ctx.config.demo ? demoAccounts() : [] }),
  );

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags,
        summary: "Password login; answers the next step (second factor or enrolment)",
        body: ZLogin,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const result = await login(ctx.db, request.body, context(request.headers["user-agent"]));
      setSessionCookie(request, reply, result.token, ctx.config.session.maxHours);
      return { stage: result.stage, user: result.user };
    },
  );

  app.post(
    "/api/auth/totp",
    {
      config: pending,
      schema: {
        tags,
        summary: "Second factor: a TOTP code or a recovery code",
        body: ZTotpCode,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (auth.kind !== "session") throw new AppError("UNAUTHENTICATED", "Log in first");
      const result = await verifySecondFactor(ctx.db, auth.token, request.body, context(request.headers["user-agent"]));
      setSessionCookie(request, reply, result.token, ctx.config.session.maxHours);
      return { stage: result.stage, user: result.user };
    },
  );

  app.post(
    "/api/auth/totp/enrol",
    {
      config: pending,
      schema: {
        tags,
        summary: "Start TOTP enrolment: a new secret and its QR code",
        response: { 200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.kind !== "session") throw new AppError("UNAUTHENTICATED", "Log in first");
      if (auth.user.totpEnabled && !auth.mfaVerified)
        throw new AppError("INVALID_STATE", "Give your current code first");
      return startTotpEnrolment(ctx.db, viewerOf(auth.user), ctx.clock.now());
    },
  );

  app.post(
    "/api/auth/totp/confirm",
    {
      config: pending,
      schema: {
        tags,
        summary: "Confirm enrolment with a first code; returns recovery codes once",
        body: ZTotpCode,
        response: { 200: z.object({ recoveryCodes: z.array(z.string()), user: ZUserView }) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (auth.kind !== "session") throw new AppError("UNAUTHENTICATED", "Log in first");
      const result = await completeTotpEnrolment(
        ctx.db,
        auth.token,
        request.body,
        context(request.headers["user-agent"]),
      );
      setSessionCookie(request, reply, result.token, ctx.config.session.maxHours);
      return { recoveryCodes: result.recoveryCodes, user: result.user };
    },
  );

  app.post(
    "/api/auth/logout",
    { config: pending, schema: { tags, summary: "End this session on the server", response: { 204: z.null() } } },
    async (request, reply) => {
      const auth = authOf(request);
      await logout(ctx.db, auth.kind === "session" ? auth.token : null, ctx.clock.now(), ctx.config);
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: pending,
      schema: {
        tags,
        summary: "Who is logged in, and whether a second factor is owed",
        response: { 200: z.object({ user: ZUserView.nullable(), stage: ZStage.nullable() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.kind === "anonymous") return { user: null, stage: null };
      if (auth.kind === "api-token" || auth.mfaVerified) return { user: auth.user, stage: "authenticated" as const };
      return {
        user: auth.user,
        stage: auth.user.totpEnabled ? ("totp-required" as const) : ("totp-enrolment-required" as const),
      };
    },
  );

  const ZSession = z.object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  });
  app.get(
    "/api/auth/sessions",
    { schema: { tags, summary: "Your sessions", response: { 200: z.object({ sessions: z.array(ZSession) }) } } },
    async (request) => {
      const auth = authOf(request);
      const current = auth.kind === "session" ? auth.token : null;
      return { sessions: await listSessions(ctx.db, requireLogin(request).userId ?? "", current) };
    },
  );
  app.delete(
    "/api/auth/sessions/:id",
    { schema: { tags, summary: "End one of your sessions", params: ZIdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await endSessionById(ctx.db, requireLogin(request), request.params.id, ctx.clock.now());
      return reply.status(204).send(null);
    },
  );

  const ZToken = z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });
  app.get(
    "/api/auth/tokens",
    { schema: { tags, summary: "Your API tokens", response: { 200: z.object({ tokens: z.array(ZToken) }) } } },
    async (request) => ({
      tokens: await listApiTokens(ctx.db, requireLogin(request).userId ?? ""),
    }),
  );
  app.post(
    "/api/auth/tokens",
    {
      schema: {
        tags,
        summary: "Create an API token; the secret is shown once",
        body: ZCreateApiToken,
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(ctx.db, requireLogin(request), request.body, ctx.clock.now())),
  );
  app.delete(
    "/api/auth/tokens/:id",
    { schema: { tags, summary: "Revoke an API token", params: ZIdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeApiToken(ctx.db, requireLogin(request), request.params.id, ctx.clock.now());
      return reply.status(204).send(null);
    },
  );
}
