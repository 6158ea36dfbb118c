import { z } from "zod";

// The shape of the reviewable demo data under data/seed/. Every fact carries a citation:
// `cite` is a source id from sources.yaml, optionally followed by `#p<N>` for a paragraph
// of that source (paragraphs of the seed page are numbered in data/seed/README.md).

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const cite = z.string().regex(/^[a-z0-9-]+(#p\d+)?$/, "expected <source-id> or <source-id>#p<N>");
const nationCode = z.string().regex(/^[A-Z]{2,8}$/, "expected an upper-case code");
const precision = z.enum(["day", "month", "year"]);
const certainty = z.enum(["confirmed", "uncertain", "disputed"]);

export const ZSourceRecord = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  url: z.url(),
  title: z.string().min(1),
  reliability: z.enum(["primary", "secondary", "weak"]),
  note: z.string().optional(),
});

export const ZOrganisationRecord = z.strictObject({
  code: nationCode,
  name: z.string().min(1),
  cite,
});

export const ZFrameworkRecord = z.strictObject({
  code: z.enum(["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE"]),
  name: z.string().min(1),
  kind: z.enum(["alliance", "partnership", "dialogue"]),
  memberTitle: z.string().min(1),
  includesAllies: z.boolean(),
  description: z.string().min(1),
  names: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        memberTitle: z.string().min(1),
        from: isoDate,
        to: isoDate.optional(),
        cite,
      }),
    )
    .default([]),
  cite,
});

export const ZSuspensionRecord = z.strictObject({
  from: isoDate,
  to: isoDate.optional(),
  cite,
  certainty: certainty.default("confirmed"),
  note: z.string().optional(),
});

export const ZMemberRecord = z.strictObject({
  nation: nationCode,
  from: isoDate,
  fromPrecision: precision.default("day"),
  to: isoDate.optional(),
  cite,
  certainty: certainty.default("confirmed"),
  note: z.string().optional(),
  suspensions: z.array(ZSuspensionRecord).default([]),
});

export const ZMembershipGroup = z.strictObject({
  framework: ZFrameworkRecord.shape.code,
  members: z.array(ZMemberRecord),
});

export const ZMilestoneRecord = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  date: isoDate,
  precision: precision.default("day"),
  title: z.string().min(1),
  summary: z.string().min(1),
  frameworks: z.array(ZFrameworkRecord.shape.code).default([]),
  nations: z.array(nationCode).default([]),
  cite,
  certainty: certainty.default("confirmed"),
  note: z.string().optional(),
});

export const ZPartnerScope = z.discriminatedUnion("kind", [
  // The partner is itself in the audience: named, or a member of one of its group tokens.
  z.strictObject({ kind: z.literal("audience-member") }),
  // The partner holds a current (unsuspended) membership of one of these frameworks.
  z.strictObject({ kind: z.literal("member-of"), frameworks: z.array(ZFrameworkRecord.shape.code).min(1) }),
  // Any nation at all.
  z.strictObject({ kind: z.literal("any-nation") }),
]);

export const ZPolicyRuleRecord = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  from: isoDate,
  fromPrecision: precision.default("day"),
  to: isoDate.optional(),
  priority: z.number().int().min(0),
  partnerScope: ZPartnerScope,
  audienceAny: z.array(z.string().regex(/^[A-Z]+$/)).optional(),
  outcome: z.enum(["open", "council-approval", "not-open"]),
  summary: z.string().min(1),
  milestone: z.string().optional(),
  cite,
});

export const ZAreaRecord = z.strictObject({
  code: z.string().regex(/^[a-z-]+$/),
  name: z.string().min(1),
});

export const ZPartnerAreaRecord = z.strictObject({
  nation: nationCode,
  area: z.string().regex(/^[a-z-]+$/),
  extent: z.enum(["exploratory", "regular", "intensive"]),
  since: isoDate.optional(),
  cite,
  note: z.string().optional(),
});

export const ZPartnerEventRecord = z.strictObject({
  nation: nationCode,
  date: isoDate,
  precision: precision.default("day"),
  title: z.string().min(1),
  cite,
  certainty: certainty.default("confirmed"),
  note: z.string().optional(),
});

export const ZOperationRecord = z.strictObject({
  code: z.string().regex(/^[A-Z]{2,12}$/, "must be 2-12 upper-case letters"),
  name: z.string().min(1),
  theatre: z.string().min(1),
  mandate: z.string().min(1),
  start: isoDate,
  startPrecision: precision.default("day"),
  end: isoDate.optional(),
  endPrecision: precision.default("day"),
  cite,
  note: z.string().optional(),
});

export const ZSeedData = z.strictObject({
  sources: z.array(ZSourceRecord),
  organisations: z.array(ZOrganisationRecord),
  frameworks: z.array(ZFrameworkRecord),
  memberships: z.array(ZMembershipGroup),
  milestones: z.array(ZMilestoneRecord),
  policyRules: z.array(ZPolicyRuleRecord),
  areas: z.array(ZAreaRecord),
  partnerAreas: z.array(ZPartnerAreaRecord),
  partnerEvents: z.array(ZPartnerEventRecord),
  operations: z.array(ZOperationRecord),
});

export type TSeedData = z.infer<typeof ZSeedData>;
export type TPolicyRuleRecord = z.infer<typeof ZPolicyRuleRecord>;
export type TPartnerScope = z.infer<typeof ZPartnerScope>;
