import type { Insertable, Selectable } from "kysely";

// Kysely table interfaces: the one description of the schema the code relies on.
// Dates are ISO-8601 text (YYYY-MM-DD) on both engines; booleans are 0/1 integers.
// Validity periods are half-open: valid_from is inclusive, valid_to (null = open) exclusive.

export type Precision = "day" | "month" | "year";
export type Certainty = "confirmed" | "uncertain" | "disputed";

export interface SourceTable {
  id: string;
  url: string;
  title: string;
  reliability: "primary" | "secondary" | "weak";
  note: string | null;
}

export interface NationTable {
  code: string;
  numeric_code: string | null;
  name: string;
  kind: "state" | "organisation";
  cite: string | null;
}

export interface FrameworkTable {
  code: string;
  name: string;
  kind: "alliance" | "partnership" | "dialogue";
  /** How one member is called, e.g. "an Ally", "a Contact Country". */
  member_title: string;
  includes_allies: number;
  description: string;
  sort_order: number;
  cite: string;
}

export interface FrameworkNameTable {
  framework_code: string;
  name: string;
  member_title: string;
  valid_from: string;
  valid_to: string | null;
  cite: string;
}

export interface MembershipTable {
  id: string;
  framework_code: string;
  nation_code: string;
  valid_from: string;
  valid_from_precision: Precision;
  valid_to: string | null;
  cite: string;
  certainty: Certainty;
  note: string | null;
}

export interface SuspensionTable {
  id: string;
  membership_id: string;
  valid_from: string;
  valid_to: string | null;
  cite: string;
  certainty: Certainty;
  note: string | null;
}

export interface MilestoneTable {
  id: string;
  date: string;
  precision: Precision;
  title: string;
  summary: string;
  cite: string;
  certainty: Certainty;
  note: string | null;
}

export interface MilestoneFrameworkTable {
  milestone_id: string;
  framework_code: string;
}

export interface MilestoneNationTable {
  milestone_id: string;
  nation_code: string;
}

export interface PolicyRuleTable {
  id: string;
  name: string;
  valid_from: string;
  valid_from_precision: Precision;
  valid_to: string | null;
  priority: number;
  partner_scope: "audience-member" | "member-of" | "any-nation";
  outcome: "open" | "council-approval" | "not-open";
  summary: string;
  milestone_id: string | null;
  cite: string;
}

export interface PolicyRuleFrameworkTable {
  rule_id: string;
  framework_code: string;
}

export interface PolicyRuleAudienceTable {
  rule_id: string;
  token: string;
}

export interface AreaTable {
  code: string;
  name: string;
}

export interface PartnerAreaTable {
  nation_code: string;
  area_code: string;
  extent: "exploratory" | "regular" | "intensive";
  since: string | null;
  cite: string;
  note: string | null;
}

export interface PartnerEventTable {
  id: string;
  nation_code: string;
  date: string;
  precision: Precision;
  title: string;
  cite: string;
  certainty: Certainty;
  note: string | null;
}

export interface Database {
  source: SourceTable;
  nation: NationTable;
  framework: FrameworkTable;
  framework_name: FrameworkNameTable;
  membership: MembershipTable;
  suspension: SuspensionTable;
  milestone: MilestoneTable;
  milestone_framework: MilestoneFrameworkTable;
  milestone_nation: MilestoneNationTable;
  policy_rule: PolicyRuleTable;
  policy_rule_framework: PolicyRuleFrameworkTable;
  policy_rule_audience: PolicyRuleAudienceTable;
  area: AreaTable;
  partner_area: PartnerAreaTable;
  partner_event: PartnerEventTable;
}

export type Nation = Selectable<NationTable>;
export type NewNation = Insertable<NationTable>;
export type Membership = Selectable<MembershipTable>;
export type PolicyRule = Selectable<PolicyRuleTable>;
