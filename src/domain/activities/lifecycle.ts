import { type Db, engineOf } from "../../db/connect.js";
import type { ActivityStatus, Role } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import {
  type Activity,
  BEFORE_CONDUCTED,
  findReadableActivity,
  findReadableIteration,
  type Iteration,
} from "./activities.js";
import type { TActivityAction } from "./activities.schema.js";
import { cancellationNoticesFor, invitationsFor } from "./notices.js";

type Transition = Readonly<{ from: readonly ActivityStatus[]; to: ActivityStatus; roles: readonly Role[] }>;

/** THE activity lifecycle: every legal move, from which states, to which state, by whom. Nothing else moves an activity. */
export const TRANSITIONS: Readonly<Record<TActivityAction, Transition>> = {
  approve: { from: ["proposed"], to: "approved", roles: STAFF_ROLES },
  publish: { from: ["approved"], to: "published", roles: STAFF_ROLES },
  "open-nominations": { from: ["published"], to: "nominations-open", roles: STAFF_ROLES },
  "close-nominations": { from: ["nominations-open"], to: "nominations-closed", roles: STAFF_ROLES },
  conduct: { from: ["nominations-closed"], to: "conducted", roles: STAFF_ROLES },
  "collect-feedback": { from: ["conducted"], to: "feedback-collected", roles: STAFF_ROLES },
  archive: { from: ["feedback-collected"], to: "archived", roles: STAFF_ROLES },
  cancel: { from: BEFORE_CONDUCTED, to: "cancelled", roles: STAFF_ROLES },
};

/**
 * Moves an activity by one action of the table. NOT_FOUND if the activity is missing or not
 * readable by `actor`; INVALID_STATE if the action is not legal from its current state;
 * FORBIDDEN (audited) if the actor's role does not allow it. The update is conditional on the
 * state that was checked, so a concurrent move makes this one fail (INVALID_STATE), never both.
 */
export async function transitionActivity(
  db: Db,
  actor: Viewer,
  activityId: string,
  action: TActivityAction,
  now: Date,
): Promise<Activity> {
  const transition = TRANSITIONS[action];
  if (transition === undefined) {
    throw new AppError("VALIDATION", `Invalid input: action: unknown action '${String(action)}'`, {
      fields: [{ field: "action", message: `unknown action '${String(action)}'` }],
    });
  }
  const activity = await findReadableActivity(db, actor, activityId, now);
  const illegal = () =>
    new AppError(
      "INVALID_STATE",
      `Cannot ${action} activity ${activity.reference}: it is ${activity.status}, and '${action}' applies only to an activity that is ${transition.from.join(" or ")}`,
      { status: activity.status, action, allowedFrom: transition.from },
    );
  if (!transition.from.includes(activity.status)) throw illegal();
  await requireRole(db, actor, `activity.${action}`, transition.roles, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Take the iterations' row locks first (id order), as nominate does for its iteration, so a
    // transition and a nomination for the same activity serialise: no nomination can commit
    // after nominations close. SQLite's single connection already runs one transaction at a time.
    if (engineOf(trx) === "postgres") {
      await trx
        .selectFrom("iteration")
        .select("id")
        .where("activity_id", "=", activity.id)
        .orderBy("id")
        .forUpdate()
        .execute();
    }
    const result = await trx
      .updateTable("activity")
      .set({ status: transition.to, updated_at: at })
      .where("id", "=", activity.id)
      .where("status", "=", activity.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom("activity")
        .select("status")
        .where("id", "=", activity.id)
        .executeTakeFirst();
      throw new AppError(
        "INVALID_STATE",
        `Cannot ${action} activity ${activity.reference}: it changed meanwhile and is now ${current?.status ?? "gone"}`,
        { status: current?.status ?? null, action },
      );
    }
    const notices =
      transition.to === "published"
        ? await invitationsFor(trx, activity, now)
        : transition.to === "cancelled"
          ? await cancellationNoticesFor(trx, activity, now)
          : [];
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: `activity.${action}`,
        objectType: "activity",
        objectId: activity.id,
        objectLabel: await getLabel(trx, activity.label_id),
        outcome: "success",
        details: { reference: activity.reference, from: activity.status, to: transition.to, notices: notices.length },
      },
      now,
    );
    return { ...activity, status: transition.to, updated_at: at };
  });
}

/**
 * Cancels one iteration (one run) while the activity's others go on: staff and admins, before the
 * activity is conducted. Nobody can be nominated for it afterwards; everyone nominated for it and
 * their nations' points of contact are told, in the same transaction as the change and its audit
 * event. Cancelling it twice is INVALID_STATE.
 */
export async function cancelIteration(db: Db, actor: Viewer, iterationId: string, now: Date): Promise<Iteration> {
  const { iteration, activity } = await findReadableIteration(db, actor, iterationId, now);
  await requireRole(db, actor, "iteration.cancel", STAFF_ROLES, now);
  if (!BEFORE_CONDUCTED.includes(activity.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot cancel iteration ${iteration.code} of ${activity.reference}: the activity is ${activity.status}`,
      { status: activity.status },
    );
  }
  return db.transaction().execute(async (trx) => {
    // The iteration's row lock, as nominate takes it: no nomination commits after the cancellation.
    const query = trx.selectFrom("iteration").selectAll().where("id", "=", iteration.id);
    const locked = await (engineOf(trx) === "postgres" ? query.forUpdate() : query).executeTakeFirstOrThrow();
    if (locked.status === "cancelled") {
      throw new AppError("INVALID_STATE", `Iteration ${iteration.code} of ${activity.reference} is already cancelled`, {
        status: locked.status,
      });
    }
    await trx.updateTable("iteration").set({ status: "cancelled" }).where("id", "=", iteration.id).execute();
    const notices = await cancellationNoticesFor(trx, activity, now, { id: iteration.id, code: iteration.code });
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "iteration.cancel",
        objectType: "iteration",
        objectId: iteration.id,
        objectLabel: await getLabel(trx, activity.label_id),
        outcome: "success",
        details: { activity: activity.reference, code: iteration.code, notices: notices.length },
      },
      now,
    );
    return { ...locked, status: "cancelled" as const };
  });
}
