import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/connect.js";
import type { ActivityStatus, Database } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { isStaff } from "../identity/authorize.js";
import { getLabels } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { applyCouncilGrant, decideAccess, grantedActivityIds, newAccessMemo } from "../policy/access.js";
import type { TAccessDecision } from "../policy/policy.schema.js";
import { matchesText } from "../search/text-search.js";
import { parseInput } from "../shared/validation.js";
import { type Activity, type Iteration, isActivityOwner, PUBLIC_STATUSES, visibleActivity } from "./activities.js";
import {
  type TActivityDetail,
  type TActivityPage,
  type TActivityRecord,
  type TActivitySummary,
  type TIterationView,
  type TListActivitiesQuery,
  ZListActivitiesQuery,
} from "./activities.schema.js";

/** A partner's default listing: what can still be joined or is about to run. */
const PARTNER_DEFAULT: readonly ActivityStatus[] = ["published", "nominations-open", "nominations-closed"];

type Filters = ReturnType<typeof parseInput<typeof ZListActivitiesQuery>> & {
  /** With openToMe: the audiences the policy engine opens to the viewer's nation on the filter's date. */
  openAudiences?: string[];
  /**
   * With openToMe: the audiences that need the Council's approval for the viewer's nation on that
   * date, and the nation: an activity of one of them is open if the Council granted its access.
   */
  councilAudiences?: { audiences: string[]; nation: string };
};
type Eb = ExpressionBuilder<Database, "activity">;

/**
 * Parses the query and resolves what SQL alone cannot: "open to my nation" asks the policy engine
 * (rules are data, read in TypeScript) once per distinct audience text of the activities the
 * viewer may see, on `from` or else `at`; the answer becomes an `audience in (…)` condition, or
 * for the audiences that need the Council's approval `activity.id in (the activities the Council
 * granted the nation)`, so the filter still runs in SQL before any LIMIT. Without a nation the
 * filter matches nothing.
 */
async function resolveFilters(db: Db, viewer: Viewer, query: TListActivitiesQuery, at: string): Promise<Filters> {
  const f: Filters = parseInput(ZListActivitiesQuery, query);
  if (f.openToMe !== true) return f;
  if (viewer.nation === null) return { ...f, openAudiences: [] };
  const audiences = await db
    .selectFrom("activity")
    .select("activity.audience")
    .distinct()
    .where(visibleActivity(db, viewer, at))
    .execute();
  const date = f.from ?? at;
  const open: string[] = [];
  const council: string[] = [];
  const memo = newAccessMemo();
  for (const { audience } of audiences) {
    const decision = await decideAccess(db, { partner: viewer.nation, audience, date }, memo);
    if (decision.outcome === "open") open.push(audience);
    if (decision.outcome === "council-approval") council.push(audience);
  }
  return { ...f, openAudiences: open, councilAudiences: { audiences: council, nation: viewer.nation } };
}

/** The statuses the viewer may see, narrowed by the requested one (or the viewer's default). */
function statusesFor(viewer: Viewer, status: ActivityStatus | undefined): readonly ActivityStatus[] {
  const visible = isStaff(viewer) ? null : PUBLIC_STATUSES;
  if (status !== undefined) return visible === null || visible.includes(status) ? [status] : [];
  return visible === null ? [] /* all */ : PARTNER_DEFAULT;
}

/**
 * Every condition of a listing, as SQL on `activity`, except the facet named by `omit`: the
 * label rule, the statuses, and each filter. Shared by the page and the facet counts.
 */
function conditions(db: Db, viewer: Viewer, f: Filters, at: string, omit: "area" | "kind" | null) {
  return (eb: Eb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [visibleActivity(db, viewer, at)(eb)];
    const statuses = statusesFor(viewer, f.status);
    if (statuses.length > 0) all.push(eb("activity.status", "in", statuses));
    else if (!isStaff(viewer) || f.status !== undefined) all.push(sql<SqlBool>`1 = 0`);
    if (f.kind !== undefined && omit !== "kind") all.push(eb("activity.kind", "=", f.kind));
    if (f.area !== undefined && omit !== "area") {
      all.push(
        eb.exists(
          eb
            .selectFrom("activity_area")
            .select("activity_area.area_code")
            .whereRef("activity_area.activity_id", "=", "activity.id")
            .where("activity_area.area_code", "=", f.area),
        ),
      );
    }
    if (f.language !== undefined) {
      all.push(eb(eb.fn("lower", ["activity.language"]), "=", f.language.toLowerCase()));
    }
    if (f.owner !== undefined) all.push(eb("activity.owner", "=", f.owner));
    if (f.from !== undefined || f.to !== undefined || f.openSeats === true) {
      let iterations = eb
        .selectFrom("iteration")
        .select("iteration.id")
        .whereRef("iteration.activity_id", "=", "activity.id");
      // Overlap of [start_date, end_date] with [from, to].
      if (f.from !== undefined) iterations = iterations.where("iteration.end_date", ">=", f.from);
      if (f.to !== undefined) iterations = iterations.where("iteration.start_date", "<=", f.to);
      if (f.openSeats === true) iterations = iterations.whereRef("iteration.confirmed_count", "<", "iteration.seats");
      all.push(eb.exists(iterations));
    }
    if (f.openAudiences !== undefined) {
      const open: Expression<SqlBool>[] = [];
      if (f.openAudiences.length > 0) open.push(eb("activity.audience", "in", f.openAudiences));
      const council = f.councilAudiences;
      if (council !== undefined && council.audiences.length > 0) {
        open.push(
          eb.and([
            eb("activity.audience", "in", council.audiences),
            eb("activity.id", "in", grantedActivityIds(db, council.nation)),
          ]),
        );
      }
      all.push(open.length > 0 ? eb.or(open) : sql<SqlBool>`1 = 0`);
    }
    const text = matchesText(db, "activity", f.q);
    if (text) all.push(text);
    return eb.and(all);
  };
}

function decodeCursor(raw: string): string {
  try {
    const reference = Buffer.from(raw, "base64url").toString("utf8");
    if (/^[A-Z]{2,6}\.\d{1,6}$/.test(reference)) return reference;
  } catch {}
  throw new AppError("VALIDATION", "Invalid input: cursor: not a cursor this API returned", {
    fields: [{ field: "cursor", message: "is not valid" }],
  });
}

export function presentIteration(it: Iteration): TIterationView {
  return {
    id: it.id,
    code: it.code,
    startDate: it.start_date,
    endDate: it.end_date,
    city: it.city,
    countryCode: it.country_code,
    seats: it.seats,
    confirmedCount: it.confirmed_count,
    seatsLeft: Math.max(0, it.seats - it.confirmed_count),
    nominationDeadline: it.nomination_deadline,
    twoStep: it.two_step === 1,
    status: it.status,
  };
}

export function presentActivity(a: Activity): TActivityRecord {
  return {
    id: a.id,
    reference: a.reference,
    owner: a.owner,
    ownerOrganisationId: a.owner_organisation_id,
    title: a.title,
    kind: a.kind,
    description: a.description,
    aim: a.aim,
    fees: a.fees,
    pointOfContact: a.point_of_contact,
    audience: a.audience,
    requiredClearance: a.required_clearance,
    language: a.language,
    languageLevel: a.language_level,
    status: a.status,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

/** The policy engine's answer for the viewer's nation, or null for alliance users and the anonymous. */
type AccessSummary = Pick<TAccessDecision, "outcome" | "explanation" | "councilDecision">;

/**
 * The policy engine's answer for the viewer's nation (null for alliance users and the anonymous),
 * asked once per distinct audience and date within one listing or page: activities of one
 * menu share a handful of audience texts and many share dates. The Council's grant for the
 * activity itself is then applied to that shared answer (applyCouncilGrant, memoised per activity).
 */
function accessDeciderFor(db: Db, viewer: Viewer) {
  const asked = new Map<string, Promise<TAccessDecision>>();
  const memo = newAccessMemo();
  return async (audience: string, date: string, activityId: string): Promise<AccessSummary | null> => {
    const nation = viewer.nation;
    if (nation === null || viewer.isAlliance) return null;
    const key = `${audience}\u0000${date}`;
    let answer = asked.get(key);
    if (answer === undefined) {
      answer = decideAccess(db, { partner: nation, audience, date }, memo);
      asked.set(key, answer);
    }
    const decision = await applyCouncilGrant(db, await answer, activityId, memo);
    return { outcome: decision.outcome, explanation: decision.explanation, councilDecision: decision.councilDecision };
  };
}

export async function areasOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const areas = new Map<string, string[]>();
  if (ids.length === 0) return areas;
  const rows = await db
    .selectFrom("activity_area")
    .select(["activity_id", "area_code"])
    .where("activity_id", "in", ids)
    .orderBy("area_code")
    .execute();
  for (const r of rows) areas.set(r.activity_id, [...(areas.get(r.activity_id) ?? []), r.area_code]);
  return areas;
}

/**
 * The whole filtered view (every page, no cursor or limit) as `viewer` may see it on `at`, ordered
 * by reference: the same conditions as listActivities, for exports. Add a LIMIT to cap it.
 */
export async function filteredActivities(db: Db, viewer: Viewer, query: TListActivitiesQuery, at: string) {
  const f = await resolveFilters(db, viewer, query, at);
  return db
    .selectFrom("activity")
    .selectAll("activity")
    .where(conditions(db, viewer, f, at, null))
    .orderBy("activity.reference");
}

/**
 * The cooperation menu as `viewer` may see it on `at`: filtered, searched (q), ordered by
 * reference with keyset pagination, and with facet counts for area and kind. The label rule
 * and the status rule are in the SQL of the page and of every count, before any LIMIT; each
 * facet's counts apply every filter but its own.
 */
export async function listActivities(
  db: Db,
  viewer: Viewer,
  query: TListActivitiesQuery,
  at: string,
): Promise<TActivityPage> {
  const f = await resolveFilters(db, viewer, query, at);
  let select = db
    .selectFrom("activity")
    .selectAll("activity")
    .where(conditions(db, viewer, f, at, null))
    .orderBy("activity.reference")
    .limit(f.limit + 1);
  if (f.cursor !== undefined) select = select.where("activity.reference", ">", decodeCursor(f.cursor));
  const [rows, areaFacet, kindFacet] = await Promise.all([
    select.execute(),
    db
      .selectFrom("activity_area")
      .innerJoin("activity", "activity.id", "activity_area.activity_id")
      .select((eb) => ["activity_area.area_code as value", eb.fn.countAll().as("count")])
      .where(conditions(db, viewer, f, at, "area"))
      .groupBy("activity_area.area_code")
      .orderBy("activity_area.area_code")
      .execute(),
    db
      .selectFrom("activity")
      .select((eb) => ["activity.kind as value", eb.fn.countAll().as("count")])
      .where(conditions(db, viewer, f, at, "kind"))
      .groupBy("activity.kind")
      .orderBy("activity.kind")
      .execute(),
  ]);
  const page = rows.slice(0, f.limit);
  const ids = page.map((r) => r.id);
  const [labels, areas, iterations] = await Promise.all([
    getLabels(
      db,
      page.map((r) => r.label_id),
    ),
    areasOf(db, ids),
    ids.length === 0
      ? Promise.resolve([] as Iteration[])
      : db
          .selectFrom("iteration")
          .selectAll()
          .where("activity_id", "in", ids)
          .orderBy("start_date")
          .orderBy("code")
          .execute(),
  ]);
  const decide = accessDeciderFor(db, viewer);
  const activities: TActivitySummary[] = [];
  for (const r of page) {
    const label = labels.get(r.label_id);
    if (!label) continue;
    const own = iterations.filter((it) => it.activity_id === r.id);
    const next = own.find((it) => it.start_date >= at) ?? own[own.length - 1] ?? null;
    const upcoming = own.find((it) => it.start_date >= at);
    activities.push({
      id: r.id,
      reference: r.reference,
      title: r.title,
      owner: r.owner,
      kind: r.kind,
      status: r.status,
      audience: r.audience,
      language: r.language,
      areas: areas.get(r.id) ?? [],
      label,
      nextIteration: next ? presentIteration(next) : null,
      openToMyNation: await decide(r.audience, upcoming?.start_date ?? at, r.id),
    });
  }
  const last = page[page.length - 1];
  return {
    activities,
    nextCursor: rows.length > f.limit && last ? Buffer.from(last.reference).toString("base64url") : null,
    facets: {
      area: areaFacet.map((r) => ({ value: r.value, count: Number(r.count) })),
      kind: kindFacet.map((r) => ({ value: r.value, count: Number(r.count) })),
    },
  };
}

/**
 * One activity as its page shows it: areas, label, iterations with seats, seats left and
 * waitlist length, and for a viewer with a nation the policy decision for each iteration's
 * start date ("can my nation join, and why"). NOT_FOUND if the label or the status hides it.
 */
export async function getActivity(db: Db, viewer: Viewer, id: string, at: string): Promise<TActivityDetail> {
  const select = db
    .selectFrom("activity")
    .selectAll()
    .where("activity.id", "=", id)
    .where(visibleActivity(db, viewer, at));
  const row = await select.executeTakeFirst();
  if (!row) throw notFound("activity", id);
  const [labels, areas, iterations, waitlists] = await Promise.all([
    getLabels(db, [row.label_id]),
    areasOf(db, [row.id]),
    db
      .selectFrom("iteration")
      .selectAll()
      .where("activity_id", "=", row.id)
      .orderBy("start_date")
      .orderBy("code")
      .execute(),
    db
      .selectFrom("nomination")
      .innerJoin("iteration", "iteration.id", "nomination.iteration_id")
      .select((eb) => ["nomination.iteration_id", eb.fn.countAll().as("n")])
      .where("iteration.activity_id", "=", row.id)
      .where("nomination.status", "=", "waitlisted")
      .groupBy("nomination.iteration_id")
      .execute(),
  ]);
  const label = labels.get(row.label_id);
  if (!label) throw notFound("activity", id);
  const decide = accessDeciderFor(db, viewer);
  const iterationDetails: TActivityDetail["iterations"] = [];
  for (const it of iterations) {
    iterationDetails.push({
      ...presentIteration(it),
      waitlistLength: Number(waitlists.find((w) => w.iteration_id === it.id)?.n ?? 0),
      access: await decide(row.audience, it.start_date, row.id),
    });
  }
  return {
    ...presentActivity(row),
    viewerIsOwner: await isActivityOwner(db, viewer, row),
    areas: areas.get(row.id) ?? [],
    label,
    iterations: iterationDetails,
  };
}
