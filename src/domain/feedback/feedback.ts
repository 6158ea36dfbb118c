import type { Db } from "../../db/connect.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { findReadableIteration, isActivityOwner, isUniqueViolation } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { isStaff, requireRole } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { parseInput } from "../shared/validation.js";
import { requireConducted } from "./attendance.js";
import {
  QUESTIONNAIRE,
  type TFeedbackReceipt,
  type TFeedbackReport,
  type TFeedbackSubmission,
  type TQuestionnaire,
  ZFeedbackSubmission,
} from "./feedback.schema.js";

/** Free-text answers are shown only from this many responses on: below it, a comment points at its author. */
export const MIN_RESPONSES_FOR_COMMENTS = 3;

export function getQuestionnaire(): TQuestionnaire {
  return QUESTIONNAIRE;
}

/**
 * The feedback of one attended participant, given by its nation's partner user (the point of
 * contact answers on the participant's behalf: participants have no accounts) or by staff.
 * Once per nomination: a second submission is CONFLICT (answers are not edited afterwards, so
 * a report once read does not change under its readers). Only while the activity is conducted
 * or collecting feedback. A nomination of another nation is NOT_FOUND, as for every partner read.
 */
export async function submitFeedback(
  db: Db,
  actor: Viewer,
  nominationId: string,
  input: TFeedbackSubmission,
  now: Date,
): Promise<TFeedbackReceipt> {
  await requireRole(db, actor, "feedback.submit", ["partner", "staff", "admin"], now);
  const { answers } = parseInput(ZFeedbackSubmission, input);
  const nomination = await db.selectFrom("nomination").selectAll().where("id", "=", nominationId).executeTakeFirst();
  if (!nomination) throw notFound("nomination", nominationId);
  const staff = isStaff(actor);
  if (!staff && nomination.nation_code !== actor.nation) throw notFound("nomination", nominationId);
  let found: Awaited<ReturnType<typeof findReadableIteration>>;
  try {
    found = await findReadableIteration(db, actor, nomination.iteration_id, now);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") throw notFound("nomination", nominationId);
    throw error;
  }
  const { activity, iteration } = found;
  requireConducted(activity, "give feedback");
  const attendance = await db
    .selectFrom("attendance")
    .select("attended")
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (nomination.status !== "confirmed" || Number(attendance?.attended ?? 0) !== 1) {
    throw new AppError(
      "INVALID_STATE",
      `Nomination ${nominationId} is not recorded as attended: only participants who attended give feedback`,
      {
        attended: attendance ? Number(attendance.attended) === 1 : null,
      },
    );
  }
  const at = now.toISOString();
  const rows = QUESTIONNAIRE.questions.flatMap((q) => {
    const value = answers[q.id as keyof typeof answers];
    if (value === undefined) return [];
    return [
      {
        nomination_id: nominationId,
        question_id: q.id,
        rating: q.kind === "rating" ? Number(value) : null,
        choice: q.kind === "yes-no" ? (value === true ? 1 : 0) : null,
        comment: q.kind === "text" ? String(value) : null,
      },
    ];
  });
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("feedback")
        .values({
          nomination_id: nominationId,
          iteration_id: iteration.id,
          questionnaire_version: QUESTIONNAIRE.version,
          submitted_by: actor.userId ?? "",
          submitted_as: staff ? "staff" : "partner",
          submitted_at: at,
        })
        .execute();
      await trx.insertInto("feedback_answer").values(rows).execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "feedback.submit",
          objectType: "nomination",
          objectId: nominationId,
          objectLabel: await getLabel(trx, activity.label_id),
          outcome: "success",
          // The answers themselves stay out of the trail: they are the participant's opinion, not an action.
          details: { activity: activity.reference, iteration: iteration.code, nation: nomination.nation_code },
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `Feedback for nomination ${nominationId} was already given`, {
        nomination: nominationId,
      });
    }
    throw error;
  }
  return { nominationId, iterationId: iteration.id, questionnaireVersion: QUESTIONNAIRE.version, submittedAt: at };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The aggregated feedback of one iteration. Readable by staff, the owner organisation and the
 * users of every nation that had a participant attend; anyone else (including a participating
 * nation the activity's label is not releasable to today: the report carries that label) gets
 * NOT_FOUND. Counts are aggregated in SQL; comments are anonymised (no name, no nation,
 * alphabetical) and withheld below MIN_RESPONSES_FOR_COMMENTS responses.
 */
export async function getFeedbackReport(
  db: Db,
  viewer: Viewer,
  iterationId: string,
  now: Date,
): Promise<TFeedbackReport> {
  const { iteration, activity } = await findReadableIteration(db, viewer, iterationId, now);
  const [nations, ratings, choices, comments, label] = await Promise.all([
    db
      .selectFrom("nomination")
      .leftJoin("attendance", "attendance.nomination_id", "nomination.id")
      .leftJoin("feedback", "feedback.nomination_id", "nomination.id")
      .select((eb) => [
        "nomination.nation_code as nation",
        eb.fn.countAll().as("confirmed"),
        eb.fn.count("attendance.nomination_id").filterWhere("attendance.attended", "=", 1).as("attended"),
        eb.fn.count("feedback.nomination_id").as("responses"),
      ])
      .where("nomination.iteration_id", "=", iteration.id)
      .where("nomination.status", "=", "confirmed")
      .groupBy("nomination.nation_code")
      .orderBy("nomination.nation_code")
      .execute(),
    db
      .selectFrom("feedback_answer")
      .innerJoin("feedback", "feedback.nomination_id", "feedback_answer.nomination_id")
      .select((eb) => ["feedback_answer.question_id", "feedback_answer.rating", eb.fn.countAll().as("n")])
      .where("feedback.iteration_id", "=", iteration.id)
      .where("feedback_answer.rating", "is not", null)
      .groupBy(["feedback_answer.question_id", "feedback_answer.rating"])
      .execute(),
    db
      .selectFrom("feedback_answer")
      .innerJoin("feedback", "feedback.nomination_id", "feedback_answer.nomination_id")
      .select((eb) => ["feedback_answer.question_id", "feedback_answer.choice", eb.fn.countAll().as("n")])
      .where("feedback.iteration_id", "=", iteration.id)
      .where("feedback_answer.choice", "is not", null)
      .groupBy(["feedback_answer.question_id", "feedback_answer.choice"])
      .execute(),
    db
      .selectFrom("feedback_answer")
      .innerJoin("feedback", "feedback.nomination_id", "feedback_answer.nomination_id")
      .select(["feedback_answer.question_id", "feedback_answer.comment"])
      .where("feedback.iteration_id", "=", iteration.id)
      .where("feedback_answer.comment", "is not", null)
      .execute(),
    getLabel(db, activity.label_id),
  ]);
  const byNation = nations.map((n) => ({
    nation: n.nation,
    confirmed: Number(n.confirmed),
    attended: Number(n.attended),
    responses: Number(n.responses),
  }));
  const participated = viewer.nation !== null && byNation.some((n) => n.nation === viewer.nation && n.attended > 0);
  if (!isStaff(viewer) && !participated && !(await isActivityOwner(db, viewer, activity))) {
    throw notFound("iteration", iterationId);
  }
  const attended = byNation.reduce((sum, n) => sum + n.attended, 0);
  const responses = byNation.reduce((sum, n) => sum + n.responses, 0);
  const withheld = responses < MIN_RESPONSES_FOR_COMMENTS;
  const questions: TFeedbackReport["questions"] = QUESTIONNAIRE.questions.map((q) => {
    if (q.kind === "rating") {
      const distribution = [1, 2, 3, 4, 5].map((value) => ({
        value,
        count: Number(ratings.find((r) => r.question_id === q.id && Number(r.rating) === value)?.n ?? 0),
      }));
      const n = distribution.reduce((sum, d) => sum + d.count, 0);
      const total = distribution.reduce((sum, d) => sum + d.value * d.count, 0);
      return {
        id: q.id,
        kind: "rating",
        text: q.text,
        responses: n,
        mean: n === 0 ? null : round2(total / n),
        distribution,
      };
    }
    if (q.kind === "yes-no") {
      const count = (choice: number) =>
        Number(choices.find((c) => c.question_id === q.id && Number(c.choice) === choice)?.n ?? 0);
      return { id: q.id, kind: "yes-no", text: q.text, yes: count(1), no: count(0) };
    }
    return {
      id: q.id,
      kind: "text",
      text: q.text,
      comments: withheld
        ? null
        : comments
            .filter((c) => c.question_id === q.id)
            .map((c) => c.comment ?? "")
            // Code-unit order, the same on both engines (collations differ); it says nothing about who wrote what.
            .sort(),
    };
  });
  return {
    activity: { id: activity.id, reference: activity.reference, title: activity.title, status: activity.status },
    iteration: {
      id: iteration.id,
      code: iteration.code,
      startDate: iteration.start_date,
      endDate: iteration.end_date,
      city: iteration.city,
      countryCode: iteration.country_code,
    },
    label,
    questionnaireVersion: QUESTIONNAIRE.version,
    attended,
    responses,
    responseRate: attended === 0 ? null : round2(responses / attended),
    commentsWithheld: withheld,
    questions,
    nations: byNation,
  };
}
