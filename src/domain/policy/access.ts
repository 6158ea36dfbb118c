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
};

export function newAccessMemo(): AccessMemo {
  return { nations: new Map(), tokens: new Map(), naming: null, rules: null };
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
  return `${who} on ${facts.date}: ${OUTCOME_TEXT[outcome]}: ${status}; activity audience ${facts.audience.join(",")}; ${reason}`;
}
