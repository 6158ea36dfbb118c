import { z } from "zod";
import type { AppContext } from "../../context.js";
import { fileAccessRequest, withdrawAccessRequest } from "../../domain/access-requests/access-requests.js";
import {
  ZAccessRequest,
  ZAccessRequestInput,
  ZAccessRequestList,
  ZListAccessRequestsQuery,
} from "../../domain/access-requests/access-requests.schema.js";
import { getAccessRequest, listAccessRequests } from "../../domain/access-requests/list-access-requests.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["access-requests"];
const params = z.strictObject({ id: z.string().min(1).max(64) });

export function registerAccessRequestRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/access-requests",
    {
      schema: {
        tags,
        summary: "Requests for the Council's case-by-case approval of a nation's access to an activity",
        querystring: ZListAccessRequestsQuery,
        response: { 200: ZAccessRequestList },
      },
    },
    async (request) => listAccessRequests(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
  );

  app.get(
    "/api/access-requests/:id",
    {
      schema: {
        tags,
        summary: "One access request with its Council decision",
        params,
        response: { 200: ZAccessRequest },
      },
    },
    async (request) => getAccessRequest(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.post(
    "/api/access-requests",
    {
      schema: {
        tags,
        summary:
          "Request access to an activity that needs the Council's approval for your nation (staff: for a nation)",
        body: ZAccessRequestInput,
        response: { 201: ZAccessRequest },
      },
    },
    async (request, reply) => {
      const created = await fileAccessRequest(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(created);
    },
  );

  app.post(
    "/api/access-requests/:id/withdraw",
    {
      schema: {
        tags,
        summary: "Withdraw an access request not yet before the Council",
        params,
        response: { 200: ZAccessRequest },
      },
    },
    async (request) => withdrawAccessRequest(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );
}
