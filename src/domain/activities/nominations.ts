/**
 * Nominations with exact seats.
 *
 * The invariants: an iteration's `confirmed_count` equals its confirmed nominations and never
 * exceeds `seats` (CHECK constraint); a participant has at most one active nomination per
 * iteration (UNIQUE partial index); the waitlist positions of an iteration are exactly 1..n
 * (UNIQUE partial index backs "no two alike", the code below keeps "no gaps") in FIFO order.
 *
 * How it stays correct under concurrency, on both engines: every change to an iteration's seats,
 * nominations or waitlist runs in ONE transaction that first takes the iteration's row lock, and
 * reads what it decides on only after that.
 * - PostgreSQL: `select … from iteration where id = ? for update`. Concurrent nominations for the
 *   same iteration queue on that row; under READ COMMITTED every later statement of the
 *   transaction takes a fresh snapshot, so the duplicate check, `max(waitlist_position)` and the
 *   seat count all see every nomination committed before the lock was granted. The seat itself
 *   is taken by `update iteration set confirmed_count = confirmed_count + 1 where id = ? and
 *   confirmed_count < seats`: it cannot oversell even without the lock, and the CHECK constraint
 *   (confirmed_count <= seats) is a last backstop. Lock order is always iteration row, then the
 *   audit chain's advisory lock (recordAuditEvent), so these transactions cannot deadlock.
 * - SQLite: one file is served by one process whose single connection Kysely's driver hands to
 *   one transaction at a time (a mutex), so transactions are already serial; the `for update`
 *   clause (which SQLite does not have) is left out and the same statements run unchanged.
 * - Duplicates: checked under the lock (CONFLICT); the unique index is the backstop, and its
 *   violation (23505 / SQLITE_CONSTRAINT_UNIQUE) is translated into CONFLICT, never a 500.
 * - Renumbering the waitlist: PostgreSQL checks a non-deferrable unique index row by row, so a
 *   single `set position = position - 1` could collide mid-statement. Rows are instead moved one
 *   at a time in ascending order to 1..n; each target slot is free by then, because every row
 *   that held a lower position has already moved to a lower slot.
 *
 * Two-step iterations: a nomination waits for the owner ('pending-owner', no seat); accepting it
 * takes a seat, or puts it on the waitlist when the iteration is full.
 */
import { randomUUID } from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { type Db, engineOf } from "../../db/connect.js";
import type { ActivityStatus, Database, NominationStatus, NominationTable } from "../../db/schema.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole } from "../identity/authorize.js";
import { hasRole, rankOf, type Viewer } from "../labels/viewer.js";
import { decideAccess } from "../policy/access.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  type Activity,
  findReadableIteration,
  isActivityOwner,
  isUniqueViolation,
  visibleActivity,
} from "./activities.js";
import {
  type TListNominationsQuery,
  type TNominationListItem,
  type TNominationView,
  type TParticipantInput,
  ZListNominationsQuery,
  ZParticipantInput,
  ZSeats,
} from "./activities.schema.js";

type Trx = Transaction<Database>;
export type Nomination = Selectable<NominationTable>;

const ACTIVE: readonly NominationStatus[] = ["confirmed", "waitlisted", "pending-owner"];
/** Activity states in which a nomination may still be withdrawn (before the activity is conducted). */
const WITHDRAWABLE: readonly ActivityStatus[] = ["published", "nominations-open", "nominations-closed"];

/** Takes the iteration's row lock for the rest of the transaction (PostgreSQL) and returns the row as of then. */
async function lockIteration(trx: Trx, iterationId: string) {
  const query = trx.selectFrom("iteration").selectAll().where("id", "=", iterationId);
  const row = await (engineOf(trx) === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw notFound("iteration", iterationId);
  return row;
}

/** A seat if one is free (counted at once), else the next waitlist position. Call under the iteration lock. */
async function seatOrWaitlist(
  trx: Trx,
  iterationId: string,
): Promise<{ status: "confirmed" | "waitlisted"; position: number | null }> {
  const taken = await trx
    .updateTable("iteration")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
    .where("id", "=", iterationId)
    .whereRef("confirmed_count", "<", "seats")
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 1) return { status: "confirmed", position: null };
  const last = await trx
    .selectFrom("nomination")
    .select((eb) => eb.fn.max("waitlist_position").as("last"))
    .where("iteration_id", "=", iterationId)
    .where("waitlist_position", "is not", null)
    .executeTakeFirst();
  return { status: "waitlisted", position: Number(last?.last ?? 0) + 1 };
}

/** Fills free seats from the head of the waitlist (FIFO). Call under the iteration lock. Returns the promoted ids. */
async function promoteFromWaitlist(trx: Trx, iterationId: string, at: string): Promise<string[]> {
  const iteration = await trx
    .selectFrom("iteration")
    .select(["seats", "confirmed_count"])
    .where("id", "=", iterationId)
    .executeTakeFirstOrThrow();
  const free = iteration.seats - iteration.confirmed_count;
  if (free <= 0) return [];
  const heads = await trx
    .selectFrom("nomination")
    .select("id")
    .where("iteration_id", "=", iterationId)
    .where("status", "=", "waitlisted")
    .orderBy("waitlist_position")
    .limit(free)
    .execute();
  if (heads.length === 0) return [];
  const ids = heads.map((h) => h.id);
  await trx
    .updateTable("nomination")
    .set({ status: "confirmed", waitlist_position: null, updated_at: at })
    .where("id", "in", ids)
    .execute();
  await trx
    .updateTable("iteration")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", ids.length) }))
    .where("id", "=", iterationId)
    .execute();
  await renumberWaitlist(trx, iterationId);
  return ids;
}

/** Closes the gaps: positions become exactly 1..n in their current order. Call under the iteration lock. */
async function renumberWaitlist(trx: Trx, iterationId: string): Promise<void> {
  const rows = await trx
    .selectFrom("nomination")
    .select(["id", "waitlist_position"])
    .where("iteration_id", "=", iterationId)
    .where("waitlist_position", "is not", null)
    .orderBy("waitlist_position")
    .execute();
  for (const [index, row] of rows.entries()) {
    if (row.waitlist_position === index + 1) continue;
    await trx
      .updateTable("nomination")
      .set({ waitlist_position: index + 1 })
      .where("id", "=", row.id)
      .execute();
  }
}

function conflictOnDuplicate(email: string) {
  return new AppError("CONFLICT", `${email} already has an active nomination for this iteration`, {
    participant: email,
  });
}

/**
 * Nominates a participant for an iteration. Partners nominate for their own nation; staff and
 * admins for the nation they name. The activity must be taking nominations, the deadline not
 * passed, the nation admitted by the policy engine on the iteration's start date, and the
 * participant's clearance and language level must meet the activity's. The nomination is
 * confirmed while seats remain, then waitlisted (two-step iterations: pending the owner).
 */
export async function nominate(
  db: Db,
  actor: Viewer,
  iterationId: string,
  participant: TParticipantInput,
  now: Date,
): Promise<Nomination> {
  await requireRole(db, actor, "nomination.create", ["partner", "staff", "admin"], now);
  const input = parseInput(ZParticipantInput, participant);
  const isStaff = hasRole(actor, "staff", "admin");
  let nation: string;
  if (isStaff) {
    if (input.nation === undefined) {
      throw new AppError("VALIDATION", "Invalid input: nation: name the nation you nominate for", {
        fields: [{ field: "nation", message: "name the nation you nominate for" }],
      });
    }
    nation = input.nation;
  } else {
    if (actor.nation === null) throw new AppError("FORBIDDEN", "Only a partner nation's users can nominate");
    if (input.nation !== undefined && input.nation !== actor.nation) {
      throw new AppError("FORBIDDEN", `You can nominate for ${actor.nation} only`, { nation: input.nation });
    }
    nation = actor.nation;
  }

  const { iteration, activity } = await findReadableIteration(db, actor, iterationId, now);
  if (activity.status !== "nominations-open") {
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is not taking nominations: it is ${activity.status}`,
      { status: activity.status },
    );
  }
  if (iteration.status === "cancelled") {
    throw new AppError("INVALID_STATE", `Iteration ${iteration.code} of ${activity.reference} is cancelled`, {
      status: iteration.status,
    });
  }
  if (today(now) > iteration.nomination_deadline) {
    throw new AppError(
      "INVALID_STATE",
      `The nomination deadline for ${activity.reference} ${iteration.code} was ${iteration.nomination_deadline}`,
      { deadline: iteration.nomination_deadline },
    );
  }
  let decision: Awaited<ReturnType<typeof decideAccess>>;
  try {
    // With the activity: a Council decision granting this nation's request for it makes it open.
    decision = await decideAccess(db, {
      partner: nation,
      audience: activity.audience,
      date: iteration.start_date,
      activityId: activity.id,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") {
      throw new AppError("VALIDATION", `Invalid input: nation: unknown nation '${nation}'`, {
        fields: [{ field: "nation", message: `unknown nation '${nation}'` }],
      });
    }
    throw error;
  }
  if (decision.outcome === "not-open") {
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is not open to ${nation} on ${iteration.start_date}: ${decision.explanation}`,
      { outcome: decision.outcome, explanation: decision.explanation },
    );
  }
  if (decision.outcome === "council-approval") {
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is not open to ${nation} on ${iteration.start_date} without a Council approval, which this nomination does not have: ${decision.explanation}`,
      { outcome: decision.outcome, explanation: decision.explanation },
    );
  }
  if (rankOf(input.clearance) < rankOf(activity.required_clearance)) {
    const message = `is ${input.clearance}; the activity requires ${activity.required_clearance}`;
    throw new AppError("VALIDATION", `Invalid input: clearance: ${message}`, {
      fields: [{ field: "clearance", message }],
    });
  }
  if (input.languageLevel < activity.language_level) {
    const message = `is ${input.languageLevel}; the activity requires ${activity.language} level ${activity.language_level} (STANAG 6001)`;
    throw new AppError("VALIDATION", `Invalid input: languageLevel: ${message}`, {
      fields: [{ field: "languageLevel", message }],
    });
  }

  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await lockIteration(trx, iteration.id);
      if (locked.status === "cancelled") {
        throw new AppError("INVALID_STATE", `Iteration ${iteration.code} of ${activity.reference} is cancelled`, {
          status: locked.status,
        });
      }
      const current = await trx
        .selectFrom("activity")
        .select("status")
        .where("id", "=", activity.id)
        .executeTakeFirstOrThrow();
      if (current.status !== "nominations-open") {
        throw new AppError(
          "INVALID_STATE",
          `Activity ${activity.reference} is not taking nominations: it is ${current.status}`,
          { status: current.status },
        );
      }
      const duplicate = await trx
        .selectFrom("nomination")
        .select("id")
        .where("iteration_id", "=", iteration.id)
        .where("participant_email", "=", input.email)
        .where("status", "in", ACTIVE)
        .executeTakeFirst();
      if (duplicate) throw conflictOnDuplicate(input.email);
      const placed =
        locked.two_step === 1
          ? { status: "pending-owner" as const, position: null }
          : await seatOrWaitlist(trx, iteration.id);
      const row: Nomination = {
        id: randomUUID(),
        iteration_id: iteration.id,
        nation_code: nation,
        participant_name: input.name,
        participant_email: input.email,
        rank: input.rank,
        clearance: input.clearance,
        language_level: input.languageLevel,
        status: placed.status,
        waitlist_position: placed.position,
        created_by: actor.userId ?? "",
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto("nomination").values(row).execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "nomination.create",
          objectType: "nomination",
          objectId: row.id,
          outcome: "success",
          details: {
            activity: activity.reference,
            iteration: iteration.code,
            nation,
            status: row.status,
            waitlistPosition: row.waitlist_position,
          },
        },
        now,
      );
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOnDuplicate(input.email);
    throw error;
  }
}

/** Loads a nomination the actor may act on: staff/admins any readable one; partners their nation's. */
async function findActionableNomination(db: Db, actor: Viewer, nominationId: string, now: Date) {
  const nomination = await db.selectFrom("nomination").selectAll().where("id", "=", nominationId).executeTakeFirst();
  if (!nomination) throw notFound("nomination", nominationId);
  let activity: Activity;
  try {
    ({ activity } = await findReadableIteration(db, actor, nomination.iteration_id, now));
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") throw notFound("nomination", nominationId);
    throw error;
  }
  const mayAct =
    hasRole(actor, "staff", "admin") ||
    (actor.nation !== null && nomination.nation_code === actor.nation) ||
    (await isActivityOwner(db, actor, activity));
  if (!mayAct) throw notFound("nomination", nominationId);
  return nomination;
}

/**
 * Withdraws an active nomination. A confirmed one frees its seat, which goes to the head of
 * the waitlist; a waitlisted one leaves the queue; either way the waitlist is renumbered 1..n.
 */
export async function withdraw(db: Db, actor: Viewer, nominationId: string, now: Date): Promise<Nomination> {
  await requireRole(db, actor, "nomination.withdraw", ["partner", "staff", "admin"], now);
  const found = await findActionableNomination(db, actor, nominationId, now);
  const { activity } = await findReadableIteration(db, actor, found.iteration_id, now);
  if (!WITHDRAWABLE.includes(activity.status)) {
    // Once conducted, a nomination is history (attendance, feedback, participation reports).
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is ${activity.status}: its nominations can no longer be withdrawn`,
      { status: activity.status },
    );
  }
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await lockIteration(trx, found.iteration_id);
    const nomination = await trx
      .selectFrom("nomination")
      .selectAll()
      .where("id", "=", nominationId)
      .executeTakeFirstOrThrow();
    if (!ACTIVE.includes(nomination.status)) {
      throw new AppError("INVALID_STATE", `Nomination ${nominationId} is already ${nomination.status}`, {
        status: nomination.status,
      });
    }
    await trx
      .updateTable("nomination")
      .set({ status: "withdrawn", waitlist_position: null, updated_at: at })
      .where("id", "=", nominationId)
      .execute();
    let promoted: string[] = [];
    if (nomination.status === "confirmed") {
      await trx
        .updateTable("iteration")
        .set((eb) => ({ confirmed_count: eb("confirmed_count", "-", 1) }))
        .where("id", "=", nomination.iteration_id)
        .execute();
      promoted = await promoteFromWaitlist(trx, nomination.iteration_id, at);
    } else if (nomination.status === "waitlisted") {
      await renumberWaitlist(trx, nomination.iteration_id);
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "nomination.withdraw",
        objectType: "nomination",
        objectId: nominationId,
        outcome: "success",
        details: { from: nomination.status, promoted },
      },
      now,
    );
    return { ...nomination, status: "withdrawn", waitlist_position: null, updated_at: at };
  });
}

/**
 * Changes an iteration's seats. More seats go to the head of the waitlist; fewer than are
 * already confirmed is refused (CONFLICT): nobody loses a confirmed seat this way.
 */
export async function changeSeats(db: Db, actor: Viewer, iterationId: string, seats: number, now: Date) {
  await requireRole(db, actor, "iteration.change-seats", ["staff", "admin"], now);
  const wanted = parseInput(ZSeats, seats);
  await findReadableIteration(db, actor, iterationId, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const iteration = await lockIteration(trx, iterationId);
    if (wanted < iteration.confirmed_count) {
      throw new AppError(
        "CONFLICT",
        `Iteration ${iteration.code} has ${iteration.confirmed_count} confirmed participants; it cannot have fewer seats (${wanted})`,
        { confirmed: iteration.confirmed_count, seats: wanted },
      );
    }
    await trx.updateTable("iteration").set({ seats: wanted }).where("id", "=", iterationId).execute();
    const promoted = await promoteFromWaitlist(trx, iterationId, at);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "iteration.change-seats",
        objectType: "iteration",
        objectId: iterationId,
        outcome: "success",
        details: { from: iteration.seats, to: wanted, promoted },
      },
      now,
    );
    return { seats: wanted, promoted };
  });
}

/** The owner's answer to a two-step nomination: accept (a seat, or the waitlist if full) or decline. */
export async function decideNomination(
  db: Db,
  actor: Viewer,
  nominationId: string,
  answer: "accept" | "decline",
  now: Date,
): Promise<Nomination> {
  const found = await findActionableNomination(db, actor, nominationId, now);
  const { activity } = await findReadableIteration(db, actor, found.iteration_id, now);
  if (!(await isActivityOwner(db, actor, activity))) {
    await requireRole(db, actor, `nomination.${answer}`, ["staff", "admin"], now);
  }
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const locked = await lockIteration(trx, found.iteration_id);
    if (locked.status === "cancelled") {
      throw new AppError("INVALID_STATE", `Iteration ${locked.code} is cancelled: its nominations lapse`, {
        status: locked.status,
      });
    }
    const nomination = await trx
      .selectFrom("nomination")
      .selectAll()
      .where("id", "=", nominationId)
      .executeTakeFirstOrThrow();
    if (nomination.status !== "pending-owner") {
      throw new AppError("INVALID_STATE", `Nomination ${nominationId} is ${nomination.status}, not pending the owner`, {
        status: nomination.status,
      });
    }
    const placed =
      answer === "accept"
        ? await seatOrWaitlist(trx, nomination.iteration_id)
        : { status: "declined" as const, position: null };
    await trx
      .updateTable("nomination")
      .set({ status: placed.status, waitlist_position: placed.position, updated_at: at })
      .where("id", "=", nominationId)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: `nomination.${answer}`,
        objectType: "nomination",
        objectId: nominationId,
        outcome: "success",
        details: { status: placed.status, waitlistPosition: placed.position },
      },
      now,
    );
    return { ...nomination, status: placed.status, waitlist_position: placed.position, updated_at: at };
  });
}

/** The nominations of an iteration the actor may see (see listMyNominations), confirmed first, then the waitlist in order. */
export async function listNominations(db: Db, actor: Viewer, iterationId: string, now: Date): Promise<Nomination[]> {
  const { activity } = await findReadableIteration(db, actor, iterationId, now);
  let query = db.selectFrom("nomination").selectAll().where("iteration_id", "=", iterationId);
  if (!hasRole(actor, "staff", "admin") && !(await isActivityOwner(db, actor, activity))) {
    query = query.where("nation_code", "=", actor.nation ?? "");
  }
  return query.orderBy("status").orderBy("waitlist_position").orderBy("created_at").orderBy("id").execute();
}

/**
 * Nominations across the menu, for "my nominations", the owner's review and staff lists. Who
 * sees which, in SQL before the LIMIT: staff and admins all; anyone else their own nation's and
 * those of activities their organisation owns; always only on activities they may see
 * (visibleActivity). Upcoming and recent iterations first.
 */
export async function listMyNominations(
  db: Db,
  actor: Viewer,
  query: TListNominationsQuery,
  now: Date,
): Promise<TNominationListItem[]> {
  if (actor.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
  const f = parseInput(ZListNominationsQuery, query);
  const rows = await db
    .selectFrom("nomination")
    .innerJoin("iteration", "iteration.id", "nomination.iteration_id")
    .innerJoin("activity", "activity.id", "iteration.activity_id")
    .leftJoin("attendance", "attendance.nomination_id", "nomination.id")
    .leftJoin("feedback", "feedback.nomination_id", "nomination.id")
    .selectAll("nomination")
    .select([
      "attendance.attended as attended",
      "feedback.submitted_at as feedback_submitted_at",
      "activity.id as activity_id",
      "activity.reference as activity_reference",
      "activity.title as activity_title",
      "activity.owner as activity_owner",
      "iteration.code as iteration_code",
      "iteration.start_date as iteration_start_date",
      "iteration.end_date as iteration_end_date",
      "iteration.city as iteration_city",
      "iteration.country_code as iteration_country_code",
      "iteration.two_step as iteration_two_step",
    ])
    .where(visibleActivity(db, actor, today(now)))
    .$if(!hasRole(actor, "staff", "admin"), (q) =>
      q.where((eb) =>
        eb.or([
          eb("nomination.nation_code", "=", actor.nation ?? ""),
          eb(
            "activity.owner_organisation_id",
            "in",
            eb
              .selectFrom("organisation")
              .select("organisation.id")
              .where("organisation.name", "=", actor.organisation ?? ""),
          ),
        ]),
      ),
    )
    .$if(f.iteration !== undefined, (q) => q.where("nomination.iteration_id", "=", f.iteration ?? ""))
    .$if(f.status !== undefined, (q) => q.where("nomination.status", "=", f.status ?? "confirmed"))
    .$if(f.nation !== undefined, (q) => q.where("nomination.nation_code", "=", f.nation ?? ""))
    .$if(f.from !== undefined, (q) => q.where("iteration.start_date", ">=", f.from ?? ""))
    .orderBy("iteration.start_date", "desc")
    .orderBy("activity.reference")
    .orderBy("nomination.created_at")
    .orderBy("nomination.id")
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    ...presentNomination(r),
    attended: r.attended === null ? null : r.attended === 1,
    feedbackSubmitted: r.feedback_submitted_at !== null,
    activity: { id: r.activity_id, reference: r.activity_reference, title: r.activity_title, owner: r.activity_owner },
    iteration: {
      code: r.iteration_code,
      startDate: r.iteration_start_date,
      endDate: r.iteration_end_date,
      city: r.iteration_city,
      countryCode: r.iteration_country_code,
      twoStep: r.iteration_two_step === 1,
    },
  }));
}

/** A nomination as the API shows it. */
export function presentNomination(n: Nomination): TNominationView {
  return {
    id: n.id,
    iterationId: n.iteration_id,
    nation: n.nation_code,
    name: n.participant_name,
    email: n.participant_email,
    rank: n.rank,
    clearance: n.clearance,
    languageLevel: n.language_level,
    status: n.status,
    waitlistPosition: n.waitlist_position,
    createdAt: n.created_at,
    updatedAt: n.updated_at,
  };
}
