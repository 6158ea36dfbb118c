import { z } from "zod";

/** Classification codes, lowest first; the rank is the index. PUBLIC is non-classified information. */
export const CLASSIFICATIONS = ["PUBLIC", "NU", "NR", "NC", "NS"] as const;
export const CLEARANCES = ["NU", "NR", "NC", "NS"] as const;

export const CLASSIFICATION_NAMES: Record<(typeof CLASSIFICATIONS)[number], string> = {
  PUBLIC: "PUBLIC",
  NU: "NATO UNCLASSIFIED",
  NR: "NATO RESTRICTED",
  NC: "NATO CONFIDENTIAL",
  NS: "NATO SECRET",
};

export const ZClassification = z.enum(CLASSIFICATIONS);
export const ZClearance = z.enum(CLEARANCES);

/** A nation or organisation code, a framework (PFP), or CONTRIB:<operation> (its recognised contributors). */
const ZToken = z
  .string()
  .trim()
  .min(2, "must be a nation code (ISO alpha-3) or a group token such as PFP")
  .max(20, "must be at most 20 characters")
  .regex(/^([A-Za-z]{2,12}|CONTRIB:[A-Za-z]{2,12})$/i, "must be letters only, or CONTRIB: and an operation code")
  .transform((s) => s.toUpperCase());

/** A label as a client writes it: structured, never a marking string. */
export const ZLabelInput = z.strictObject({
  policyIdentifier: z.string().trim().min(1).max(40).default("NATO"),
  classification: ZClassification,
  releasableTo: z.array(ZToken).max(60, "must list at most 60 nations or groups").default([]),
  reviewAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
    .optional(),
});

export const ZLabel = z.object({
  id: z.string(),
  policyIdentifier: z.string(),
  classification: ZClassification,
  releasableTo: z.array(z.string()),
  createdAt: z.string(),
  reviewAt: z.string().nullable(),
  marking: z.string(),
});

export type TClassification = z.infer<typeof ZClassification>;
export type TClearance = z.infer<typeof ZClearance>;
export type TLabelInput = z.input<typeof ZLabelInput>;
export type TLabel = z.infer<typeof ZLabel>;
