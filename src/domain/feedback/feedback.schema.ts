import { z } from "zod";
import { ZIterationView } from "../activities/activities.schema.js";
import { ZLabel } from "../labels/labels.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// Inputs and outputs of attendance, the feedback questionnaire and the reports (Zod only, so
// the web app imports these to infer its types and render the form from the questionnaire).

export const QUESTION_KINDS = ["rating", "yes-no", "text"] as const;
export type TQuestionKind = (typeof QUESTION_KINDS)[number];

export const ZQuestion = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  required: z.boolean(),
  /** Ratings: the words for 1 and 5. */
  scale: z.object({ low: z.string(), high: z.string() }).nullable(),
  /** Free text: the longest accepted answer. */
  maxLength: z.number().int().nullable(),
});
export const ZQuestionnaire = z.object({ version: z.number().int(), questions: z.array(ZQuestion) });
export type TQuestion = z.infer<typeof ZQuestion>;
export type TQuestionnaire = z.infer<typeof ZQuestionnaire>;

const scale = { low: "poor", high: "excellent" };
const COMMENT_MAX = 2000;

/**
 * THE questionnaire. Versioned: a change of questions is a new version (submissions record the
 * version they answered); answers are stored one row per question, so no migration is needed.
 */
export const QUESTIONNAIRE: TQuestionnaire = Object.freeze({
  version: 1,
  questions: [
    { id: "overall", kind: "rating", text: "Overall rating of the activity", required: true, scale, maxLength: null },
    {
      id: "relevance",
      kind: "rating",
      text: "Relevance to the participant's post",
      required: true,
      scale: { low: "not relevant", high: "highly relevant" },
      maxLength: null,
    },
    { id: "instruction", kind: "rating", text: "Quality of instruction", required: true, scale, maxLength: null },
    { id: "organisation", kind: "rating", text: "Organisation and logistics", required: true, scale, maxLength: null },
    {
      id: "recommend",
      kind: "yes-no",
      text: "Would you recommend it to a colleague?",
      required: true,
      scale: null,
      maxLength: null,
    },
    { id: "worked", kind: "text", text: "What worked well", required: false, scale: null, maxLength: COMMENT_MAX },
    { id: "improve", kind: "text", text: "What to improve", required: false, scale: null, maxLength: COMMENT_MAX },
  ],
}) as TQuestionnaire;

const ZRating = z.number().int("must be a whole number from 1 to 5").min(1, "must be 1 to 5").max(5, "must be 1 to 5");
const ZComment = z
  .string()
  .trim()
  .max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`)
  .transform((s) => (s === "" ? undefined : s))
  .optional();

/** The answers to QUESTIONNAIRE version 1, field by field (an unknown question is refused by name). */
export const ZFeedbackAnswers = z.strictObject({
  overall: ZRating,
  relevance: ZRating,
  instruction: ZRating,
  organisation: ZRating,
  recommend: z.boolean("must be true or false"),
  worked: ZComment,
  improve: ZComment,
});
export const ZFeedbackSubmission = z.strictObject({ answers: ZFeedbackAnswers });
export type TFeedbackSubmission = z.input<typeof ZFeedbackSubmission>;
export type TFeedbackAnswers = z.infer<typeof ZFeedbackAnswers>;

export const ZFeedbackReceipt = z.object({
  nominationId: z.string(),
  iterationId: z.string(),
  questionnaireVersion: z.number().int(),
  submittedAt: z.string(),
});
export type TFeedbackReceipt = z.infer<typeof ZFeedbackReceipt>;

// Attendance

export const ZAttendanceInput = z.strictObject({
  records: z
    .array(z.strictObject({ nominationId: z.string().min(1).max(64), attended: z.boolean("must be true or false") }))
    .min(1, "must list at least one nomination")
    .max(1000, "must list at most 1000 nominations")
    .refine((rs) => new Set(rs.map((r) => r.nominationId)).size === rs.length, "must not list a nomination twice"),
});
export type TAttendanceInput = z.input<typeof ZAttendanceInput>;

export const ZAttendanceRecord = z.object({
  nominationId: z.string(),
  nation: z.string(),
  name: z.string(),
  rank: z.string(),
  /** null: not recorded yet. */
  attended: z.boolean().nullable(),
  recordedAt: z.string().nullable(),
  feedbackSubmitted: z.boolean(),
});
export const ZAttendanceSheet = z.object({
  iterationId: z.string(),
  activityStatus: z.string(),
  /** Whether the viewer may record attendance (staff or the owner organisation, once conducted). */
  canRecord: z.boolean(),
  records: z.array(ZAttendanceRecord),
});
export type TAttendanceSheet = z.infer<typeof ZAttendanceSheet>;

// The aggregated report of one iteration

export const ZRatingResult = z.object({
  id: z.string(),
  kind: z.literal("rating"),
  text: z.string(),
  responses: z.number().int(),
  /** Two decimals; null without responses. */
  mean: z.number().nullable(),
  /** Counts for 1..5, always five entries. */
  distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })),
});
export const ZYesNoResult = z.object({
  id: z.string(),
  kind: z.literal("yes-no"),
  text: z.string(),
  yes: z.number().int(),
  no: z.number().int(),
});
export const ZTextResult = z.object({
  id: z.string(),
  kind: z.literal("text"),
  text: z.string(),
  /** Anonymised (no name, no nation, alphabetical order); null while withheld (fewer than MIN_RESPONSES_FOR_COMMENTS responses). */
  comments: z.array(z.string()).nullable(),
});
export const ZQuestionResult = z.discriminatedUnion("kind", [ZRatingResult, ZYesNoResult, ZTextResult]);

export const ZFeedbackReport = z.object({
  activity: z.object({ id: z.string(), reference: z.string(), title: z.string(), status: z.string() }),
  iteration: ZIterationView.pick({
    id: true,
    code: true,
    startDate: true,
    endDate: true,
    city: true,
    countryCode: true,
  }),
  /** The activity's label: the report is as sensitive as the activity; show its marking. */
  label: ZLabel,
  questionnaireVersion: z.number().int(),
  attended: z.number().int(),
  responses: z.number().int(),
  /** responses / attended, two decimals; null when nobody attended. */
  responseRate: z.number().nullable(),
  commentsWithheld: z.boolean(),
  questions: z.array(ZQuestionResult),
  nations: z.array(
    z.object({
      nation: z.string(),
      confirmed: z.number().int(),
      attended: z.number().int(),
      responses: z.number().int(),
    }),
  ),
});
export type TFeedbackReport = z.infer<typeof ZFeedbackReport>;

// Participation of one partner

export const ZParticipationQuery = z
  .strictObject({ from: ZIsoDate.optional(), to: ZIsoDate.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "must not be before from",
    path: ["to"],
  });
export type TParticipationQuery = z.input<typeof ZParticipationQuery>;

const ZCounts = z.object({
  nominations: z.number().int(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  pendingOwner: z.number().int(),
  withdrawn: z.number().int(),
  declined: z.number().int(),
  attended: z.number().int(),
});
export type TParticipationCounts = z.infer<typeof ZCounts>;

export const ZParticipationReport = z.object({
  nation: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: ZCounts.extend({ activities: z.number().int(), iterations: z.number().int() }),
  /**
   * One row per (year, area, kind) cell. An activity with two areas counts in both areas, so
   * sum rows over areas only within one area; `totals` and `iterations` count each nomination once.
   */
  breakdown: z.array(
    ZCounts.extend({ year: z.string(), area: z.string().nullable(), kind: z.string(), activities: z.number().int() }),
  ),
  iterations: z.array(
    ZCounts.extend({
      iterationId: z.string(),
      code: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      activityId: z.string(),
      reference: z.string(),
      title: z.string(),
      kind: z.string(),
      status: z.string(),
    }),
  ),
});
export type TParticipationReport = z.infer<typeof ZParticipationReport>;
