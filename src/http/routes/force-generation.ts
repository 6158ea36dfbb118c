import { z } from "zod";
import type { AppContext } from "../../context.js";
import {
  ZForceGenerationBoard,
  ZForceOffer,
  ZForceOfferActionInput,
  ZForceOfferInput,
  ZRequirementInput,
  ZRequirementLine,
} from "../../domain/force-generation/force-generation.schema.js";
import { actOnForceOffer, offerForces } from "../../domain/force-generation/offers.js";
import { createRequirement, getForceGenerationBoard } from "../../domain/force-generation/requirements.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["force-generation"];

export function registerForceGenerationRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/operations/:code/force-generation",
    {
      schema: {
        tags,
        summary: "An operation's force generation board: the lines you may read, their fill and gaps, your offers",
        params: z.strictObject({ code: z.string().trim().min(2).max(12) }),
        response: { 200: ZForceGenerationBoard },
      },
    },
    async (request) => getForceGenerationBoard(ctx.db, viewerOfRequest(request), request.params.code, ctx.clock.now()),
  );

  app.post(
    "/api/requirements",
    {
      schema: {
        tags,
        summary: "Add a line to an operation's statement of requirements (staff, admin)",
        body: ZRequirementInput,
        response: { 201: ZRequirementLine },
      },
    },
    async (request, reply) => {
      const line = await createRequirement(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(line);
    },
  );

  app.post(
    "/api/force-offers",
    {
      schema: {
        tags,
        summary: "Offer forces against a line (an Ally's delegation, a recognised contributor, or staff for one)",
        body: ZForceOfferInput,
        response: { 201: ZForceOffer },
      },
    },
    async (request, reply) => {
      const offer = await offerForces(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(offer);
    },
  );

  app.post(
    "/api/force-offers/:id/actions",
    {
      schema: {
        tags,
        summary: "Accept or decline an offer (staff), or withdraw it (the offering nation or staff)",
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: ZForceOfferActionInput,
        response: { 200: ZForceOffer },
      },
    },
    async (request) => actOnForceOffer(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );
}
