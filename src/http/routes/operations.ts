import { z } from "zod";
import type { AppContext } from "../../context.js";
import { listContributions, recordContribution } from "../../domain/operations/contributions.js";
import { getOperation, listOperations } from "../../domain/operations/operations.js";
import {
  ZAsOfQuery,
  ZContribution,
  ZContributionHistory,
  ZContributionInput,
  ZEndPostingInput,
  ZListContributionsQuery,
  ZListPostingsQuery,
  ZListRecognitionsQuery,
  ZOfferRecognitionInput,
  ZOperation,
  ZOperationCode,
  ZOperationSummary,
  ZPlacemat,
  ZPosting,
  ZPostingInput,
  ZRecognition,
  ZRecognitionActionInput,
} from "../../domain/operations/operations.schema.js";
import { getContributionHistory, getPlacemat } from "../../domain/operations/placemat.js";
import { createPosting, endPosting, listPostings } from "../../domain/operations/postings.js";
import {
  actOnRecognition,
  getRecognition,
  listRecognitions,
  offerRecognition,
} from "../../domain/operations/recognitions.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["operations"];
const ZCodeParams = z.strictObject({ code: ZOperationCode });
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerOperationRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/operations",
    {
      schema: {
        tags,
        summary: "NATO-led operations (public reference data); active as of asOf (today by default)",
        querystring: ZAsOfQuery,
        response: { 200: z.object({ operations: z.array(ZOperationSummary) }) },
      },
    },
    async (request) => ({
      operations: await listOperations(ctx.db, viewerOfRequest(request), request.query, ctx.clock.now()),
    }),
  );

  app.get(
    "/api/operations/:code",
    {
      schema: {
        tags,
        summary: "One operation with its mandate, source and contributors' releasability token",
        params: ZCodeParams,
        response: { 200: ZOperation },
      },
    },
    async (request) => getOperation(ctx.db, viewerOfRequest(request), request.params.code, ctx.clock.now()),
  );

  app.get(
    "/api/operations/:code/placemat",
    {
      schema: {
        tags,
        summary: "The contributors on a date with their latest troop snapshots (within your labels)",
        params: ZCodeParams,
        querystring: ZAsOfQuery,
        response: { 200: ZPlacemat },
      },
    },
    async (request) =>
      getPlacemat(ctx.db, viewerOfRequest(request), request.params.code, request.query, ctx.clock.now()),
  );

  app.get(
    "/api/operations/:code/history",
    {
      schema: {
        tags,
        summary: "Troop numbers over time, one series per nation (within your labels)",
        params: ZCodeParams,
        response: { 200: ZContributionHistory },
      },
    },
    async (request) => getContributionHistory(ctx.db, viewerOfRequest(request), request.params.code, ctx.clock.now()),
  );

  app.get(
    "/api/recognitions",
    {
      schema: {
        tags,
        summary: "Recognition cases of non-NATO contributors you may see",
        querystring: ZListRecognitionsQuery,
        response: { 200: z.object({ recognitions: z.array(ZRecognition) }) },
      },
    },
    async (request) => ({
      recognitions: await listRecognitions(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
    }),
  );

  app.post(
    "/api/recognitions",
    {
      schema: {
        tags,
        summary: "Offer to contribute to an operation (the partner's mission for its nation, or the staff)",
        body: ZOfferRecognitionInput,
        response: { 201: ZRecognition },
      },
    },
    async (request, reply) => {
      const recognition = await offerRecognition(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(recognition);
    },
  );

  app.get(
    "/api/recognitions/:id",
    {
      schema: { tags, summary: "One recognition case", params: ZIdParams, response: { 200: ZRecognition } },
    },
    async (request) => getRecognition(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.post(
    "/api/recognitions/:id/actions",
    {
      schema: {
        tags,
        summary: "Advise (staff), withdraw (the nation or staff) or end (staff) a recognition case",
        params: ZIdParams,
        body: ZRecognitionActionInput,
        response: { 200: ZRecognition },
      },
    },
    async (request) =>
      actOnRecognition(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.get(
    "/api/contributions",
    {
      schema: {
        tags,
        summary: "Contributions to operations you may read",
        querystring: ZListContributionsQuery,
        response: { 200: z.object({ contributions: z.array(ZContribution) }) },
      },
    },
    async (request) => ({
      contributions: await listContributions(ctx.db, viewerOfRequest(request), request.query, ctx.clock.now()),
    }),
  );

  app.post(
    "/api/contributions",
    {
      schema: {
        tags,
        summary: "Record a contribution: a troop snapshot or another kind (staff, admin)",
        body: ZContributionInput,
        response: { 201: ZContribution },
      },
    },
    async (request, reply) => {
      const contribution = await recordContribution(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(contribution);
    },
  );

  app.get(
    "/api/postings",
    {
      schema: {
        tags,
        summary: "Liaison officers' and partner representatives' postings; with asOf, those current then",
        querystring: ZListPostingsQuery,
        response: { 200: z.object({ postings: z.array(ZPosting) }) },
      },
    },
    async (request) => ({
      postings: await listPostings(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
    }),
  );

  app.post(
    "/api/postings",
    {
      schema: {
        tags,
        summary: "Post an officer to a headquarters (staff, or the nation's own users)",
        body: ZPostingInput,
        response: { 201: ZPosting },
      },
    },
    async (request, reply) => {
      const posting = await createPosting(ctx.db, requireLogin(request), request.body, ctx.clock.now());
      return reply.status(201).send(posting);
    },
  );

  app.post(
    "/api/postings/:id/end",
    {
      schema: {
        tags,
        summary: "End a posting (staff, or the nation's own users)",
        params: ZIdParams,
        body: ZEndPostingInput,
        response: { 200: ZPosting },
      },
    },
    async (request) => endPosting(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );
}
