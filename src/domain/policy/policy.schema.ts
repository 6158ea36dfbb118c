import { z } from "zod";
import { ZTokenList } from "../frameworks/frameworks.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

export const ZAccessQuery = z.strictObject({
  partner: ZNationCode,
  audience: ZTokenList,
  date: ZIsoDate,
  /** The activity asked about: a Council decision granting this partner access to it makes it open. */
  activityId: z.string().trim().min(1).max(64).optional(),
});

export const ZOutcome = z.enum(["open", "council-approval", "not-open"]);

export const ZPolicyRule = z.object({
  id: z.string(),
  name: z.string(),
  validFrom: z.string(),
  precision: z.enum(["day", "month", "year"]),
  validTo: z.string().nullable(),
  period: z.string(),
  priority: z.number().int(),
  partnerScope: z.enum(["audience-member", "member-of", "any-nation"]),
  frameworks: z.array(z.string()),
  audienceAny: z.array(z.string()),
  outcome: ZOutcome,
  summary: z.string(),
  milestone: z.string().nullable(),
  cite: z.string(),
});

export const ZMembershipUsed = z.object({
  framework: z.string(),
  frameworkName: z.string(),
  since: z.string(),
  suspended: z.boolean(),
});

export const ZAccessDecision = z.object({
  partner: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  audience: z.array(z.string()),
  outcome: ZOutcome,
  rule: ZPolicyRule.nullable(),
  memberships: z.array(ZMembershipUsed),
  /** The Council decision that opened the activity to this partner case by case, if one did. */
  councilDecision: z.object({ id: z.string(), reference: z.string(), date: z.string() }).nullable(),
  explanation: z.string(),
});

export const ZMilestone = z.object({
  id: z.string(),
  date: z.string(),
  precision: z.enum(["day", "month", "year"]),
  title: z.string(),
  summary: z.string(),
  frameworks: z.array(z.string()),
  nations: z.array(z.string()),
  cite: z.string(),
  certainty: z.enum(["confirmed", "uncertain", "disputed"]),
  note: z.string().nullable(),
});

export const ZMilestonesQuery = z.strictObject({
  framework: z.string().trim().max(12, "must be at most 12 characters").optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});

export type TAccessQuery = z.infer<typeof ZAccessQuery>;
export type TOutcome = z.infer<typeof ZOutcome>;
export type TPolicyRule = z.infer<typeof ZPolicyRule>;
export type TAccessDecision = z.infer<typeof ZAccessDecision>;
export type TMilestone = z.infer<typeof ZMilestone>;
export type TMilestonesQuery = z.infer<typeof ZMilestonesQuery>;
