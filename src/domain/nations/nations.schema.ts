import { z } from "zod";

export const ZNationCode = z
  .string()
  .trim()
  .min(2, "must be a nation's ISO 3166 alpha-3 code or an organisation's code")
  .max(8, "must be at most 8 characters")
  .regex(/^[A-Za-z]+$/, "must contain letters only")
  .transform((s) => s.toUpperCase());

export const ZNationKind = z.enum(["state", "organisation"]);

export const ZListNationsQuery = z.strictObject({
  kind: ZNationKind.optional(),
  q: z.string().trim().max(100, "must be at most 100 characters").optional(),
});

export const ZNation = z.object({
  code: z.string(),
  numericCode: z.string().nullable(),
  name: z.string(),
  kind: ZNationKind,
});

export type TListNationsQuery = z.infer<typeof ZListNationsQuery>;
export type TNation = z.infer<typeof ZNation>;
