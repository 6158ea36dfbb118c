import { z } from "zod";
import { ZClearance, ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZOutcome } from "../policy/policy.schema.js";
import { ZQueryFlag } from "../shared/query.schema.js";

export const ACTIVITY_KINDS = [
  "course",
  "exercise",
  "workshop",
  "conference",
  "seminar",
  "strategic-level-training",
  "information-exchange",
  "intelligence-exchange",
  "technology-exchange",
  "joint-operation-support",
] as const;

export const ACTIVITY_STATUSES = [
  "proposed",
  "approved",
  "published",
  "nominations-open",
  "nominations-closed",
  "conducted",
  "feedback-collected",
  "archived",
  "cancelled",
] as const;

export const ACTIVITY_ACTIONS = [
  "approve",
  "publish",
  "open-nominations",
  "close-nominations",
  "conduct",
  "collect-feedback",
  "archive",
  "cancel",
] as const;

export const NOMINATION_STATUSES = ["confirmed", "waitlisted", "pending-owner", "withdrawn", "declined"] as const;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const ZLanguageLevel = z.number().int().min(0).max(5);
/** A nation's ISO alpha-3 code, any case in, upper case out. */
const ZNationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "must be a nation code (ISO alpha-3)")
  .transform((s) => s.toUpperCase());

export const ZActivityKind = z.enum(ACTIVITY_KINDS);
export const ZActivityStatus = z.enum(ACTIVITY_STATUSES);
export const ZActivityAction = z.enum(ACTIVITY_ACTIONS);

export const ZActivityInput = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,6}\.\d{1,6}$/, "must be a reference such as ACT.396"),
  owner: ZText(120),
  /** The name of the owner's organisation in Entente, if it has users there (they review nominations). */
  ownerOrganisation: ZText(200).optional(),
  title: ZText(200),
  kind: ZActivityKind,
  description: z.string().trim().max(5000).default(""),
  aim: z.string().trim().max(5000).default(""),
  /** As the owner states them, e.g. "650 EUR per participant" or "none". */
  fees: z.string().trim().max(200).default(""),
  /** Name, office and e-mail of whom to ask. */
  pointOfContact: z.string().trim().max(300).default(""),
  audience: ZText(300),
  requiredClearance: ZClearance,
  language: ZText(40).default("English"),
  languageLevel: ZLanguageLevel.default(0),
  areas: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  label: ZLabelInput,
});

export const ZIterationInput = z
  .strictObject({
    code: ZText(40),
    startDate: ZDate,
    endDate: ZDate,
    city: ZText(120),
    countryCode: ZNationCode,
    seats: z.number().int().min(1).max(10_000),
    nominationDeadline: ZDate,
    twoStep: z.boolean().default(false),
  })
  .refine((i) => i.startDate <= i.endDate, { message: "must not be before startDate", path: ["endDate"] })
  .refine((i) => i.nominationDeadline <= i.startDate, {
    message: "must not be after startDate",
    path: ["nominationDeadline"],
  });

export const ZParticipantInput = z.strictObject({
  /** Only staff and admins give it: partners nominate for their own nation. */
  nation: ZNationCode.optional(),
  name: ZText(200),
  email: z
    .email("must be an email address")
    .max(254)
    .transform((s) => s.toLowerCase()),
  rank: ZText(60),
  clearance: ZClearance,
  languageLevel: ZLanguageLevel,
});

export const ZSeats = z.number().int().min(1).max(10_000);

export type TActivityKind = z.infer<typeof ZActivityKind>;
export type TActivityStatus = z.infer<typeof ZActivityStatus>;
export type TActivityAction = z.infer<typeof ZActivityAction>;
export type TActivityInput = z.input<typeof ZActivityInput>;
export type TIterationInput = z.input<typeof ZIterationInput>;
export type TParticipantInput = z.input<typeof ZParticipantInput>;
export type TNominationStatus = (typeof NOMINATION_STATUSES)[number];

// The menu: search, facets, the activity page (issue 4).

/** At most this many activities per page (each carries a policy decision for the viewer's nation). */
export const MAX_ACTIVITY_PAGE = 25;

const ZQueryText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ZListActivitiesQuery = z
  .strictObject({
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    area: ZQueryText(60).optional(),
    kind: ZActivityKind.optional(),
    status: ZActivityStatus.optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    language: ZQueryText(40).optional(),
    owner: ZQueryText(120).optional(),
    // "true"/"false" in a query string; a boolean once parsed (the domain parses again).
    openSeats: ZQueryFlag.optional(),
    /** Only activities the policy engine opens to the viewer's nation (on `from`, else today). */
    openToMe: ZQueryFlag.optional(),
    cursor: z.string().max(40, "is not a cursor this API returned").optional(),
    limit: z.coerce.number().int().min(1).max(MAX_ACTIVITY_PAGE).default(MAX_ACTIVITY_PAGE),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: "must not be before from",
    path: ["to"],
  });

export const ZAccessSummary = z.object({
  outcome: ZOutcome,
  explanation: z.string(),
  /** Open case by case: the Council decision that opened it to the viewer's nation. */
  councilDecision: z.object({ id: z.string(), reference: z.string(), date: z.string() }).nullable(),
});

export const ZIterationView = z.object({
  id: z.string(),
  code: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  city: z.string(),
  countryCode: z.string(),
  seats: z.number().int(),
  confirmedCount: z.number().int(),
  seatsLeft: z.number().int(),
  nominationDeadline: z.string(),
  twoStep: z.boolean(),
  /** "cancelled": this run alone is called off; the activity's other runs go on. */
  status: z.enum(["scheduled", "cancelled"]),
});

export const ZActivityRecord = z.object({
  id: z.string(),
  reference: z.string(),
  owner: z.string(),
  ownerOrganisationId: z.string().nullable(),
  title: z.string(),
  kind: ZActivityKind,
  description: z.string(),
  aim: z.string(),
  fees: z.string(),
  pointOfContact: z.string(),
  audience: z.string(),
  requiredClearance: ZClearance,
  language: z.string(),
  languageLevel: z.number().int(),
  status: ZActivityStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZActivitySummary = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  owner: z.string(),
  kind: ZActivityKind,
  status: ZActivityStatus,
  audience: z.string(),
  language: z.string(),
  areas: z.array(z.string()),
  label: ZLabel,
  /** The first iteration starting on or after today, else the latest one; null without iterations. */
  nextIteration: ZIterationView.nullable(),
  /** Whether the viewer's nation may join (on that iteration's start, or today); null for alliance users. */
  openToMyNation: ZAccessSummary.nullable(),
});

export const ZFacetCount = z.object({ value: z.string(), count: z.number().int() });

export const ZActivityPage = z.object({
  activities: z.array(ZActivitySummary),
  nextCursor: z.string().nullable(),
  facets: z.object({ area: z.array(ZFacetCount), kind: z.array(ZFacetCount) }),
});

export const ZIterationDetail = ZIterationView.extend({
  waitlistLength: z.number().int(),
  /** For a viewer with a nation: the policy engine's decision on the iteration's start date. */
  access: ZAccessSummary.nullable(),
});

export const ZActivityDetail = ZActivityRecord.extend({
  /** The viewer belongs to the owner organisation: it reviews nominations and records attendance. */
  viewerIsOwner: z.boolean(),
  areas: z.array(z.string()),
  label: ZLabel,
  iterations: z.array(ZIterationDetail),
});

export const ZNominationView = z.object({
  id: z.string(),
  iterationId: z.string(),
  nation: z.string(),
  name: z.string(),
  email: z.string(),
  rank: z.string(),
  clearance: ZClearance,
  languageLevel: z.number().int(),
  status: z.enum(NOMINATION_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A nomination with what it is for: "my nominations", the owner's review, the staff's lists. */
export const ZNominationListItem = ZNominationView.extend({
  /** Attendance once recorded (null before), and whether feedback has been given for it. */
  attended: z.boolean().nullable(),
  feedbackSubmitted: z.boolean(),
  activity: z.object({ id: z.string(), reference: z.string(), title: z.string(), owner: z.string() }),
  iteration: z.object({
    code: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    city: z.string(),
    countryCode: z.string(),
    twoStep: z.boolean(),
  }),
});

export const ZListNominationsQuery = z.strictObject({
  /** Only this iteration's. */
  iteration: z.string().trim().min(1).max(64).optional(),
  status: z.enum(NOMINATION_STATUSES).optional(),
  /** Staff and owners: only this nation's (partners always see their own nation's only). */
  nation: ZNationCode.optional(),
  /** Only iterations starting on or after this date. */
  from: ZDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const ZNominationDecisionBody = z.strictObject({ answer: z.enum(["accept", "decline"]) });

export const ZTransitionBody = z.strictObject({ action: ZActivityAction });
export const ZSeatsBody = z.strictObject({ seats: ZSeats });

export type TListActivitiesQuery = z.input<typeof ZListActivitiesQuery>;
export type TActivityPage = z.infer<typeof ZActivityPage>;
export type TActivitySummary = z.infer<typeof ZActivitySummary>;
export type TActivityDetail = z.infer<typeof ZActivityDetail>;
export type TActivityRecord = z.infer<typeof ZActivityRecord>;
export type TIterationView = z.infer<typeof ZIterationView>;
export type TNominationView = z.infer<typeof ZNominationView>;
export type TNominationListItem = z.infer<typeof ZNominationListItem>;
export type TListNominationsQuery = z.input<typeof ZListNominationsQuery>;
