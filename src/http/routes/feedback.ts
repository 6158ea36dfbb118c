import { z } from "zod";
import type { AppContext } from "../../context.js";
import { getAttendance, recordAttendance } from "../../domain/feedback/attendance.js";
import { getFeedbackReport, getQuestionnaire, submitFeedback } from "../../domain/feedback/feedback.js";
import {
  ZAttendanceInput,
  ZAttendanceSheet,
  ZFeedbackReceipt,
  ZFeedbackReport,
  ZFeedbackSubmission,
  ZParticipationQuery,
  ZParticipationReport,
  ZQuestionnaire,
} from "../../domain/feedback/feedback.schema.js";
import { getPartnerParticipation } from "../../domain/feedback/participation.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["feedback"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });
const ZNationParams = z.strictObject({ code: z.string().min(2).max(8) });

/** Attendance, the feedback questionnaire, the aggregated feedback report and a partner's participation. */
export function registerFeedbackRoutes(app: ZodApp, ctx: AppContext): void {
  app.put(
    "/api/iterations/:id/attendance",
    {
      schema: {
        tags,
        summary: "Record who attended (staff or the owner organisation; once conducted; confirmed nominations only)",
        params: ZIdParams,
        body: ZAttendanceInput,
        response: { 200: ZAttendanceSheet },
      },
    },
    async (request) =>
      recordAttendance(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.get(
    "/api/iterations/:id/attendance",
    {
      schema: {
        tags,
        summary: "The attendance sheet (partners see their nation's participants only)",
        params: ZIdParams,
        response: { 200: ZAttendanceSheet },
      },
    },
    async (request) => getAttendance(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.get(
    "/api/feedback/questionnaire",
    {
      schema: {
        tags,
        summary: "The feedback questionnaire (the form renders from it)",
        response: { 200: ZQuestionnaire },
      },
    },
    async (request) => {
      requireLogin(request);
      return getQuestionnaire();
    },
  );

  app.post(
    "/api/nominations/:id/feedback",
    {
      schema: {
        tags,
        summary: "Give an attended participant's feedback (its nation's partner user or staff; once)",
        params: ZIdParams,
        body: ZFeedbackSubmission,
        response: { 201: ZFeedbackReceipt },
      },
    },
    async (request, reply) => {
      const receipt = await submitFeedback(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.body,
        ctx.clock.now(),
      );
      return reply.status(201).send(receipt);
    },
  );

  app.get(
    "/api/iterations/:id/feedback-report",
    {
      schema: {
        tags,
        summary: "The aggregated feedback of an iteration (staff, the owner, nations that attended), with its label",
        params: ZIdParams,
        response: { 200: ZFeedbackReport },
      },
    },
    async (request) => getFeedbackReport(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.get(
    "/api/partners/:code/participation",
    {
      schema: {
        tags,
        summary: "A partner's participation by year, area and kind, and per iteration (its own users, staff, analysts)",
        params: ZNationParams,
        querystring: ZParticipationQuery,
        response: { 200: ZParticipationReport },
      },
    },
    async (request) =>
      getPartnerParticipation(ctx.db, requireLogin(request), request.params.code, request.query, ctx.clock.now()),
  );
}
