import { z } from "zod";
import type { AppContext } from "../../context.js";
import { addIteration, createActivity } from "../../domain/activities/activities.js";
import {
  ZActivityDetail,
  ZActivityInput,
  ZActivityPage,
  ZActivityRecord,
  ZIterationInput,
  ZIterationView,
  ZListActivitiesQuery,
  ZListNominationsQuery,
  ZNominationDecisionBody,
  ZNominationListItem,
  ZNominationView,
  ZParticipantInput,
  ZSeatsBody,
  ZTransitionBody,
} from "../../domain/activities/activities.schema.js";
import { cancelIteration, transitionActivity } from "../../domain/activities/lifecycle.js";
import {
  changeSeats,
  decideNomination,
  listMyNominations,
  listNominations,
  nominate,
  presentNomination,
  withdraw,
} from "../../domain/activities/nominations.js";
import { getActivity, listActivities, presentActivity, presentIteration } from "../../domain/activities/search.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["activities"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerActivityRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/activities",
    {
      schema: {
        tags,
        summary: "The cooperation menu you may see: filters, q (full text), facet counts, keyset pages by reference",
        querystring: ZListActivitiesQuery,
        response: { 200: ZActivityPage },
      },
    },
    async (request) => listActivities(ctx.db, viewerOfRequest(request), request.query, ctx.clock.today()),
  );

  app.get(
    "/api/activities/:id",
    {
      schema: {
        tags,
        summary: "One activity with its iterations, seats and (for a nation) whether it may join and why",
        params: ZIdParams,
        response: { 200: ZActivityDetail },
      },
    },
    async (request) => getActivity(ctx.db, viewerOfRequest(request), request.params.id, ctx.clock.today()),
  );

  app.post(
    "/api/activities",
    {
      schema: {
        tags,
        summary: "Propose an activity (staff, admin)",
        body: ZActivityInput,
        response: { 201: ZActivityRecord },
      },
    },
    async (request, reply) => {
      const activity = await createActivity(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(presentActivity(activity));
    },
  );

  app.post(
    "/api/activities/:id/iterations",
    {
      schema: {
        tags,
        summary: "Add an iteration (staff, admin)",
        params: ZIdParams,
        body: ZIterationInput,
        response: { 201: ZIterationView },
      },
    },
    async (request, reply) => {
      const iteration = await addIteration(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.body,
        ctx.clock.now(),
      );
      return reply.status(201).send(presentIteration(iteration));
    },
  );

  app.post(
    "/api/activities/:id/transitions",
    {
      schema: {
        tags,
        summary: "Move an activity through its lifecycle (409 if the action is not legal from its state)",
        params: ZIdParams,
        body: ZTransitionBody,
        response: { 200: ZActivityRecord },
      },
    },
    async (request) =>
      presentActivity(
        await transitionActivity(
          ctx.db,
          requireLogin(request),
          request.params.id,
          request.body.action,
          ctx.clock.now(),
        ),
      ),
  );

  app.post(
    "/api/iterations/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel one iteration (staff, admin); the nominated and their points of contact are told",
        params: ZIdParams,
        response: { 200: ZIterationView },
      },
    },
    async (request) =>
      presentIteration(await cancelIteration(ctx.db, requireLogin(request), request.params.id, ctx.clock.now())),
  );

  app.post(
    "/api/iterations/:id/nominations",
    {
      schema: {
        tags,
        summary: "Nominate a participant (partners for their nation; staff name the nation)",
        params: ZIdParams,
        body: ZParticipantInput,
        response: { 201: ZNominationView },
      },
    },
    async (request, reply) => {
      const nomination = await nominate(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.body,
        ctx.clock.now(),
      );
      return reply.status(201).send(presentNomination(nomination));
    },
  );

  app.get(
    "/api/iterations/:id/nominations",
    {
      schema: {
        tags,
        summary: "An iteration's nominations (partners see their nation's only)",
        params: ZIdParams,
        response: { 200: z.object({ nominations: z.array(ZNominationView) }) },
      },
    },
    async (request) => ({
      nominations: (await listNominations(ctx.db, requireLogin(request), request.params.id, ctx.clock.now())).map(
        presentNomination,
      ),
    }),
  );

  app.get(
    "/api/nominations",
    {
      schema: {
        tags,
        summary:
          "Nominations you may see across the menu: your nation's, your organisation's activities' (owners), all (staff)",
        querystring: ZListNominationsQuery,
        response: { 200: z.object({ nominations: z.array(ZNominationListItem) }) },
      },
    },
    async (request) => ({
      nominations: await listMyNominations(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
    }),
  );

  app.post(
    "/api/nominations/:id/decision",
    {
      schema: {
        tags,
        summary: "The owner's answer to a two-step nomination: accept (a seat or the waitlist) or decline",
        params: ZIdParams,
        body: ZNominationDecisionBody,
        response: { 200: ZNominationView },
      },
    },
    async (request) =>
      presentNomination(
        await decideNomination(ctx.db, requireLogin(request), request.params.id, request.body.answer, ctx.clock.now()),
      ),
  );

  app.post(
    "/api/nominations/:id/withdraw",
    {
      schema: {
        tags,
        summary: "Withdraw a nomination; a freed seat goes to the head of the waitlist",
        params: ZIdParams,
        response: { 200: ZNominationView },
      },
    },
    async (request) =>
      presentNomination(await withdraw(ctx.db, requireLogin(request), request.params.id, ctx.clock.now())),
  );

  app.put(
    "/api/iterations/:id/seats",
    {
      schema: {
        tags,
        summary: "Change an iteration's seats (staff, admin); never below the confirmed count",
        params: ZIdParams,
        body: ZSeatsBody,
        response: { 200: z.object({ seats: z.number().int(), promoted: z.array(z.string()) }) },
      },
    },
    async (request) =>
      changeSeats(ctx.db, requireLogin(request), request.params.id, request.body.seats, ctx.clock.now()),
  );
}
