import type { Transaction } from "kysely";
import type { Database, Role } from "../../db/schema.js";
import { getLabel, labelReader } from "../labels/labels.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { decideAccess, newAccessMemo } from "../policy/access.js";
import { today } from "../shared/dates.js";
import type { Activity } from "./activities.js";

// Who hears of an activity's publication and cancellation. Computed inside the transition's
// transaction, so the notices match the state that committed.

type Trx = Transaction<Database>;

type Poc = { id: string; username: string; clearance: "NU" | "NR" | "NC" | "NS"; nation: string; organisation: string };

/** Active points of contact of nations (partner missions and Allies' delegations), by nation. */
async function pointsOfContact(trx: Trx, nations?: readonly string[]): Promise<Map<string, Poc[]>> {
  if (nations !== undefined && nations.length === 0) return new Map();
  const rows = await trx
    .selectFrom("app_user")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.clearance",
      "organisation.nation_code",
      "organisation.name as organisation",
    ])
    .where("app_user.is_poc", "=", 1)
    .where("app_user.disabled", "=", 0)
    .where("organisation.nation_code", "is not", null)
    .$if(nations !== undefined, (q) => q.where("organisation.nation_code", "in", nations ?? []))
    .orderBy("app_user.username")
    .execute();
  const byNation = new Map<string, Poc[]>();
  for (const r of rows) {
    if (r.nation_code === null) continue;
    const list = byNation.get(r.nation_code) ?? [];
    list.push({
      id: r.id,
      username: r.username,
      clearance: r.clearance,
      nation: r.nation_code,
      organisation: r.organisation,
    });
    byNation.set(r.nation_code, list);
  }
  return byNation;
}

const viewerOfPoc = (p: Poc): Viewer =>
  Object.freeze({
    userId: p.id,
    username: p.username,
    organisation: p.organisation,
    nation: p.nation,
    isAlliance: false,
    clearanceRank: rankOf(p.clearance),
    roles: [] as readonly Role[],
  });

/** The first iteration starting today or later, else today: the date the audience is judged on. */
async function invitationDate(trx: Trx, activity: Activity, now: Date): Promise<string> {
  const next = await trx
    .selectFrom("iteration")
    .select("start_date")
    .where("activity_id", "=", activity.id)
    .where("start_date", ">=", today(now))
    .orderBy("start_date")
    .limit(1)
    .executeTakeFirst();
  return next?.start_date ?? today(now);
}

/**
 * Invitations on publication: every point of contact of a nation the policy engine opens the
 * activity to (on its next iteration's start) and who may read its label.
 */
export async function invitationsFor(trx: Trx, activity: Activity, now: Date): Promise<NewNotification[]> {
  const mayRead = await labelReader(trx, await getLabel(trx, activity.label_id), today(now));
  const date = await invitationDate(trx, activity, now);
  const notices: NewNotification[] = [];
  const memo = newAccessMemo();
  for (const [nation, pocs] of await pointsOfContact(trx)) {
    const decision = await decideAccess(
      trx,
      { partner: nation, audience: activity.audience, date, activityId: activity.id },
      memo,
    );
    if (decision.outcome !== "open") continue;
    for (const poc of pocs) {
      if (!mayRead(viewerOfPoc(poc))) continue;
      notices.push({
        recipient: { userId: poc.id },
        kind: "activity-invitation",
        subject: { type: "activity", id: activity.id },
        title: `${activity.reference} ${activity.title} is open to ${decision.partner.name}`,
        body: `${activity.owner} has published ${activity.reference} "${activity.title}" in the cooperation menu. It is open to ${decision.partner.name} on ${date}: ${decision.explanation}`,
        labelId: activity.label_id,
      });
    }
  }
  return notices;
}

/**
 * Notices of cancellation: everyone with an active nomination (by e-mail) and the points of
 * contact of their nations who may read the activity's label.
 */
export async function cancellationNoticesFor(
  trx: Trx,
  activity: Activity,
  now: Date,
  /** Only this iteration is cancelled (the activity's other runs go on). */
  iteration?: { id: string; code: string },
): Promise<NewNotification[]> {
  const nominated = await trx
    .selectFrom("nomination")
    .innerJoin("iteration", "iteration.id", "nomination.iteration_id")
    .select(["nomination.participant_email", "nomination.nation_code", "iteration.code"])
    .where("iteration.activity_id", "=", activity.id)
    .$if(iteration !== undefined, (q) => q.where("iteration.id", "=", iteration?.id ?? ""))
    .where("nomination.status", "in", ["confirmed", "waitlisted", "pending-owner"])
    .orderBy("nomination.participant_email")
    .execute();
  if (nominated.length === 0) return [];
  const mayRead = await labelReader(trx, await getLabel(trx, activity.label_id), today(now));
  const subject = { type: "activity", id: activity.id };
  const title =
    iteration === undefined
      ? `${activity.reference} ${activity.title} is cancelled`
      : `${activity.reference} ${activity.title}: iteration ${iteration.code} is cancelled`;
  const notices: NewNotification[] = [];
  for (const email of new Set(nominated.map((n) => n.participant_email))) {
    const codes = nominated.filter((n) => n.participant_email === email).map((n) => n.code);
    notices.push({
      recipient: { email },
      kind: "activity-cancelled",
      subject,
      title,
      body: `${activity.owner} has cancelled ${iteration === undefined ? "" : `iteration ${iteration.code} of `}${activity.reference} "${activity.title}". Your nomination for ${codes.join(", ")} lapses.`,
      labelId: activity.label_id,
    });
  }
  const nations = [...new Set(nominated.map((n) => n.nation_code))];
  for (const [nation, pocs] of await pointsOfContact(trx, nations)) {
    const count = nominated.filter((n) => n.nation_code === nation).length;
    for (const poc of pocs) {
      if (!mayRead(viewerOfPoc(poc))) continue;
      notices.push({
        recipient: { userId: poc.id },
        kind: "activity-cancelled",
        subject,
        title,
        body: `${activity.owner} has cancelled ${iteration === undefined ? "" : `iteration ${iteration.code} of `}${activity.reference} "${activity.title}". ${count} nomination(s) from ${nation} lapse.`,
        labelId: activity.label_id,
      });
    }
  }
  return notices;
}
