import { z } from "zod";
import { ZLabel } from "../labels/labels.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";
import { ZQueryFlag } from "../shared/query.schema.js";

// The programme API's shapes, shared by the domain, the routes and the web UI.

export const PROGRAMME_TYPES = ["annual-work-programme", "ipcp", "itpp"] as const;
export const PROGRAMME_STATUSES = [
  "draft",
  "consultation",
  "submitted",
  "agreed",
  "in-force",
  "under-review",
  "completed",
  "superseded",
  "withdrawn",
] as const;
/** The moves a user can ask for; the Council's decision moves a programme by itself (decisions module). */
export const PROGRAMME_ACTIONS = [
  "open-consultation",
  "submit",
  "return-to-consultation",
  "accept",
  "enter-into-force",
  "start-review",
  "end-review",
  "complete",
  "withdraw",
] as const;
/** Sections a comment can sit beside: the fixed parts, or one free-text section by key (`section:<key>`). */
export const PROGRAMME_FIXED_SECTIONS = ["general", "areas", "objectives", "goals", "activities"] as const;

const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
/** Short ids the builder gives objectives, goals and sections, so comments and links survive revisions. */
const ZItemId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be a short id: lower-case letters, digits and hyphens");

export const ZProgrammeType = z.enum(PROGRAMME_TYPES);
export const ZProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export const ZProgrammeAction = z.enum(PROGRAMME_ACTIONS);

export const ZProgrammeContent = z.strictObject({
  /** Areas of cooperation the partner chooses (area codes). */
  areas: z.array(z.string().trim().min(1).max(40)).max(60).default([]),
  /** Objectives (ITPP: strategic objectives, the ends). */
  objectives: z
    .array(z.strictObject({ id: ZItemId, text: ZText(2000) }))
    .max(50)
    .default([]),
  /** Partnership goals (ITPP: the ways), each serving one objective or none. */
  goals: z
    .array(z.strictObject({ id: ZItemId, objectiveId: ZItemId.nullable().default(null), text: ZText(2000) }))
    .max(100)
    .default([]),
  /** Activities picked from the menu (the means) with the planned number of participants. */
  activities: z
    .array(
      z.strictObject({
        activityId: z.string().trim().min(1).max(64),
        objectiveId: ZItemId.nullable().default(null),
        plannedParticipants: z.number().int().min(1, "must be at least 1").max(500, "must be at most 500"),
      }),
    )
    .max(200)
    .default([]),
  /** Free-text sections. */
  sections: z
    .array(z.strictObject({ key: ZItemId, title: ZText(200), text: z.string().max(20000) }))
    .max(20)
    .default([]),
});

export const ZProgrammeInput = z.strictObject({
  /** The partner; a partner's own users may leave it out (their nation). */
  nation: ZNationCode.optional(),
  title: ZText(300),
  periodStart: ZIsoDate,
  periodEnd: ZIsoDate,
  content: ZProgrammeContent.default({ areas: [], objectives: [], goals: [], activities: [], sections: [] }),
});

/** Saves a new revision. `expectedRevision` is the revision the editor started from: a stale one is CONFLICT. */
export const ZProgrammeRevisionInput = z.strictObject({
  title: ZText(300).optional(),
  content: ZProgrammeContent,
  expectedRevision: z.number().int().min(1),
  note: z.string().trim().max(500).default(""),
});

export const ZProgrammeActionInput = z.strictObject({ action: ZProgrammeAction });

export const ZProgrammeCommentInput = z.strictObject({
  /** Defaults to the current revision. */
  revision: z.number().int().min(1).optional(),
  section: z
    .string()
    .trim()
    .regex(/^(general|areas|objectives|goals|activities|section:[a-z0-9][a-z0-9-]{0,39})$/, "must be a section"),
  body: ZText(4000),
});

export const ZListProgrammesQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  nation: ZNationCode.optional(),
  status: ZProgrammeStatus.optional(),
  type: ZProgrammeType.optional(),
  /** Only programmes the viewer can act on now. */
  actionable: ZQueryFlag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

const ZNationRef = z.object({ code: z.string(), name: z.string() });
const ZUserRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export const ZProgrammeSummary = z.object({
  id: z.string(),
  nation: ZNationRef,
  type: ZProgrammeType,
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: ZProgrammeStatus,
  currentRevision: z.number().int(),
  updatedAt: z.string(),
  marking: z.string(),
});

export const ZProgrammeList = z.object({
  programmes: z.array(ZProgrammeSummary),
  /** Matching programmes in all (within the viewer's access), and per status. */
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});

export const ZProgrammeRevisionRef = z.object({
  number: z.number().int(),
  title: z.string(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: ZUserRef,
});

export const ZProgrammeComment = z.object({
  id: z.string(),
  revision: z.number().int(),
  section: z.string(),
  body: z.string(),
  author: ZUserRef.extend({ organisation: z.string() }),
  createdAt: z.string(),
});

const ZDecisionRef = z.object({
  id: z.string(),
  reference: z.string(),
  procedure: z.enum(["meeting", "silence"]),
  status: z.enum(["open", "adopted", "silence-broken", "not-adopted", "withdrawn"]),
  deadlineAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcomeText: z.string(),
});

export const ZProgramme = ZProgrammeSummary.extend({
  content: ZProgrammeContent,
  /** The menu activities the content names, as the viewer may see them (unreadable ones are left out). */
  activities: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), status: z.string() })),
  revisions: z.array(ZProgrammeRevisionRef),
  comments: z.array(ZProgrammeComment),
  /** The open Council procedure on it, if any, and the past ones, newest first. */
  decisions: z.array(ZDecisionRef),
  councilDecision: ZDecisionRef.nullable(),
  acceptedAt: z.string().nullable(),
  supersededBy: z.string().nullable(),
  /** The actions the viewer may take now (the UI shows exactly these). */
  allowedActions: z.array(ZProgrammeAction),
  canEdit: z.boolean(),
  canComment: z.boolean(),
  label: ZLabel,
  createdAt: z.string(),
});

/** One revision as saved: GET /api/programmes/:id/revisions/:number. */
export const ZProgrammeRevisionContent = z.object({
  number: z.number().int(),
  title: z.string(),
  note: z.string(),
  createdAt: z.string(),
  content: ZProgrammeContent,
});

export const ZDiffPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });

export const ZProgrammeDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** One entry per changed section, in the document's order; unchanged sections are left out. */
  changes: z.array(
    z.object({
      section: z.string(),
      heading: z.string(),
      kind: z.enum(["added", "removed", "changed"]),
      parts: z.array(ZDiffPart),
    }),
  ),
});

export const ZDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const ZProgressStatus = z.enum(["done", "planned", "cancelled"]);

/** Progress per objective and activity, derived from nominations and attendance. */
export const ZProgrammeProgress = z.object({
  programmeId: z.string(),
  objectives: z.array(
    z.object({
      id: z.string().nullable(),
      text: z.string(),
      activities: z.array(
        z.object({
          activityId: z.string(),
          reference: z.string(),
          title: z.string(),
          planned: z.number().int(),
          nominated: z.number().int(),
          attended: z.number().int(),
          status: ZProgressStatus,
        }),
      ),
      done: z.number().int(),
      planned: z.number().int(),
      cancelled: z.number().int(),
    }),
  ),
});

export type TProgrammeType = z.infer<typeof ZProgrammeType>;
export type TProgrammeStatus = z.infer<typeof ZProgrammeStatus>;
export type TProgrammeAction = z.infer<typeof ZProgrammeAction>;
export type TProgrammeContent = z.infer<typeof ZProgrammeContent>;
export type TProgrammeInput = z.input<typeof ZProgrammeInput>;
export type TProgrammeRevisionInput = z.input<typeof ZProgrammeRevisionInput>;
export type TProgrammeCommentInput = z.input<typeof ZProgrammeCommentInput>;
export type TListProgrammesQuery = z.input<typeof ZListProgrammesQuery>;
export type TProgrammeSummary = z.infer<typeof ZProgrammeSummary>;
export type TProgrammeList = z.infer<typeof ZProgrammeList>;
export type TProgramme = z.infer<typeof ZProgramme>;
export type TProgrammeComment = z.infer<typeof ZProgrammeComment>;
export type TProgrammeRevisionContent = z.infer<typeof ZProgrammeRevisionContent>;
export type TProgrammeDiff = z.infer<typeof ZProgrammeDiff>;
export type TProgrammeProgress = z.infer<typeof ZProgrammeProgress>;
