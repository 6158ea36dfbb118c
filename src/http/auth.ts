import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { resolveApiToken } from "../domain/identity/api-tokens.js";
import type { TUserView } from "../domain/identity/identity.schema.js";
import { resolveSession } from "../domain/identity/sessions.js";
import { viewerOf } from "../domain/identity/users.js";
import { ANONYMOUS, type Viewer } from "../domain/labels/viewer.js";
import { AppError } from "../errors.js";

export type AuthState =
  | { kind: "anonymous" }
  | { kind: "session"; token: string; user: TUserView; mfaVerified: boolean }
  | { kind: "api-token"; user: TUserView };

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route works for a session that still owes its second factor (login, enrolment). */
    allowPendingMfa?: boolean;
  }
}

const SECURE_COOKIE = "__Host-entente_session";
const PLAIN_COOKIE = "entente_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The session cookie: `__Host-` and Secure over HTTPS; over plain HTTP (local use) the unprefixed name. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxHours: number) {
  const secure = request.protocol === "https";
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    path: "/",
    httpOnly: true,
    secure,
    sameSite: "strict",
    maxAge: maxHours * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  const secure = request.protocol === "https";
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: "/", httpOnly: true, secure, sameSite: "strict" });
}

/**
 * CSRF defence for cookie-authenticated writes: Fetch Metadata first (`Sec-Fetch-Site` must be
 * same-origin or none), then the Origin header against the Host as a fallback. Bearer-token
 * requests carry no ambient credential and need neither.
 */
function checkCsrf(request: FastifyRequest): void {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") {
    if (site === "same-origin" || site === "none") return;
    throw new AppError("FORBIDDEN", "Cross-site request refused");
  }
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (typeof origin === "string" && typeof host === "string" && origin === `${request.protocol}://${host}`) return;
  throw new AppError("FORBIDDEN", "Cross-site request refused: missing or foreign Origin");
}

/** Resolves who is calling on every request: session cookie, API token, or nobody. */
export async function installAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(fastifyCookie);
  app.addHook("onRequest", async (request) => {
    const now = ctx.clock.now();
    const header = request.headers.authorization;
    if (typeof header === "string" && header.startsWith("Bearer ")) {
      const user = await resolveApiToken(ctx.db, header.slice(7).trim(), now);
      if (!user) throw new AppError("UNAUTHENTICATED", "Invalid or revoked API token");
      requests.set(request, { auth: { kind: "api-token", user }, viewer: viewerOf(user) });
      return;
    }
    // Over HTTPS only the __Host- cookie counts: an unprefixed one may have been planted.
    const token = request.protocol === "https" ? request.cookies[SECURE_COOKIE] : request.cookies[PLAIN_COOKIE];
    if (!token) return;
    if (UNSAFE.has(request.method)) checkCsrf(request);
    const session = await resolveSession(ctx.db, token, now, ctx.config.session);
    if (!session) return;
    // A session that still owes its second factor grants nothing but the routes that settle it.
    const granted = session.mfaVerified || request.routeOptions.config.allowPendingMfa === true;
    requests.set(request, {
      auth: { kind: "session", token, user: session.user, mfaVerified: session.mfaVerified },
      viewer: granted ? viewerOf(session.user) : ANONYMOUS,
    });
  });
}

// Per-request authentication, kept beside the request rather than decorated onto it.
const requests = new WeakMap<FastifyRequest, { auth: AuthState; viewer: Viewer }>();

export function authOf(request: FastifyRequest): AuthState {
  return requests.get(request)?.auth ?? { kind: "anonymous" };
}

export function viewerOfRequest(request: FastifyRequest): Viewer {
  return requests.get(request)?.viewer ?? ANONYMOUS;
}

/** The logged-in viewer, or UNAUTHENTICATED. */
export function requireLogin(request: FastifyRequest): Viewer {
  const viewer = viewerOfRequest(request);
  if (viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
  return viewer;
}
