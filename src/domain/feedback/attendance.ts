import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { ActivityStatus, Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { type Activity, findReadableIteration, isActivityOwner } from "../activities/activities.js";
import { recordAuditEvent, recordAuditEventAlone } from "../audit/audit.js";
import { isStaff } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { type TAttendanceInput, type TAttendanceSheet, ZAttendanceInput } from "./feedback.schema.js";

/** The states in which an iteration has been run and its attendance and feedback are still open. */
export const AFTER_CONDUCT: readonly ActivityStatus[] = ["conducted", "feedback-collected"];

type DbOrTrx = Db | Transaction<Database>;

/** Staff, admins and the owner organisation's users record attendance (they ran or ran the iteration for the owner). */
async function mayRecord(db: DbOrTrx, viewer: Viewer, activity: Activity): Promise<boolean> {
  return viewer.userId !== null && (isStaff(viewer) || (await isActivityOwner(db, viewer, activity)));
}

export function requireConducted(activity: Activity, what: string): void {
  if (!AFTER_CONDUCT.includes(activity.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot ${what} for activity ${activity.reference}: it is ${activity.status}; only once conducted (and until archived)`,
      { status: activity.status },
    );
  }
}

/**
 * Records (or re-records) who attended an iteration: confirmed nominations only, once the
 * activity is conducted and until it is archived, by staff, admins or the owner organisation.
 * One transaction, one audit event. A participant whose feedback is in cannot be marked absent
 * (the report would count an answer from someone who was not there): CONFLICT.
 */
export async function recordAttendance(
  db: Db,
  actor: Viewer,
  iterationId: string,
  input: TAttendanceInput,
  now: Date,
): Promise<TAttendanceSheet> {
  const { records } = parseInput(ZAttendanceInput, input);
  const { iteration, activity } = await findReadableIteration(db, actor, iterationId, now);
  if (!(await mayRecord(db, actor, activity))) {
    await recordAuditEventAlone(
      db,
      { actor, action: "iteration.attendance", objectType: "iteration", objectId: iteration.id, outcome: "denied" },
      now,
    );
    if (actor.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first").markAudited();
    throw new AppError("FORBIDDEN", "Only staff or the activity's owner organisation record attendance", {
      action: "iteration.attendance",
    }).markAudited();
  }
  requireConducted(activity, "record attendance");
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const ids = records.map((r) => r.nominationId);
    const nominations = await trx
      .selectFrom("nomination")
      .leftJoin("feedback", "feedback.nomination_id", "nomination.id")
      .select(["nomination.id", "nomination.status", "feedback.nomination_id as feedback"])
      .where("nomination.iteration_id", "=", iteration.id)
      .where("nomination.id", "in", ids)
      .execute();
    for (const [index, record] of records.entries()) {
      const found = nominations.find((n) => n.id === record.nominationId);
      const field = `records.${index}.nominationId`;
      if (!found) throw fieldError(field, "is not a nomination of this iteration");
      if (found.status !== "confirmed") {
        throw fieldError(field, `is ${found.status}; only confirmed nominations attend`);
      }
      if (!record.attended && found.feedback !== null) {
        throw new AppError(
          "CONFLICT",
          `Nomination ${record.nominationId} has given feedback; it cannot be marked absent`,
          {
            field,
          },
        );
      }
    }
    for (const record of records) {
      const attended = record.attended ? 1 : 0;
      await trx
        .insertInto("attendance")
        .values({
          nomination_id: record.nominationId,
          iteration_id: iteration.id,
          attended,
          recorded_by: actor.userId ?? "",
          recorded_at: at,
        })
        .onConflict((oc) =>
          oc.column("nomination_id").doUpdateSet({ attended, recorded_by: actor.userId ?? "", recorded_at: at }),
        )
        .execute();
    }
    const attendedCount = records.filter((r) => r.attended).length;
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "iteration.attendance",
        objectType: "iteration",
        objectId: iteration.id,
        objectLabel: await getLabel(trx, activity.label_id),
        outcome: "success",
        details: {
          activity: activity.reference,
          iteration: iteration.code,
          attended: attendedCount,
          absent: records.length - attendedCount,
        },
      },
      now,
    );
  });
  return getAttendance(db, actor, iterationId, now);
}

/**
 * The attendance sheet: the confirmed nominations with what was recorded. Staff and the owner
 * organisation see every nation; anyone else sees its own nation's participants only.
 */
export async function getAttendance(db: Db, viewer: Viewer, iterationId: string, now: Date): Promise<TAttendanceSheet> {
  const { iteration, activity } = await findReadableIteration(db, viewer, iterationId, now);
  const all = await mayRecord(db, viewer, activity);
  let query = db
    .selectFrom("nomination")
    .leftJoin("attendance", "attendance.nomination_id", "nomination.id")
    .leftJoin("feedback", "feedback.nomination_id", "nomination.id")
    .select([
      "nomination.id",
      "nomination.nation_code",
      "nomination.participant_name",
      "nomination.rank",
      "attendance.attended",
      "attendance.recorded_at",
      "feedback.submitted_at",
    ])
    .where("nomination.iteration_id", "=", iteration.id)
    .where("nomination.status", "=", "confirmed");
  if (!all) query = query.where("nomination.nation_code", "=", viewer.nation ?? "");
  const rows = await query
    .orderBy("nomination.nation_code")
    .orderBy("nomination.participant_name")
    .orderBy("nomination.id")
    .execute();
  return {
    iterationId: iteration.id,
    activityStatus: activity.status,
    canRecord: all && AFTER_CONDUCT.includes(activity.status),
    records: rows.map((r) => ({
      nominationId: r.id,
      nation: r.nation_code,
      name: r.participant_name,
      rank: r.rank,
      attended: r.attended === null ? null : Number(r.attended) === 1,
      recordedAt: r.recorded_at,
      feedbackSubmitted: r.submitted_at !== null,
    })),
  };
}
