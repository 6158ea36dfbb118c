import { z } from "zod";
import type { AppContext } from "../../context.js";
import { ZCreatedFeed, ZCreateFeed, ZFeedFileParams, ZFeedView } from "../../domain/calendar/calendar.schema.js";
import {
  createCalendarFeed,
  feedPath,
  listCalendarFeeds,
  renderCalendarFeed,
  revokeCalendarFeed,
} from "../../domain/calendar/feeds.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["calendar"];

/** Secret-URL iCalendar feeds: managed over the API, read by calendar clients without logging in. */
export function registerCalendarRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/calendar/feeds",
    {
      schema: {
        tags,
        summary: "Your calendar feeds (without their secret URLs)",
        response: { 200: z.object({ feeds: z.array(ZFeedView) }) },
      },
    },
    async (request) => ({ feeds: await listCalendarFeeds(ctx.db, requireLogin(request)) }),
  );

  app.post(
    "/api/calendar/feeds",
    {
      schema: {
        tags,
        summary: "Create a feed; its secret URL is returned this once (scope: nation or mine)",
        body: ZCreateFeed,
        response: { 201: ZCreatedFeed },
      },
    },
    async (request, reply) => {
      const { feed, token } = await createCalendarFeed(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send({ ...feed, url: `${request.protocol}://${request.host}${feedPath(token)}` });
    },
  );

  app.delete(
    "/api/calendar/feeds/:id",
    {
      schema: {
        tags,
        summary: "Revoke a feed: its URL answers 404 from then on",
        params: z.strictObject({ id: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(ctx.db, requireLogin(request), request.params.id, ctx.clock.now());
      return reply.status(204).send();
    },
  );

  app.get(
    "/calendar/:file",
    {
      schema: {
        tags,
        summary: "An iCalendar feed (RFC 5545); the secret token in the URL is the credential",
        params: ZFeedFileParams,
      },
    },
    async (request, reply) => {
      const body = await renderCalendarFeed(
        ctx.db,
        request.params.file,
        `${request.protocol}://${request.host}`,
        ctx.clock.now(),
      );
      return reply
        .header("Cache-Control", "no-store")
        .header("Content-Disposition", 'inline; filename="entente.ics"')
        .type("text/calendar; charset=utf-8")
        .send(body);
    },
  );
}
