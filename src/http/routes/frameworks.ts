import { z } from "zod";
import type { AppContext } from "../../context.js";
import {
  getFramework,
  getMembershipMap,
  listFrameworkMembers,
  listFrameworks,
} from "../../domain/frameworks/frameworks.js";
import {
  ZAsOfQuery,
  ZExpandQuery,
  ZExpandResponse,
  ZFramework,
  ZFrameworkCode,
  ZMapResponse,
  ZMembersResponse,
} from "../../domain/frameworks/frameworks.schema.js";
import { expandTokens, parseTokens } from "../../domain/frameworks/tokens.js";
import type { ZodApp } from "../types.js";

const ZCodeParams = z.strictObject({ code: ZFrameworkCode });
const tags = ["frameworks"];

export function registerFrameworkRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/frameworks",
    {
      schema: {
        tags,
        summary: "Partnership frameworks, named and counted as of a date (default today)",
        querystring: ZAsOfQuery,
        response: { 200: z.object({ asOf: z.string(), frameworks: z.array(ZFramework) }) },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? ctx.clock.today();
      return { asOf, frameworks: await listFrameworks(ctx.db, asOf) };
    },
  );

  app.get(
    "/api/frameworks/:code",
    {
      schema: {
        tags,
        summary: "One framework",
        params: ZCodeParams,
        querystring: ZAsOfQuery,
        response: { 200: ZFramework },
      },
    },
    async (request) => getFramework(ctx.db, request.params.code, request.query.asOf ?? ctx.clock.today()),
  );

  app.get(
    "/api/frameworks/:code/members",
    {
      schema: {
        tags,
        summary: "Members of a framework as of a date (default today); suspended members are flagged",
        params: ZCodeParams,
        querystring: ZAsOfQuery,
        response: { 200: ZMembersResponse },
      },
    },
    async (request) => listFrameworkMembers(ctx.db, request.params.code, request.query.asOf ?? ctx.clock.today()),
  );

  app.get(
    "/api/map",
    {
      schema: {
        tags,
        summary: "Each nation's frameworks as of a date, for the map",
        querystring: ZAsOfQuery,
        response: { 200: ZMapResponse },
      },
    },
    async (request) => getMembershipMap(ctx.db, request.query.asOf ?? ctx.clock.today()),
  );

  app.get(
    "/api/tokens/expand",
    {
      schema: {
        tags,
        summary: "Expands group tokens (NATO, EAPC, PFP, MD, ICI, GLOBAL, DIALOGUE, nation codes) as of a date",
        querystring: ZExpandQuery,
        response: { 200: ZExpandResponse },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? ctx.clock.today();
      const tokens = parseTokens(request.query.tokens);
      return { asOf, tokens, nations: await expandTokens(ctx.db, tokens, asOf) };
    },
  );
}
