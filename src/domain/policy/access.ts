import type { Db } from "../../db/connect.js";
import { loadFrameworkNaming } from "../frameworks/frameworks.js";
import { membershipActiveAt, membershipSuspendedAt } from "../frameworks/membership-sql.js";
import { parseTokens, resolveTokens, tokenMembersQuery } from "../frameworks/tokens.js";
import { getNation } from "../nations/nations.js";
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
 * Decides whether `partner` may join an activity whose audience is `audience` on `date`:
 * open, open with the Council's case-by-case approval, or not open, with the reason.
 */
export async function decideAccess(db: Db, query: TAccessQuery): Promise<TAccessDecision> {
  const nation = await getNation(db, query.partner);
  const audience = parseTokens(query.audience);
  const resolved = await resolveTokens(db, audience);
  const [memberships, inAudience, rules] = await Promise.all([
    membershipsOn(db, nation.code, query.date),
    db
      .selectFrom(tokenMembersQuery(db, resolved, query.date).as("audience"))
      .select("audience.code")
      .where("audience.code", "=", nation.code)
      .executeTakeFirst(),
    listPolicyRules(db, query.date),
  ]);
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
    explanation: explain(facts, memberships, rule, outcome),
  };
}

async function membershipsOn(db: Db, nation: string, date: string): Promise<UsedMembership[]> {
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
    loadFrameworkNaming(db),
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
