import type { FastifyInstance } from "fastify";

// Headers on every response; HSTS only when served over HTTPS. CSRF is checked in auth.ts.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    // Every response, Swagger UI included (it loads only external scripts).
    reply.header("Content-Security-Policy", CSP);
    if (request.url.startsWith("/api/")) reply.header("Cache-Control", "no-store");
    if (request.protocol === "https") reply.header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return payload;
  });
}
