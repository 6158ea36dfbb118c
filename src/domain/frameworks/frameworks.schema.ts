import { z } from "zod";
import { ZIsoDate } from "../shared/dates.js";

export const ZFrameworkCode = z
  .string()
  .trim()
  .min(2, "must be a framework code such as PFP")
  .max(12, "must be at most 12 characters")
  .regex(/^[A-Za-z]+$/, "must contain letters only")
  .transform((s) => s.toUpperCase());

export const ZAsOfQuery = z.strictObject({ asOf: ZIsoDate.optional() });

export const ZTokenList = z
  .string()
  .trim()
  .min(1, "must list at least one token, e.g. PFP,MD,ICI")
  .max(500, "must be at most 500 characters");

export const ZExpandQuery = z.strictObject({ tokens: ZTokenList, asOf: ZIsoDate.optional() });

export const ZPeriod = z.object({
  validFrom: z.string(),
  precision: z.enum(["day", "month", "year"]),
  validTo: z.string().nullable(),
});

export const ZFramework = z.object({
  code: z.string(),
  name: z.string(),
  currentName: z.string(),
  kind: z.enum(["alliance", "partnership", "dialogue"]),
  includesAllies: z.boolean(),
  description: z.string(),
  cite: z.string(),
  names: z.array(z.object({ name: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
  memberCount: z.number().int(),
});

export const ZSuspension = z.object({
  validFrom: z.string(),
  validTo: z.string().nullable(),
  certainty: z.enum(["confirmed", "uncertain", "disputed"]),
  note: z.string().nullable(),
  cite: z.string(),
});

export const ZMembership = ZPeriod.extend({
  framework: z.string(),
  frameworkName: z.string(),
  certainty: z.enum(["confirmed", "uncertain", "disputed"]),
  note: z.string().nullable(),
  cite: z.string(),
  suspensions: z.array(ZSuspension),
});

export const ZMember = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["state", "organisation"]),
  role: z.enum(["ally", "partner"]),
  since: z.string(),
  precision: z.enum(["day", "month", "year"]),
  certainty: z.enum(["confirmed", "uncertain", "disputed"]),
  suspended: z.boolean(),
  cite: z.string(),
});

export const ZMembersResponse = z.object({
  framework: z.string(),
  name: z.string(),
  asOf: z.string(),
  count: z.number().int(),
  members: z.array(ZMember),
});

export const ZMapEntry = z.object({
  code: z.string(),
  frameworks: z.array(z.string()),
  suspended: z.array(z.string()),
});

export const ZMapResponse = z.object({ asOf: z.string(), nations: z.array(ZMapEntry) });

export const ZExpandResponse = z.object({
  asOf: z.string(),
  tokens: z.array(z.string()),
  nations: z.array(z.string()),
});

export type TFramework = z.infer<typeof ZFramework>;
export type TMembership = z.infer<typeof ZMembership>;
export type TMember = z.infer<typeof ZMember>;
export type TMembersResponse = z.infer<typeof ZMembersResponse>;
export type TMapResponse = z.infer<typeof ZMapResponse>;
export type TExpandResponse = z.infer<typeof ZExpandResponse>;
