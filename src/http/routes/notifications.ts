import { z } from "zod";
import type { AppContext } from "../../context.js";
import { listNotifications, markNotificationRead } from "../../domain/notifications/notifications.js";
import { ZListNotificationsQuery, ZNotificationList } from "../../domain/notifications/notifications.schema.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["notifications"];

export function registerNotificationRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/notifications",
    {
      schema: {
        tags,
        summary: "Your inbox: invitations to activities, cancellations (newest first, within your labels)",
        querystring: ZListNotificationsQuery,
        response: { 200: ZNotificationList },
      },
    },
    async (request) => listNotifications(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
  );

  app.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one of your notifications read",
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markNotificationRead(ctx.db, requireLogin(request), request.params.id, ctx.clock.now());
      return reply.status(204).send(null);
    },
  );
}
