import { z } from "zod";
import { ZDeadlineInput, ZDecisionBody, ZDecisionFormat } from "../decisions/decisions.schema.js";
import { ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// Meetings in flexible formats: the API's shapes, shared by the domain, the routes and the web UI.

const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const MEETING_LEVELS = ["ambassadors", "ministers", "heads-of-state-and-government"] as const;
export const MEETING_STATUSES = [
  "planning",
  "format-in-decision",
  "format-agreed",
  "invited",
  "held",
  "cancelled",
] as const;
export const CRITERION_KINDS = ["framework", "contributors", "area", "nation"] as const;
/** Actions on a meeting; "put the format to the Council" goes through the decisions API (subject meeting-format). */
export const MEETING_ACTIONS = ["send-invitations", "record-held", "cancel"] as const;
export const ACTION_ITEM_STATUSES = ["open", "in-progress", "done", "dropped"] as const;

export const ZMeetingLevel = z.enum(MEETING_LEVELS);
export const ZMeetingStatus = z.enum(MEETING_STATUSES);
export const ZCriterionKind = z.enum(CRITERION_KINDS);
export const ZMeetingAction = z.enum(MEETING_ACTIONS);
export const ZActionItemStatus = z.enum(ACTION_ITEM_STATUSES);

/**
 * One rule for who is invited, resolved as of the meeting date: framework (members in force,
 * e.g. MD), contributors (an operation's recognised non-NATO contributors, e.g. OOS), area
 * (partners working in an area of cooperation), nation (one named nation or organisation).
 */
export const ZCriterion = z.strictObject({
  kind: ZCriterionKind,
  value: z
    .string()
    .trim()
    .min(2, "must be a code")
    .max(40, "must be at most 40 characters")
    .regex(/^[A-Za-z0-9-]+$/, "must be a code"),
});

/** The start as people write it: a date, a time of day and the time zone (Brussels by default). */
export const ZMeetingStart = ZDeadlineInput;

export const ZMeetingInput = z.strictObject({
  title: ZText(300),
  topic: z.string().trim().max(4000).default(""),
  body: ZDecisionBody.default("NAC"),
  level: ZMeetingLevel.default("ambassadors"),
  format: ZDecisionFormat,
  start: ZMeetingStart,
  durationMinutes: z.number().int().min(15).max(4320).default(120),
  place: ZText(200).default("NATO Headquarters, Brussels"),
  criteria: z.array(ZCriterion).max(200).default([]),
  /** Defaults to NATO UNCLASSIFIED releasable to NATO and every invited participant. */
  label: ZLabelInput.optional(),
});

/** Changes while planning; criteria replace the previous ones when given. */
export const ZMeetingUpdate = z.strictObject({
  title: ZText(300).optional(),
  topic: z.string().trim().max(4000).optional(),
  level: ZMeetingLevel.optional(),
  start: ZMeetingStart.optional(),
  durationMinutes: z.number().int().min(15).max(4320).optional(),
  place: ZText(200).optional(),
  criteria: z.array(ZCriterion).max(200).optional(),
  outcome: z.string().trim().max(20000).optional(),
  label: ZLabelInput.optional(),
});

/** The live preview of the planner: the criteria resolved on a date, before the meeting exists. */
export const ZResolveParticipantsInput = z.strictObject({
  date: ZIsoDate,
  format: ZDecisionFormat,
  criteria: z.array(ZCriterion).max(200).default([]),
});

export const ZAdjustmentInput = z.strictObject({
  nation: ZNationCode,
  /** add: invite although no criterion matches; remove: leave out although a criterion matches; clear: undo. */
  action: z.enum(["add", "remove", "clear"]),
  note: z.string().trim().max(1000).default(""),
});

export const ZMeetingActionInput = z.strictObject({
  action: ZMeetingAction,
  note: z.string().trim().max(2000).default(""),
});

export const ZAgendaItemInput = z.strictObject({
  title: ZText(300),
  description: z.string().trim().max(4000).default(""),
  /** A force generation conference: the operation whose statement of requirements is discussed. */
  operation: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,12}$/, "must be an operation code")
    .transform((s) => s.toUpperCase())
    .optional(),
  /** Documents tabled under the item (each keeps its own label). */
  documentIds: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  /** Defaults to the end of the agenda. */
  position: z.number().int().min(1).max(500).optional(),
});

export const ZAgendaItemUpdate = z.strictObject({
  title: ZText(300).optional(),
  description: z.string().trim().max(4000).optional(),
  outcome: z.string().trim().max(20000).optional(),
  documentIds: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  position: z.number().int().min(1).max(500).optional(),
});

export const ZAttendanceInput = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        nation: ZNationCode,
        attended: z.boolean(),
        representative: z.string().trim().max(200).optional(),
      }),
    )
    .min(1)
    .max(200),
});

export const ZActionItemInput = z.strictObject({
  text: ZText(2000),
  /** The owner nation or organisation (EU, UN, …). */
  owner: ZNationCode,
  dueDate: ZIsoDate,
  agendaItemId: z.string().trim().min(1).max(64).optional(),
});

export const ZActionItemUpdate = z.strictObject({
  status: ZActionItemStatus.optional(),
  dueDate: ZIsoDate.optional(),
  text: ZText(2000).optional(),
});

export const ZListMeetingsQuery = z.strictObject({
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  q: z.string().trim().max(200).optional(),
  status: ZMeetingStatus.optional(),
  /** Meetings a nation is invited to. */
  nation: ZNationCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

export const ZListActionItemsQuery = z.strictObject({
  status: ZActionItemStatus.optional(),
  owner: ZNationCode.optional(),
  /** Only items due on or before this date (overdue follow-up). */
  dueBy: ZIsoDate.optional(),
});

const ZNationRef = z.object({ code: z.string(), name: z.string(), kind: z.enum(["state", "organisation"]) });

/** Why a participant is in the list: an Ally on the date, a criterion it matches, or a staff addition. */
export const ZParticipantReason = z.object({
  kind: z.enum(["ally", "framework", "contributors", "area", "nation", "added"]),
  value: z.string(),
  /** In words: "Ally", "Mediterranean Dialogue partner", "Recognised contributor to OOS since 2010-03-01". */
  text: z.string(),
});

export const ZParticipant = z.object({
  nation: ZNationRef,
  reasons: z.array(ZParticipantReason),
  /** Matched by the criteria but removed by the staff (shown, not invited). */
  removed: z.boolean(),
  attended: z.boolean().nullable(),
  representative: z.string().nullable(),
});

export const ZResolvedParticipants = z.object({
  date: z.string(),
  participants: z.array(ZParticipant),
  /** Participants that will be (or were) invited: not removed. */
  count: z.number().int(),
  allies: z.number().int(),
  partners: z.number().int(),
  organisations: z.number().int(),
});

export const ZMeetingSummary = z.object({
  id: z.string(),
  title: z.string(),
  body: ZDecisionBody,
  level: ZMeetingLevel,
  format: ZDecisionFormat,
  startsAt: z.string(),
  startsLocal: z.string(),
  timeZone: z.string(),
  meetingDate: z.string(),
  durationMinutes: z.number().int(),
  place: z.string(),
  status: ZMeetingStatus,
  participantCount: z.number().int(),
  marking: z.string(),
});

export const ZAgendaItem = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  outcome: z.string(),
  operation: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Only the documents the viewer may read (others are not mentioned). */
  documents: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), marking: z.string() })),
});

export const ZActionItem = z.object({
  id: z.string(),
  meeting: z.object({ id: z.string(), title: z.string(), meetingDate: z.string() }),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  owner: ZNationRef,
  dueDate: z.string(),
  status: ZActionItemStatus,
  overdue: z.boolean(),
  updatedAt: z.string(),
});

export const ZMeeting = ZMeetingSummary.extend({
  topic: z.string(),
  outcome: z.string(),
  criteria: z.array(ZCriterion),
  adjustments: z.array(
    z.object({ nation: ZNationRef, action: z.enum(["add", "remove"]), note: z.string(), at: z.string() }),
  ),
  /** Before invitations: resolved live as of the meeting date; after: the invitation list. */
  participants: ZResolvedParticipants,
  formatDecision: z.object({ id: z.string(), reference: z.string(), status: z.string() }).nullable(),
  /** This format needs the Allies' agreement before invitations (every format but Allies only). */
  formatNeedsDecision: z.boolean(),
  agenda: z.array(ZAgendaItem),
  actionItems: z.array(ZActionItem),
  actions: z.array(ZMeetingAction),
  canEdit: z.boolean(),
  canPutFormatToCouncil: z.boolean(),
  label: ZLabel,
  updatedAt: z.string(),
});

export const ZMeetingList = z.object({ meetings: z.array(ZMeetingSummary), total: z.number().int() });

export type TCriterion = z.infer<typeof ZCriterion>;
export type TMeetingInput = z.input<typeof ZMeetingInput>;
export type TMeetingUpdate = z.input<typeof ZMeetingUpdate>;
export type TResolveParticipantsInput = z.input<typeof ZResolveParticipantsInput>;
export type TAdjustmentInput = z.input<typeof ZAdjustmentInput>;
export type TMeetingActionInput = z.input<typeof ZMeetingActionInput>;
export type TAgendaItemInput = z.input<typeof ZAgendaItemInput>;
export type TAgendaItemUpdate = z.input<typeof ZAgendaItemUpdate>;
export type TAttendanceInput = z.input<typeof ZAttendanceInput>;
export type TActionItemInput = z.input<typeof ZActionItemInput>;
export type TActionItemUpdate = z.input<typeof ZActionItemUpdate>;
export type TListMeetingsQuery = z.input<typeof ZListMeetingsQuery>;
export type TListActionItemsQuery = z.input<typeof ZListActionItemsQuery>;
export type TParticipantReason = z.infer<typeof ZParticipantReason>;
export type TParticipant = z.infer<typeof ZParticipant>;
export type TResolvedParticipants = z.infer<typeof ZResolvedParticipants>;
export type TMeetingSummary = z.infer<typeof ZMeetingSummary>;
export type TAgendaItem = z.infer<typeof ZAgendaItem>;
export type TActionItem = z.infer<typeof ZActionItem>;
export type TMeeting = z.infer<typeof ZMeeting>;
export type TMeetingList = z.infer<typeof ZMeetingList>;
