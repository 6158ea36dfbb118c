import { z } from "zod";
import type { AppContext } from "../../context.js";
import { addActionItem, listActionItems, updateActionItem } from "../../domain/meetings/action-items.js";
import {
  addAgendaItem,
  recordMeetingAttendance,
  removeAgendaItem,
  updateAgendaItem,
} from "../../domain/meetings/agenda.js";
import { renderMeetingIcs } from "../../domain/meetings/meeting-ics.js";
import { createMeeting, getMeeting, listMeetings, updateMeeting } from "../../domain/meetings/meetings.js";
import {
  ZActionItem,
  ZActionItemInput,
  ZActionItemUpdate,
  ZAdjustmentInput,
  ZAgendaItemInput,
  ZAgendaItemUpdate,
  ZAttendanceInput,
  ZListActionItemsQuery,
  ZListMeetingsQuery,
  ZMeeting,
  ZMeetingActionInput,
  ZMeetingInput,
  ZMeetingList,
  ZMeetingUpdate,
  ZResolvedParticipants,
  ZResolveParticipantsInput,
} from "../../domain/meetings/meetings.schema.js";
import { adjustParticipants, previewParticipants } from "../../domain/meetings/participants.js";
import { actOnMeeting } from "../../domain/meetings/workflow.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["meetings"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });
const ZItemParams = z.strictObject({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) });

export function registerMeetingRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/meetings",
    {
      schema: {
        tags,
        summary: "Meetings you may see (staff: all; others: those their nation is invited to), by start",
        querystring: ZListMeetingsQuery,
        response: { 200: ZMeetingList },
      },
    },
    async (request) => listMeetings(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
  );

  app.post(
    "/api/meetings",
    { schema: { tags, summary: "Plan a meeting (staff)", body: ZMeetingInput, response: { 201: ZMeeting } } },
    async (request, reply) =>
      reply.status(201).send(await createMeeting(ctx.db, requireLogin(request), request.body, ctx.clock.now())),
  );

  app.post(
    "/api/meetings/resolve",
    {
      schema: {
        tags,
        summary: "Resolve criteria on a date: the participant list with reasons (staff; the planner's live preview)",
        body: ZResolveParticipantsInput,
        response: { 200: ZResolvedParticipants },
      },
    },
    async (request) => previewParticipants(ctx.db, requireLogin(request), request.body, ctx.clock.now()),
  );

  app.get(
    "/api/meetings/:id",
    { schema: { tags, summary: "One meeting", params: ZIdParams, response: { 200: ZMeeting } } },
    async (request) => getMeeting(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.patch(
    "/api/meetings/:id",
    {
      schema: {
        tags,
        summary: "Edit a meeting (staff)",
        params: ZIdParams,
        body: ZMeetingUpdate,
        response: { 200: ZMeeting },
      },
    },
    async (request) => updateMeeting(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.post(
    "/api/meetings/:id/adjustments",
    {
      schema: {
        tags,
        summary: "Add or remove a participant by hand, or clear that adjustment (staff)",
        params: ZIdParams,
        body: ZAdjustmentInput,
        response: { 200: ZMeeting },
      },
    },
    async (request) =>
      adjustParticipants(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.post(
    "/api/meetings/:id/actions",
    {
      schema: {
        tags,
        summary: "Send invitations, record the meeting held, or cancel it (staff)",
        params: ZIdParams,
        body: ZMeetingActionInput,
        response: { 200: ZMeeting },
      },
    },
    async (request) => actOnMeeting(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.post(
    "/api/meetings/:id/agenda",
    {
      schema: {
        tags,
        summary: "Add an agenda item (staff)",
        params: ZIdParams,
        body: ZAgendaItemInput,
        response: { 200: ZMeeting },
      },
    },
    async (request) => addAgendaItem(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.patch(
    "/api/meetings/:id/agenda/:itemId",
    {
      schema: {
        tags,
        summary: "Edit an agenda item (staff)",
        params: ZItemParams,
        body: ZAgendaItemUpdate,
        response: { 200: ZMeeting },
      },
    },
    async (request) =>
      updateAgendaItem(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.params.itemId,
        request.body,
        ctx.clock.now(),
      ),
  );

  app.delete(
    "/api/meetings/:id/agenda/:itemId",
    {
      schema: { tags, summary: "Remove an agenda item (staff)", params: ZItemParams, response: { 200: ZMeeting } },
    },
    async (request) =>
      removeAgendaItem(ctx.db, requireLogin(request), request.params.id, request.params.itemId, ctx.clock.now()),
  );

  app.put(
    "/api/meetings/:id/attendance",
    {
      schema: {
        tags,
        summary: "Record who attended (staff)",
        params: ZIdParams,
        body: ZAttendanceInput,
        response: { 200: ZMeeting },
      },
    },
    async (request) =>
      recordMeetingAttendance(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.post(
    "/api/meetings/:id/action-items",
    {
      schema: {
        tags,
        summary: "Add an action item (staff)",
        params: ZIdParams,
        body: ZActionItemInput,
        response: { 200: ZMeeting },
      },
    },
    async (request) => addActionItem(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.patch(
    "/api/action-items/:id",
    {
      schema: {
        tags,
        summary: "Update an action item (staff; the owner nation: its status)",
        params: ZIdParams,
        body: ZActionItemUpdate,
        response: { 200: ZActionItem },
      },
    },
    async (request) =>
      updateActionItem(ctx.db, requireLogin(request), request.params.id, request.body, ctx.clock.now()),
  );

  app.get(
    "/api/action-items",
    {
      schema: {
        tags,
        summary: "Action items of the meetings you see, by due date",
        querystring: ZListActionItemsQuery,
        response: { 200: z.object({ actionItems: z.array(ZActionItem) }) },
      },
    },
    async (request) => ({
      actionItems: await listActionItems(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
    }),
  );

  app.get(
    "/api/meetings/:id/invitation.ics",
    {
      schema: {
        tags,
        summary: "The meeting as an iCalendar invitation (same visibility as the meeting)",
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const body = await renderMeetingIcs(
        ctx.db,
        requireLogin(request),
        request.params.id,
        `${request.protocol}://${request.host}`,
        ctx.clock.now(),
      );
      return reply
        .header("Cache-Control", "no-store")
        .header("Content-Disposition", 'attachment; filename="meeting.ics"')
        .type("text/calendar; charset=utf-8")
        .send(body);
    },
  );
}
