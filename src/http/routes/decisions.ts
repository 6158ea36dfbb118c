import { z } from "zod";
import type { AppContext } from "../../context.js";
import { openDecision } from "../../domain/decisions/decisions.js";
import {
  ZDecision,
  ZDecisionInput,
  ZDecisionList,
  ZListDecisionsQuery,
  ZObjectionInput,
  ZSchedulerRun,
} from "../../domain/decisions/decisions.schema.js";
import { getDecision, listDecisions } from "../../domain/decisions/register.js";
import { breakSilence } from "../../domain/decisions/silence.js";
import { withdrawDecision } from "../../domain/decisions/withdraw.js";
import { runSchedulerNow } from "../../jobs/due-decisions.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["decisions"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerDecisionRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/decisions",
    {
      schema: {
        tags,
        summary: "The decision register: decisions you may read, newest first, with their outcome",
        querystring: ZListDecisionsQuery,
        response: { 200: ZDecisionList },
      },
    },
    async (request) => listDecisions(ctx.db, viewerOfRequest(request), request.query, ctx.clock.now()),
  );

  app.get(
    "/api/decisions/:id",
    {
      schema: {
        tags,
        summary: "One decision: outcome, Allies as of its date, participants, and whether you may break silence",
        params: ZIdParams,
        response: { 200: ZDecision },
      },
    },
    async (request) => getDecision(ctx.db, viewerOfRequest(request), request.params.id, ctx.clock.now()),
  );

  app.post(
    "/api/decisions",
    {
      schema: {
        tags,
        summary: "Open a silence procedure or record a decision taken in a meeting (staff, admin)",
        body: ZDecisionInput,
        response: { 201: ZDecision },
      },
    },
    async (request, reply) => {
      const viewer = requireLogin(request);
      const decision = await openDecision(ctx.db, viewer, request.body, ctx.clock.now());
      return reply.status(201).send(await getDecision(ctx.db, viewer, decision.id, ctx.clock.now()));
    },
  );

  app.post(
    "/api/decisions/:id/objection",
    {
      schema: {
        tags,
        summary:
          "Break silence with a formal objection (an Ally's delegation as of the decision date, before the deadline)",
        params: ZIdParams,
        body: ZObjectionInput,
        response: { 200: ZDecision },
      },
    },
    async (request) => {
      const viewer = requireLogin(request);
      await breakSilence(ctx.db, viewer, request.params.id, request.body, ctx.clock.now());
      return getDecision(ctx.db, viewer, request.params.id, ctx.clock.now());
    },
  );

  app.post(
    "/api/decisions/:id/withdraw",
    {
      schema: {
        tags,
        summary: "Withdraw an open procedure (staff, admin): the subject is released",
        params: ZIdParams,
        response: { 200: ZDecision },
      },
    },
    async (request) => {
      const viewer = requireLogin(request);
      await withdrawDecision(ctx.db, viewer, request.params.id, ctx.clock.now());
      return getDecision(ctx.db, viewer, request.params.id, ctx.clock.now());
    },
  );

  app.post(
    "/api/scheduler/run",
    {
      schema: {
        tags,
        summary:
          "Run one scheduler pass over decision deadlines now (admin); skipped if another instance holds the lease",
        response: { 200: ZSchedulerRun },
      },
    },
    async (request) => runSchedulerNow(ctx.db, requireLogin(request), ctx.clock.now()),
  );
}
