import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import type { ActivityStatus, NominationStatus } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { PUBLIC_STATUSES, visibleActivity } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { hashToken, newSecretToken } from "../identity/secrets.js";
import { getUser, viewerOf } from "../identity/users.js";
import { getLabels } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { meetingEvent } from "../meetings/meeting-ics.js";
import { visibleMeeting } from "../meetings/rules.js";
import { applyCouncilGrant, decideAccess, newAccessMemo } from "../policy/access.js";
import type { TAccessDecision } from "../policy/policy.schema.js";
import { addDays, today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { type TCreateFeed, type TFeedScope, type TFeedView, ZCreateFeed } from "./calendar.schema.js";
import { type IcsEvent, serializeCalendar } from "./ics.js";

const PREFIX = "cal_";
/** The feed window: iterations that ended up to 90 days ago and start up to two years ahead. */
const PAST_DAYS = 90;
const AHEAD_DAYS = 730;
/** A feed never carries more events than this (earliest first). */
export const MAX_FEED_EVENTS = 500;

const ACTIVE: readonly NominationStatus[] = ["confirmed", "waitlisted", "pending-owner"];
/** Where a nation can still join: the audience decides whether it is open to the nation. */
const JOINABLE: readonly ActivityStatus[] = ["published", "nominations-open"];

function requireUser(actor: Viewer): string {
  if (actor.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
  return actor.userId;
}

/** The path of a feed (the route makes it absolute): calendar clients cannot log in, the token is the credential. */
export const feedPath = (token: string) => `/calendar/${token}.ics`;

/** A new secret feed URL for the actor; the token is returned once and only its hash is stored. */
export async function createCalendarFeed(db: Db, actor: Viewer, input: TCreateFeed, now: Date) {
  const userId = requireUser(actor);
  const { scope } = parseInput(ZCreateFeed, input);
  const token = newSecretToken(PREFIX);
  const feed: TFeedView = { id: randomUUID(), scope, createdAt: now.toISOString(), lastUsedAt: null, revokedAt: null };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("calendar_feed")
      .values({
        id: feed.id,
        user_id: userId,
        scope,
        token_hash: hashToken(token),
        created_at: feed.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "calendar-feed.create",
        objectType: "calendar-feed",
        objectId: feed.id,
        outcome: "success",
        details: { scope },
      },
      now,
    );
  });
  return { feed, token };
}

/** The actor's feeds, newest first, without their secrets. */
export async function listCalendarFeeds(db: Db, actor: Viewer): Promise<TFeedView[]> {
  const userId = requireUser(actor);
  const rows = await db
    .selectFrom("calendar_feed")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    scope: r.scope,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the actor's feeds (admins: anyone's); its URL answers 404 from then on. */
export async function revokeCalendarFeed(db: Db, actor: Viewer, id: string, now: Date): Promise<void> {
  const userId = requireUser(actor);
  await db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable("calendar_feed")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("revoked_at", "is", null);
    if (!actor.roles.includes("admin")) update = update.where("user_id", "=", userId);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("calendar feed", id);
    await recordAuditEvent(
      trx,
      { actor, action: "calendar-feed.revoke", objectType: "calendar-feed", objectId: id, outcome: "success" },
      now,
    );
  });
}

/** The feed's user and scope if the token is valid, unrevoked and its user enabled; null otherwise. */
async function resolveFeed(db: Db, token: string, now: Date): Promise<{ viewer: Viewer; scope: TFeedScope } | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db
    .selectFrom("calendar_feed")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const user = await getUser(db, row.user_id);
  if (user.disabled) return null;
  // Clients poll every few minutes: note the use at most hourly, not on every poll.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 3_600_000) {
    await db.updateTable("calendar_feed").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute();
  }
  return { viewer: viewerOf(user), scope: row.scope };
}

/**
 * "Is an activity with this audience open to `nation` on this date?" as the policy engine
 * (decideAccess) answers it, asked once per audience and per stretch of dates in which none of
 * the engine's inputs changes. The engine reads only the nation's own memberships and their
 * suspensions (which also decide its membership of every group token, EAPC's Allies included)
 * and the rules in force, always as `valid_from <= date < valid_to`; so its answer for a date
 * depends only on how many of those boundary dates are on or before it. A feed then asks the
 * engine a few dozen times rather than once per iteration (feeds.test.ts checks the two agree).
 */
export async function openToNationDecider(db: Db, nation: string) {
  const [memberships, suspensions, rules] = await Promise.all([
    db.selectFrom("membership").select(["valid_from", "valid_to"]).where("nation_code", "=", nation).execute(),
    db
      .selectFrom("suspension")
      .innerJoin("membership", "membership.id", "suspension.membership_id")
      .select(["suspension.valid_from", "suspension.valid_to"])
      .where("membership.nation_code", "=", nation)
      .execute(),
    db.selectFrom("policy_rule").select(["valid_from", "valid_to"]).execute(),
  ]);
  const boundaries = [
    ...new Set(
      [...memberships, ...suspensions, ...rules].flatMap((r) =>
        r.valid_to === null ? [r.valid_from] : [r.valid_from, r.valid_to],
      ),
    ),
  ].sort();
  const decisions = new Map<string, Promise<TAccessDecision>>();
  const memo = newAccessMemo();
  // With activityId, a Council grant for that activity counts (applied per activity on top of
  // the shared rules answer: a grant does not depend on the date).
  return async (audience: string, date: string, activityId?: string): Promise<boolean> => {
    const stretch = boundaries.filter((b) => b <= date).length;
    const key = `${audience}\u0000${stretch}`;
    let decision = decisions.get(key);
    if (!decision) {
      decision = decideAccess(db, { partner: nation, audience, date }, memo);
      decisions.set(key, decision);
    }
    const byRules = await decision;
    if (activityId === undefined) return byRules.outcome === "open";
    return (await applyCouncilGrant(db, byRules, activityId, memo)).outcome === "open";
  };
}

/**
 * The events of a feed, for `viewer` as of `now`. Every candidate comes from one SQL query that
 * composes visibleActivity (label and status rule) and the window; "open to the nation" is then
 * the policy engine's answer (decideAccess, as on the activity page) for the iteration's start
 * date (openToNationDecider). Nominations counted are the nation's own (or the user's).
 */
export async function feedEvents(
  db: Db,
  viewer: Viewer,
  scope: TFeedScope,
  baseUrl: string,
  now: Date,
): Promise<{ name: string; events: IcsEvent[] }> {
  const at = today(now);
  const userId = viewer.userId ?? "";
  const nation = viewer.nation;
  const alliance = nation === null || viewer.isAlliance;
  // Whose nominations count: the user's own (mine) or the nation's (a partner never sees another nation's).
  const ownColumn = scope === "mine" ? ("nomination.created_by" as const) : ("nomination.nation_code" as const);
  const ownValue = scope === "mine" ? userId : (nation ?? "");
  const rows = await db
    .selectFrom("iteration")
    .innerJoin("activity", "activity.id", "iteration.activity_id")
    .innerJoin("nation", "nation.code", "iteration.country_code")
    .select((eb) => [
      "iteration.id",
      "iteration.code",
      "iteration.start_date",
      "iteration.end_date",
      "iteration.city",
      "iteration.seats",
      "iteration.confirmed_count",
      "iteration.nomination_deadline",
      "nation.name as country",
      "activity.id as activity_id",
      "activity.reference",
      "activity.title",
      "activity.owner",
      "activity.status",
      "activity.audience",
      "activity.label_id",
      eb
        .selectFrom("nomination")
        .select((n) => n.fn.countAll<number>().as("n"))
        .whereRef("nomination.iteration_id", "=", "iteration.id")
        .where("nomination.status", "in", ACTIVE)
        .where(ownColumn, "=", ownValue)
        .as("nominated"),
    ])
    .where(visibleActivity(db, viewer, at))
    .where("iteration.end_date", ">=", addDays(at, -PAST_DAYS))
    .where("iteration.start_date", "<=", addDays(at, AHEAD_DAYS))
    .where((eb) => {
      const mine = eb.exists(
        eb
          .selectFrom("nomination")
          .select("nomination.id")
          .whereRef("nomination.iteration_id", "=", "iteration.id")
          .where("nomination.status", "in", ACTIVE)
          .where(ownColumn, "=", ownValue),
      );
      if (scope === "mine") return mine;
      if (alliance) return eb("activity.status", "in", PUBLIC_STATUSES);
      return eb.or([mine, eb("activity.status", "in", JOINABLE)]);
    })
    .orderBy("iteration.start_date")
    .orderBy("activity.reference")
    .orderBy("iteration.code")
    .execute();

  const openToNation = nation === null ? () => Promise.resolve(false) : await openToNationDecider(db, nation);

  const kept: typeof rows = [];
  for (const r of rows) {
    if (kept.length >= MAX_FEED_EVENTS) break;
    const nominated = Number(r.nominated) > 0;
    if (scope === "mine" || alliance || nominated || (await openToNation(r.audience, r.start_date, r.activity_id)))
      kept.push(r);
  }
  const labels = await getLabels(db, [...new Set(kept.map((r) => r.label_id))]);
  const events = kept.map((r): IcsEvent => {
    const nominated = Number(r.nominated);
    const description = [
      `Status: ${r.status.replaceAll("-", " ")}`,
      `Seats: ${r.seats} (${r.confirmed_count} confirmed, ${Math.max(0, r.seats - r.confirmed_count)} left)`,
      `Nomination deadline: ${r.nomination_deadline}`,
      ...(nominated > 0
        ? [`${scope === "mine" ? "Your" : `${nation ?? "Your"}`} active nominations: ${nominated}`]
        : []),
      `Owner: ${r.owner}`,
      `Marking: ${labels.get(r.label_id)?.marking ?? ""}`,
    ].join("\n");
    return {
      uid: `iteration-${r.id}@entente`,
      startDate: r.start_date,
      endDate: r.end_date,
      summary: `${r.reference} ${r.title} (${r.code})`,
      location: `${r.city}, ${r.country}`,
      description,
      url: `${baseUrl}/activities/${r.activity_id}`,
    };
  });
  const meetings = await meetingEvents(db, viewer, baseUrl, at);
  const merged: IcsEvent[] = [...events, ...meetings]
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
    .slice(0, MAX_FEED_EVENTS);
  const who = scope === "mine" ? `${viewer.username ?? "my"} nominations` : (nation ?? "alliance");
  return { name: `Entente cooperation menu: ${who}`, events: merged };
}

/**
 * The meetings the feed's user sees (visibleMeeting: staff all, others only those their nation is
 * invited to and may read), in the feed's window, not cancelled, as timed events.
 */
async function meetingEvents(db: Db, viewer: Viewer, baseUrl: string, at: string): Promise<IcsEvent[]> {
  const rows = await db
    .selectFrom("meeting")
    .selectAll("meeting")
    .where(visibleMeeting(db, viewer, at))
    .where("meeting.status", "!=", "cancelled")
    .where("meeting.meeting_date", ">=", addDays(at, -PAST_DAYS))
    .where("meeting.meeting_date", "<=", addDays(at, AHEAD_DAYS))
    .orderBy("meeting.starts_at")
    .orderBy("meeting.id")
    .limit(MAX_FEED_EVENTS)
    .execute();
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return rows.map((r) => meetingEvent(r, labels.get(r.label_id)?.marking ?? "", baseUrl));
}

/**
 * The calendar behind a secret feed URL's last segment (`<token>.ics`). A malformed, unknown or
 * revoked token, or a disabled user's, is NOT_FOUND: a calendar client cannot tell them apart.
 */
export async function renderCalendarFeed(db: Db, file: string, baseUrl: string, now: Date): Promise<string> {
  const token = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
  const feed = token === "" ? null : await resolveFeed(db, token, now);
  if (!feed) throw new AppError("NOT_FOUND", "Unknown calendar feed");
  return serializeCalendar(await feedEvents(db, feed.viewer, feed.scope, baseUrl, now), now);
}
