import type { Db } from "../../db/connect.js";
import type { ProgrammeStatus } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { visibleActivity } from "../activities/activities.js";
import { readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { readRevisionContent } from "./programmes.js";
import type { TProgrammeProgress } from "./programmes.schema.js";
import { findReadableProgramme } from "./rules.js";

// Progress of an agreed programme: per objective and picked activity, derived from the partner's
// nominations and attendance on the activity's iterations within the programme's period.

export const PROGRESS_STATUSES: readonly ProgrammeStatus[] = [
  "agreed",
  "in-force",
  "under-review",
  "completed",
  "superseded",
];
const HELD = ["conducted", "feedback-collected", "archived"];

type Facts = {
  status: string;
  iterations: { id: string; cancelled: boolean }[];
  nominated: number;
  attended: number;
};

/** Done: held in the period with the partner's people attending; cancelled: no run left; else planned. */
export function progressOf(f: Facts): "done" | "planned" | "cancelled" {
  if (f.status === "cancelled") return "cancelled";
  if (f.iterations.length > 0 && f.iterations.every((i) => i.cancelled)) return "cancelled";
  if (HELD.includes(f.status) && f.iterations.some((i) => !i.cancelled) && f.attended > 0) return "done";
  return "planned";
}

export async function getProgrammeProgress(
  db: Db,
  viewer: Viewer,
  programmeId: string,
  now: Date,
): Promise<TProgrammeProgress> {
  const programme = await findReadableProgramme(db, viewer, programmeId, now);
  if (!PROGRESS_STATUSES.includes(programme.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Programme ${programme.title} has no progress yet: it is ${programme.status}; progress is kept once it is agreed`,
      { status: programme.status },
    );
  }
  const { content } = await readRevisionContent(db, programme.id, programme.current_revision);
  const ids = content.activities.map((a) => a.activityId);
  const activities =
    ids.length === 0
      ? []
      : await db
          .selectFrom("activity")
          .select(["activity.id", "activity.reference", "activity.title", "activity.status"])
          .where("activity.id", "in", ids)
          // A cancelled activity stays in the progress of whoever may read it (the partner picked it when it ran).
          .where((eb) =>
            eb.or([
              visibleActivity(db, viewer, today(now))(eb),
              eb.and([
                eb("activity.status", "=", "cancelled"),
                readableLabel(db, viewer, today(now), "activity.label_id")(eb),
              ]),
            ]),
          )
          .execute();
  const visibleIds = activities.map((a) => a.id);
  const iterations =
    visibleIds.length === 0
      ? []
      : await db
          .selectFrom("iteration")
          .select(["id", "activity_id", "status"])
          .where("activity_id", "in", visibleIds)
          .where("start_date", ">=", programme.period_start)
          .where("start_date", "<=", programme.period_end)
          .execute();
  const iterationIds = iterations.map((i) => i.id);
  const nominations =
    iterationIds.length === 0
      ? []
      : await db
          .selectFrom("nomination")
          .leftJoin("attendance", "attendance.nomination_id", "nomination.id")
          .select(["nomination.iteration_id", "nomination.status", "attendance.attended"])
          .where("nomination.iteration_id", "in", iterationIds)
          .where("nomination.nation_code", "=", programme.nation_code)
          .execute();
  const rows = new Map(
    activities.map((a) => {
      const own = iterations.filter((i) => i.activity_id === a.id);
      const ownIds = new Set(own.map((i) => i.id));
      const mine = nominations.filter((n) => ownIds.has(n.iteration_id));
      const facts: Facts = {
        status: a.status,
        iterations: own.map((i) => ({ id: i.id, cancelled: i.status === "cancelled" })),
        nominated: mine.filter((n) => n.status === "confirmed" || n.status === "pending-owner").length,
        attended: mine.filter((n) => n.attended === 1).length,
      };
      return [a.id, { ...a, facts }] as const;
    }),
  );
  const groups: { id: string | null; text: string }[] = content.objectives.map((o) => ({ id: o.id, text: o.text }));
  if (content.activities.some((a) => a.objectiveId === null)) groups.push({ id: null, text: "Other activities" });
  return {
    programmeId: programme.id,
    objectives: groups.map((g) => {
      const picked = content.activities
        .filter((a) => a.objectiveId === g.id)
        .flatMap((a) => {
          const row = rows.get(a.activityId);
          if (row === undefined) return [];
          return [
            {
              activityId: row.id,
              reference: row.reference,
              title: row.title,
              planned: a.plannedParticipants,
              nominated: row.facts.nominated,
              attended: row.facts.attended,
              status: progressOf(row.facts),
            },
          ];
        });
      return {
        id: g.id,
        text: g.text,
        activities: picked,
        done: picked.filter((p) => p.status === "done").length,
        planned: picked.filter((p) => p.status === "planned").length,
        cancelled: picked.filter((p) => p.status === "cancelled").length,
      };
    }),
  };
}
