import type { Db } from "../../db/connect.js";
import { type FrameworkNaming, loadFrameworkNaming } from "../frameworks/frameworks.js";
import { membershipActiveAt, membershipSuspendedAt } from "../frameworks/membership-sql.js";
import { parseTokens, type ResolvedTokens, resolveTokens, tokenMembersQuery } from "../frameworks/tokens.js";
import { getNation } from "../nations/nations.js";
import type { TNation } from "../nations/nations.schema.js";
import { formatDate } from "../shared/dates.js";
import type { TAccessDecision, TAccessQuery, TOutcome, TPolicyRule } from "./policy.schema.js";
import { type AccessFacts, findDecidingRule, listPolicyRules } from "./rules.js";

const OUTCOME_TEXT: Record<TOutcome, string> = {
  open: "open",
  "council-approval": "needs Council approval",
  "not-open": "not open",
};

type UsedMembership = TAccessDecision["memberships"][number] & { memberTitle: string; precision: string };

/**
 * What decisions within one request share: the reference data they read (nations, the audience's
 * resolved tokens, framework naming, the policy rules), read once. A memo lives as long as the
 * request that made it; nothing is cached across requests, so a reload of the reference data is
 * seen at once.
 */
export type AccessMemo = {
  nations: Map<string, Promise<TNation>>;
  tokens: Map<string, Promise<ResolvedTokens>>;
  naming: Promise<FrameworkNaming> | null;
  rules: Promise<TPolicyRule[]> | null;
  /** The Council's grant, keyed by partner and activity (never by one of them alone). */
  grants: Map<string, Promise<CouncilGrant | null>>;
};

export type CouncilGrant = NonNullable<TAccessDecision["councilDecision"]>;

export function newAccessMemo(): AccessMemo {
  return { nations: new Map(), tokens: new Map(), naming: null, rules: null, grants: new Map() };
}

function remember<V>(map: Map<string, Promise<V>>, key: string, make: () => Promise<V>): Promise<V> {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    // A failed read is not remembered: the next decision asks again (and fails the same way).
    value.catch(() => map.delete(key));
    map.set(key, value);
  }
  return value;
}

/**
 * Decides whether `partner` may join an activity whose audience is `audience` on `date`:
 * open, open with the Council's case-by-case approval, or not open, with the reason. Pass one
 * memo to every decision of a request (a page of activities) to read the reference data once.
 */
export async function decideAccess(
  db: Db,
  query: TAccessQuery,
  memo: AccessMemo = newAccessMemo(),
): Promise<TAccessDecision> {
  const byRules = await decideByRules(db, query, memo);
  return query.activityId === undefined ? byRules : applyCouncilGrant(db, byRules, query.activityId, memo);
}

/**
 * The Council's case-by-case decision on top of the rules' answer for one activity: a
 * 'council-approval' answer becomes open when the Council granted this partner's request for
 * exactly this activity (its decision adopted); any other answer stands ('not-open' stays
 * closed: no Council decision overrides the rules). For callers that share one rules answer
 * between many activities of the same audience and date.
 */
export async function applyCouncilGrant(
  db: Db,
  decision: TAccessDecision,
  activityId: string,
  memo: AccessMemo = newAccessMemo(),
): Promise<TAccessDecision> {
  if (decision.outcome !== "council-approval") return decision;
  const partner = decision.partner.code;
  const grant = await remember(memo.grants, `${partner}\u0000${activityId}`, () =>
    findCouncilGrant(db, partner, activityId),
  );
  if (grant === null) return decision;
  const by = `open (by Council decision of ${grant.date}, ref ${grant.reference})`;
  return {
    ...decision,
    outcome: "open",
    councilDecision: grant,
    // The rules' sentence with its verdict replaced (a function: a '$' in a reference is literal).
    explanation: decision.explanation.replace(headOf(partner, decision.date, OUTCOME_TEXT["council-approval"]), () =>
      headOf(partner, decision.date, by),
    ),
  };
}

/** The adopted Council decision that granted `partner` access to `activityId`, if there is one. */
export async function findCouncilGrant(db: Db, partner: string, activityId: string): Promise<CouncilGrant | null> {
  const row = await db
    .selectFrom("access_request")
    .innerJoin("decision", "decision.id", "access_request.decision_id")
    .select(["decision.id", "decision.reference", "decision.closed_at"])
    .where("access_request.nation_code", "=", partner)
    .where("access_request.activity_id", "=", activityId)
    .where("access_request.status", "=", "granted")
    .where("decision.status", "=", "adopted")
    .orderBy("decision.closed_at", "desc")
    .orderBy("decision.id")
    .limit(1)
    .executeTakeFirst();
  if (!row || row.closed_at === null) return null;
  return { id: row.id, reference: row.reference, date: row.closed_at.slice(0, 10) };
}

/** The activities the Council opened to `nation` case by case, as SQL (for `activity.id in (…)`). */
export function grantedActivityIds(db: Db, nation: string) {
  return db
    .selectFrom("access_request")
    .innerJoin("decision", "decision.id", "access_request.decision_id")
    .select("access_request.activity_id")
    .where("access_request.nation_code", "=", nation)
    .where("access_request.status", "=", "granted")
    .where("decision.status", "=", "adopted")
    .where("decision.closed_at", "is not", null);
}

/** What the rules alone answer (no Council decision on a given activity). */
async function decideByRules(db: Db, query: TAccessQuery, memo: AccessMemo): Promise<TAccessDecision> {
  const nation = await remember(memo.nations, query.partner, () => getNation(db, query.partner));
  const audience = parseTokens(query.audience);
  const resolved = await remember(memo.tokens, audience.join(","), () => resolveTokens(db, audience));
  memo.naming ??= loadFrameworkNaming(db);
  memo.rules ??= listPolicyRules(db);
  const [memberships, inAudience, allRules] = await Promise.all([
    membershipsOn(db, nation.code, query.date, memo.naming),
    db
      .selectFrom(tokenMembersQuery(db, resolved, query.date).as("audience"))
      .select("audience.code")
      .where("audience.code", "=", nation.code)
      .executeTakeFirst(),
    memo.rules,
  ]);
  // The rules in force on the date, in the engine's order (listPolicyRules sorts them).
  const rules = allRules.filter((r) => r.validFrom <= query.date && (r.validTo === null || r.validTo > query.date));
  const facts: AccessFacts = {
    partner: nation.code,
    date: query.date,
    audience,
    isAudienceMember: inAudience !== undefined,
    memberships,
  };
  const rule = findDecidingRule(rules, facts);
  const outcome: TOutcome = rule?.outcome ?? "not-open";
  return {
    partner: { code: nation.code, name: nation.name },
    date: query.date,
    audience,
    outcome,
    rule,
    memberships: memberships.map(({ framework, frameworkName, since, suspended }) => ({
      framework,
      frameworkName,
      since,
      suspended,
    })),
    councilDecision: null,
    explanation: explain(facts, memberships, rule, outcome),
  };
}

async function membershipsOn(
  db: Db,
  nation: string,
  date: string,
  namingOnce: Promise<FrameworkNaming>,
): Promise<UsedMembership[]> {
  const [rows, naming] = await Promise.all([
    db
      .selectFrom("membership")
      .innerJoin("framework", "framework.code", "membership.framework_code")
      .select((eb) => [
        "membership.framework_code",
        "membership.valid_from",
        "membership.valid_from_precision",
        membershipSuspendedAt(date)(eb).as("suspended"),
      ])
      .where("membership.nation_code", "=", nation)
      .where(membershipActiveAt(date))
      .orderBy("framework.sort_order")
      .execute(),
    namingOnce,
  ]);
  return rows.map((r) => {
    const { name, memberTitle } = naming(r.framework_code, date);
    return {
      framework: r.framework_code,
      frameworkName: name,
      memberTitle,
      since: formatDate(r.valid_from, r.valid_from_precision),
      precision: r.valid_from_precision,
      suspended: Boolean(r.suspended),
    };
  });
}

function explain(facts: AccessFacts, memberships: UsedMembership[], rule: TPolicyRule | null, outcome: TOutcome) {
  const who = facts.partner;
  const status =
    memberships.length === 0
      ? `${who} holds no membership of any framework`
      : memberships
          .map((m) =>
            m.suspended
              ? `${who}'s membership of ${m.frameworkName} is suspended`
              : `${who} is ${m.memberTitle} (since ${m.since})`,
          )
          .join("; ");
  const reason = rule
    ? `rule '${rule.name}' (${rule.period})`
    : `no rule in force on ${facts.date} opens this audience to ${who}`;
  return `${headOf(who, facts.date, OUTCOME_TEXT[outcome])} ${status}; activity audience ${facts.audience.join(",")}; ${reason}`;
}

/** The start of every explanation: who, when, and the verdict. */
function headOf(partner: string, date: string, verdict: string): string {
  return `${partner} on ${date}: ${verdict}:`;
}
