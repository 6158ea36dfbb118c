import { z } from "zod";
import { ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZOperationCode } from "../operations/operations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// Force generation's shapes: the statement of requirements (CJSOR lines), offers against them,
// and the fill board. Shared by the domain, the routes and the web UI.

const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ZRequirementInput = z
  .strictObject({
    operation: ZOperationCode,
    /** Defaults to the next free line number of the operation's statement. */
    lineNumber: z.number().int().min(1).max(9999).optional(),
    capability: ZText(300),
    quantity: z.number().int().min(1).max(100000),
    unit: z.string().trim().min(1).max(40).default("personnel"),
    periodStart: ZIsoDate,
    periodEnd: ZIsoDate,
    location: ZText(200),
    /** Defaults to NATO RESTRICTED releasable to NATO and the operation's recognised contributors (CONTRIB:<op>). */
    label: ZLabelInput.optional(),
  })
  .refine((r) => r.periodStart <= r.periodEnd, { message: "must not be before periodStart", path: ["periodEnd"] });

export const ZForceOfferInput = z.strictObject({
  requirementId: z.string().trim().min(1).max(64),
  /** The offering nation; a nation's user offers for its own nation (defaults to it); staff may record any. */
  nation: ZNationCode.optional(),
  quantity: z.number().int().min(1).max(100000),
  note: z.string().trim().max(2000).default(""),
});

export const FORCE_OFFER_ACTIONS = ["accept", "decline", "withdraw"] as const;
export const ZForceOfferActionInput = z.strictObject({
  action: z.enum(FORCE_OFFER_ACTIONS),
  note: z.string().trim().max(2000).default(""),
});

export const ZForceOfferStatus = z.enum(["offered", "accepted", "declined", "withdrawn"]);

export const ZForceOffer = z.object({
  id: z.string(),
  requirementId: z.string(),
  nation: z.object({ code: z.string(), name: z.string() }),
  quantity: z.number().int(),
  status: ZForceOfferStatus,
  note: z.string(),
  offeredAt: z.string(),
  decidedAt: z.string().nullable(),
  actions: z.array(z.enum(FORCE_OFFER_ACTIONS)),
});

/** One line with its fill: accepted / quantity, the gap, and the offers the viewer may see. */
export const ZRequirementLine = z.object({
  id: z.string(),
  operation: z.string(),
  lineNumber: z.number().int(),
  capability: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  location: z.string(),
  status: z.enum(["open", "closed"]),
  accepted: z.number().int(),
  /** Offered and not yet decided. */
  pending: z.number().int(),
  gap: z.number().int(),
  /** accepted / quantity, 0..1. */
  fillRate: z.number(),
  offers: z.array(ZForceOffer),
  /** The viewer's nation may offer against this line now. */
  canOffer: z.boolean(),
  label: ZLabel,
});

export const ZForceGenerationBoard = z.object({
  operation: z.object({ code: z.string(), name: z.string() }),
  lines: z.array(ZRequirementLine),
  totals: z.object({
    quantity: z.number().int(),
    accepted: z.number().int(),
    gap: z.number().int(),
    fillRate: z.number(),
    linesFilled: z.number().int(),
    linesWithGap: z.number().int(),
  }),
});

export type TRequirementInput = z.input<typeof ZRequirementInput>;
export type TForceOfferInput = z.input<typeof ZForceOfferInput>;
export type TForceOfferActionInput = z.input<typeof ZForceOfferActionInput>;
export type TForceOffer = z.infer<typeof ZForceOffer>;
export type TRequirementLine = z.infer<typeof ZRequirementLine>;
export type TForceGenerationBoard = z.infer<typeof ZForceGenerationBoard>;
