import { z } from "zod";
import type { AppContext } from "../../context.js";
import { listAuditEvents, verifyAuditChain } from "../../domain/audit/audit.js";
import { requireRole } from "../../domain/identity/authorize.js";
import { viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["audit"];
const ZAuditQuery = z.strictObject({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(["success", "denied", "invalid"]).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const ZAuditEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actor_user_id: z.string().nullable(),
  actor_username: z.string().nullable(),
  actor_nation: z.string().nullable(),
  actor_organisation: z.string().nullable(),
  action: z.string(),
  object_type: z.string().nullable(),
  object_id: z.string().nullable(),
  object_label: z.string().nullable(),
  outcome: z.enum(["success", "denied", "invalid"]),
  details: z.record(z.string(), z.unknown()).nullable(),
  prev_hash: z.string(),
  hash: z.string(),
});

export function registerAuditRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/audit",
    {
      schema: {
        tags,
        summary: "The audit trail, oldest first (auditor, admin)",
        querystring: ZAuditQuery,
        response: { 200: z.object({ events: z.array(ZAuditEvent) }) },
      },
    },
    async (request) => {
      await requireRole(ctx.db, viewerOfRequest(request), "audit.read", ["auditor", "admin"], ctx.clock.now());
      const q = request.query;
      return { events: await listAuditEvents(ctx.db, { ...q, afterSeq: q.after }) };
    },
  );
  app.get(
    "/api/audit/verify",
    {
      schema: {
        tags,
        summary: "Recompute the hash chain (auditor, admin)",
        response: {
          200: z.object({
            intact: z.boolean(),
            events: z.number(),
            head: z.string().optional(),
            brokenAt: z.number().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      await requireRole(ctx.db, viewerOfRequest(request), "audit.verify", ["auditor", "admin"], ctx.clock.now());
      return verifyAuditChain(ctx.db);
    },
  );
}
