import { z } from "zod";
import type { AppContext } from "../../context.js";
import { findReadableActivity } from "../../domain/activities/activities.js";
import { ZAsOfQuery } from "../../domain/frameworks/frameworks.schema.js";
import { decideAccess } from "../../domain/policy/access.js";
import { listMilestones } from "../../domain/policy/milestones.js";
import {
  ZAccessDecision,
  ZAccessQuery,
  ZMilestone,
  ZMilestonesQuery,
  ZPolicyRule,
} from "../../domain/policy/policy.schema.js";
import { listPolicyRules } from "../../domain/policy/rules.js";
import { viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["policy"];

export function registerPolicyRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/policy/access",
    {
      schema: {
        tags,
        summary:
          "May this partner join an activity with this audience on this date? Decision with its reason (with activityId: the Council's case-by-case grants for that activity count)",
        querystring: ZAccessQuery,
        response: { 200: ZAccessDecision },
      },
    },
    async (request) => {
      // A Council grant is about one activity: ask about it only if you may see the activity.
      if (request.query.activityId !== undefined) {
        await findReadableActivity(ctx.db, viewerOfRequest(request), request.query.activityId, ctx.clock.now());
      }
      return decideAccess(ctx.db, request.query);
    },
  );

  app.get(
    "/api/policy/rules",
    {
      schema: {
        tags,
        summary: "The partnership policy rules (all, or those in force on asOf)",
        querystring: ZAsOfQuery,
        response: { 200: z.object({ rules: z.array(ZPolicyRule) }) },
      },
    },
    async (request) => ({ rules: await listPolicyRules(ctx.db, request.query.asOf) }),
  );

  app.get(
    "/api/milestones",
    {
      schema: {
        tags,
        summary: "Dated, cited milestones of partnership policy",
        querystring: ZMilestonesQuery,
        response: { 200: z.object({ milestones: z.array(ZMilestone) }) },
      },
    },
    async (request) => ({ milestones: await listMilestones(ctx.db, request.query) }),
  );
}
