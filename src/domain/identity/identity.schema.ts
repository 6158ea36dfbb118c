import { z } from "zod";
import { ZClearance } from "../labels/labels.schema.js";

export const ROLES = ["admin", "staff", "delegation", "partner", "hq", "auditor", "analyst"] as const;
export const ZRole = z.enum(ROLES);
/** Roles that must use a second factor. */
export const ROLES_REQUIRING_TOTP = ["admin", "staff"] as const;

export const ZUsername = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "may contain letters, digits, '.', '_' and '-'")
  .transform((s) => s.toLowerCase());

export const ZPassword = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

export const ZOrganisationKind = z.enum([
  "alliance-staff",
  "command",
  "delegation",
  "mission",
  "international-organisation",
]);

export const ZCreateOrganisation = z.strictObject({
  name: z.string().trim().min(2, "must be at least 2 characters").max(120, "must be at most 120 characters"),
  kind: ZOrganisationKind,
  nation: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,8}$/, "must be a nation or organisation code")
    .transform((s) => s.toUpperCase())
    .nullable()
    .default(null),
});

export const ZCreateUser = z.strictObject({
  username: ZUsername,
  displayName: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  organisationId: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  clearance: ZClearance,
  roles: z.array(ZRole).min(1, "must hold at least one role").max(ROLES.length),
  isPointOfContact: z.boolean().default(false),
  /** Where e-mail notifications go; without one, notices reach the in-app inbox only. */
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email("must be an e-mail address")
    .max(254, "must be at most 254 characters")
    .optional(),
  password: ZPassword,
});

export const ZLogin = z.strictObject({
  username: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  password: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
});

export const ZTotpCode = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/i, "must be a 6-digit code or a recovery code"),
});

export const ZCreateApiToken = z.strictObject({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
});

export const ZUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisation: z.object({ id: z.string(), name: z.string(), nation: z.string().nullable(), kind: ZOrganisationKind }),
  clearance: ZClearance,
  roles: z.array(ZRole),
  isPointOfContact: z.boolean(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});

export type TRole = z.infer<typeof ZRole>;
export type TCreateUser = z.input<typeof ZCreateUser>;
export type TCreateOrganisation = z.input<typeof ZCreateOrganisation>;
export type TUserView = z.infer<typeof ZUserView>;
