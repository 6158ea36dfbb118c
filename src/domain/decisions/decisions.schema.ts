import { z } from "zod";
import { ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// The decision API's shapes, shared by the domain, the routes and the web UI.

export const DECISION_BODIES = ["NAC", "PPC"] as const;
export const DECISION_FORMATS = ["allies-only", "allies-plus-one", "allies-plus-n", "eapc", "md", "ici"] as const;
export const DECISION_PROCEDURES = ["meeting", "silence"] as const;
export const DECISION_SUBJECT_TYPES = [
  "programme",
  "access-request",
  "contributor-recognition",
  "meeting-format",
  "free-text",
] as const;
export const DECISION_STATUSES = ["open", "adopted", "silence-broken", "not-adopted", "withdrawn"] as const;
/** Subjects that are records in Entente (the decision moves them); the others are described in text. */
export const LINKED_SUBJECT_TYPES = [
  "programme",
  "access-request",
  "contributor-recognition",
  "meeting-format",
] as const;

export const DEFAULT_TIME_ZONE = "Europe/Brussels";

const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ZDecisionBody = z.enum(DECISION_BODIES);
export const ZDecisionFormat = z.enum(DECISION_FORMATS);
export const ZDecisionProcedure = z.enum(DECISION_PROCEDURES);
export const ZDecisionSubjectType = z.enum(DECISION_SUBJECT_TYPES);
export const ZDecisionStatus = z.enum(DECISION_STATUSES);

/** A silence deadline as people write it: a date, a time of day and the time zone (Brussels by default). */
export const ZDeadlineInput = z.strictObject({
  date: ZIsoDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "must be a time written HH:MM or HH:MM:SS"),
  timeZone: z.string().trim().min(1).max(64).default(DEFAULT_TIME_ZONE),
});

export const ZDecisionSubjectInput = z.strictObject({
  type: ZDecisionSubjectType,
  /** The programme's or access request's id (required for those types). */
  id: z.string().trim().min(1).max(64).optional(),
  /** What is decided, in words (required for the other types). */
  text: z.string().trim().max(2000).optional(),
});

/**
 * Opens a silence procedure (procedure "silence", with a deadline) or records a decision taken in
 * a meeting (procedure "meeting", with whether consensus was reached and the Allies present).
 */
export const ZDecisionInput = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(40, "must be at most 40 characters")
    .regex(/^[A-Za-z0-9()/.\- ]+$/, "must be a document reference such as C-M(2012)0014"),
  title: ZText(300),
  body: ZDecisionBody.default("NAC"),
  format: ZDecisionFormat.default("allies-only"),
  /** Allies + 1: exactly one partner; Allies + n: the partners and organisations present. */
  participants: z.array(ZNationCode).max(100).default([]),
  procedure: ZDecisionProcedure,
  subject: ZDecisionSubjectInput,
  /** The Allies as of this date decide. Defaults to today. */
  decisionDate: ZIsoDate.optional(),
  deadline: ZDeadlineInput.optional(),
  meeting: z
    .strictObject({
      consensus: z.boolean(),
      alliesPresent: z.array(ZNationCode).max(100).default([]),
    })
    .optional(),
  note: z.string().trim().max(2000).default(""),
  /** Defaults to the subject's label (a programme, an access request) or NATO UNCLASSIFIED for the Allies. */
  label: ZLabelInput.optional(),
});

export const ZObjectionInput = z.strictObject({
  reason: ZText(4000),
});

export const ZListDecisionsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: ZDecisionStatus.optional(),
  procedure: ZDecisionProcedure.optional(),
  subjectType: ZDecisionSubjectType.optional(),
  subjectId: z.string().trim().max(64).optional(),
  body: ZDecisionBody.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

const ZNationRef = z.object({ code: z.string(), name: z.string() });

export const ZDecisionSummary = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  body: ZDecisionBody,
  format: ZDecisionFormat,
  procedure: ZDecisionProcedure,
  subject: z.object({
    type: ZDecisionSubjectType,
    id: z.string().nullable(),
    text: z.string(),
    /** A readable name of the subject for the viewer ("IPCP Japan 2012-2013"); the text if unlinked. */
    title: z.string(),
  }),
  decisionDate: z.string(),
  status: ZDecisionStatus,
  /** "Adopted by silence procedure on 16 March 2012", "Silence broken by Norway on …". */
  outcomeText: z.string(),
  deadline: z.object({ at: z.string(), local: z.string(), timeZone: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  marking: z.string(),
  createdAt: z.string(),
});

export const ZDecision = ZDecisionSummary.extend({
  participants: z.array(ZNationRef),
  alliesPresent: z.array(ZNationRef),
  /** How many Allies there were on the decision date (28 in 2012, 32 from 2024). */
  alliesCount: z.number().int(),
  brokenBy: z.object({ nation: ZNationRef, reason: z.string(), at: z.string() }).nullable(),
  note: z.string(),
  /** The viewer may break silence now (an Ally's delegation as of the decision date, before the deadline). */
  canObject: z.boolean(),
  canWithdraw: z.boolean(),
  label: ZLabel,
});

export const ZDecisionList = z.object({
  decisions: z.array(ZDecisionSummary),
  total: z.number().int(),
});

/** What one scheduler run did: decisions adopted at their deadline, reminders sent. */
export const ZSchedulerRun = z.object({
  adopted: z.array(z.string()),
  reminded: z.array(z.string()),
  skipped: z.boolean(),
});

export type TDecisionInput = z.input<typeof ZDecisionInput>;
export type TObjectionInput = z.input<typeof ZObjectionInput>;
export type TListDecisionsQuery = z.input<typeof ZListDecisionsQuery>;
export type TDecisionSummary = z.infer<typeof ZDecisionSummary>;
export type TDecision = z.infer<typeof ZDecision>;
export type TDecisionList = z.infer<typeof ZDecisionList>;
export type TDecisionStatus = z.infer<typeof ZDecisionStatus>;
export type TSchedulerRun = z.infer<typeof ZSchedulerRun>;
