import { z } from "zod";
import type { AppContext } from "../../context.js";
import { listNationMemberships } from "../../domain/frameworks/frameworks.js";
import { ZMembership } from "../../domain/frameworks/frameworks.schema.js";
import { getNation, listNations } from "../../domain/nations/nations.js";
import { ZListNationsQuery, ZNation, ZNationCode } from "../../domain/nations/nations.schema.js";
import { getPartnerProfile, getPartnerTimeline, listAreas } from "../../domain/partners/partners.js";
import { ZArea, ZPartnerProfile, ZTimeline } from "../../domain/partners/partners.schema.js";
import { viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const ZCodeParams = z.strictObject({ code: ZNationCode });
const tags = ["nations"];

export function registerNationRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/nations",
    {
      schema: {
        tags,
        summary: "Nations (ISO 3166 alpha-3) and international organisations",
        querystring: ZListNationsQuery,
        response: { 200: z.object({ nations: z.array(ZNation) }) },
      },
    },
    async (request) => ({ nations: await listNations(ctx.db, request.query) }),
  );

  app.get(
    "/api/areas",
    {
      schema: {
        tags,
        summary: "The areas of cooperation partners choose from",
        response: { 200: z.object({ areas: z.array(ZArea) }) },
      },
    },
    async () => ({ areas: await listAreas(ctx.db) }),
  );

  app.get(
    "/api/nations/:code",
    { schema: { tags, summary: "One nation or organisation", params: ZCodeParams, response: { 200: ZNation } } },
    async (request) => getNation(ctx.db, request.params.code),
  );

  app.get(
    "/api/nations/:code/memberships",
    {
      schema: {
        tags,
        summary: "Every framework membership the nation has held, with suspensions",
        params: ZCodeParams,
        response: { 200: z.object({ nation: ZNation, memberships: z.array(ZMembership) }) },
      },
    },
    async (request) => {
      const nation = await getNation(ctx.db, request.params.code);
      return { nation, memberships: await listNationMemberships(ctx.db, nation.code) };
    },
  );

  app.get(
    "/api/nations/:code/profile",
    {
      schema: {
        tags,
        summary: "Partner profile: frameworks over time and chosen areas of cooperation",
        params: ZCodeParams,
        response: { 200: ZPartnerProfile },
      },
    },
    async (request) => getPartnerProfile(ctx.db, viewerOfRequest(request), request.params.code, ctx.clock.today()),
  );

  app.get(
    "/api/nations/:code/timeline",
    {
      schema: {
        tags,
        summary: "Timeline of the nation's relationship with the alliance",
        params: ZCodeParams,
        response: { 200: ZTimeline },
      },
    },
    async (request) => getPartnerTimeline(ctx.db, viewerOfRequest(request), request.params.code, ctx.clock.today()),
  );
}
