import type { Db } from "../../db/connect.js";
import { formatPeriod, isWithin } from "../shared/dates.js";
import type { TPolicyRule } from "./policy.schema.js";

/** The partnership policy rules, in evaluation order; only those in force on `asOf` if given. */
export async function listPolicyRules(db: Db, asOf?: string): Promise<TPolicyRule[]> {
  let select = db.selectFrom("policy_rule").selectAll().orderBy("priority").orderBy("valid_from").orderBy("id");
  if (asOf) {
    select = select
      .where("valid_from", "<=", asOf)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", asOf)]));
  }
  const [rules, frameworks, audience] = await Promise.all([
    select.execute(),
    db.selectFrom("policy_rule_framework").selectAll().orderBy("framework_code").execute(),
    db.selectFrom("policy_rule_audience").selectAll().orderBy("token").execute(),
  ]);
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    validFrom: r.valid_from,
    precision: r.valid_from_precision,
    validTo: r.valid_to,
    period: formatPeriod(r.valid_from, r.valid_from_precision, r.valid_to),
    priority: r.priority,
    partnerScope: r.partner_scope,
    frameworks: frameworks.filter((f) => f.rule_id === r.id).map((f) => f.framework_code),
    audienceAny: audience.filter((a) => a.rule_id === r.id).map((a) => a.token),
    outcome: r.outcome,
    summary: r.summary,
    milestone: r.milestone_id,
    cite: r.cite,
  }));
}

/** What the engine knows about a partner on a date, gathered by SQL in access.ts. */
export type AccessFacts = {
  partner: string;
  date: string;
  audience: string[];
  /** Named in the audience, or a member in force of one of its group tokens. */
  isAudienceMember: boolean;
  /** Memberships whose period covers the date, suspended ones flagged. */
  memberships: { framework: string; suspended: boolean }[];
};

/** Whether a rule applies to these facts. Rules are data: this is the only place they are read. */
export function ruleMatches(rule: TPolicyRule, facts: AccessFacts): boolean {
  if (!isWithin(facts.date, rule.validFrom, rule.validTo)) return false;
  if (rule.audienceAny.length > 0 && !rule.audienceAny.some((t) => facts.audience.includes(t))) return false;
  switch (rule.partnerScope) {
    case "audience-member":
      return facts.isAudienceMember;
    case "member-of":
      return facts.memberships.some((m) => !m.suspended && rule.frameworks.includes(m.framework));
    case "any-nation":
      return true;
  }
}

/** The first rule, by priority, that applies; null when none does (the activity is not open). */
export function findDecidingRule(rules: TPolicyRule[], facts: AccessFacts): TPolicyRule | null {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.validFrom.localeCompare(b.validFrom));
  return ordered.find((r) => ruleMatches(r, facts)) ?? null;
}
