import { z } from "zod";
import { ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// The operations API's shapes (operations, contributor recognition, contributions, postings),
// shared by the domain, the routes and the web UI.

const ZText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ZOperationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,12}$/, "must be an operation code such as ISAF")
  .transform((s) => s.toUpperCase());

export const ZPrecision = z.enum(["day", "month", "year"]);
const ZNationRef = z.object({ code: z.string(), name: z.string() });
export type TNationRef = z.infer<typeof ZNationRef>;

export const ZOperationSummary = z.object({
  code: z.string(),
  name: z.string(),
  theatre: z.string(),
  startDate: z.string(),
  startPrecision: ZPrecision,
  /** Exclusive; null while ongoing. */
  endDate: z.string().nullable(),
  endPrecision: ZPrecision.nullable(),
  /** Running on the date asked about (today by default). */
  active: z.boolean(),
});

export const ZOperation = ZOperationSummary.extend({
  mandate: z.string(),
  note: z.string().nullable(),
  cite: z.string(),
  /** The cited source's URL, if the source is known. */
  citeUrl: z.string().nullable(),
  /** The releasability token for the operation's recognised contributors: CONTRIB:<code>. */
  contributorsToken: z.string(),
});

export const ZAsOfQuery = z.strictObject({ asOf: ZIsoDate.optional() });

// --- Recognition of non-NATO contributing nations ----------------------------------------------

export const RECOGNITION_STATUSES = [
  "offered",
  "advised",
  "in-decision",
  "recognised",
  "declined",
  "withdrawn",
  "ended",
] as const;
export const ZRecognitionStatus = z.enum(RECOGNITION_STATUSES);

/** Actions on a recognition case; "put to the Council" goes through the decisions API (subject contributor-recognition). */
export const RECOGNITION_ACTIONS = ["advise", "withdraw", "end"] as const;
export const ZRecognitionAction = z.enum(RECOGNITION_ACTIONS);

/** A partner's offer to contribute, recorded by the partner's mission or by the staff. */
export const ZOfferRecognitionInput = z.strictObject({
  operation: ZOperationCode,
  /** The offering nation; a partner's user may only offer for its own nation (defaults to it). */
  nation: ZNationCode.optional(),
  offer: ZText(4000),
  offeredOn: ZIsoDate.optional(),
  /** Defaults to NATO RESTRICTED releasable to the offering nation. */
  label: ZLabelInput.optional(),
});

export const ZRecognitionActionInput = z.strictObject({
  action: ZRecognitionAction,
  /** advise: the political-military advice (staff note); withdraw, end: the reason. */
  note: z.string().trim().max(4000).default(""),
  /** end: the first day the nation is no longer a recognised contributor. */
  date: ZIsoDate.optional(),
});

export const ZRecognition = z.object({
  id: z.string(),
  operation: z.object({ code: z.string(), name: z.string() }),
  nation: ZNationRef,
  status: ZRecognitionStatus,
  offer: z.string(),
  offeredOn: z.string(),
  advice: z.string().nullable(),
  advisedAt: z.string().nullable(),
  decision: z.object({ id: z.string(), reference: z.string(), status: z.string() }).nullable(),
  recognisedFrom: z.string().nullable(),
  recognisedTo: z.string().nullable(),
  /** The actions the viewer may take now. */
  actions: z.array(ZRecognitionAction),
  /** The viewer may put the case to the Council (staff, once advised). */
  canPutToCouncil: z.boolean(),
  label: ZLabel,
});

export const ZListRecognitionsQuery = z.strictObject({
  operation: ZOperationCode.optional(),
  nation: ZNationCode.optional(),
  status: ZRecognitionStatus.optional(),
});

// --- Contributions -----------------------------------------------------------------------------

export const CONTRIBUTION_KINDS = [
  "troops",
  "funding",
  "development-project",
  "medical",
  "equipment",
  "training",
] as const;
export const ZContributionKind = z.enum(CONTRIBUTION_KINDS);

export const ZContributionInput = z.strictObject({
  operation: ZOperationCode,
  nation: ZNationCode,
  kind: ZContributionKind,
  /** Troops: the snapshot's date; other kinds: the contribution's date. */
  asOf: ZIsoDate,
  /** Required for troops (0 records a withdrawal), refused for other kinds. */
  troops: z.number().int().min(0).max(200000).optional(),
  /** Whole units of currency, with the currency (ISO 4217). */
  amount: z.number().int().min(0).max(1e12).optional(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 currency code such as USD")
    .transform((s) => s.toUpperCase())
    .optional(),
  description: z.string().trim().max(2000).default(""),
  cite: z.string().trim().max(500).optional(),
  /** Defaults to NATO UNCLASSIFIED releasable to NATO and the contributing nation. */
  label: ZLabelInput.optional(),
});

export const ZContribution = z.object({
  id: z.string(),
  operation: z.object({ code: z.string(), name: z.string() }),
  nation: ZNationRef,
  kind: ZContributionKind,
  asOf: z.string(),
  troops: z.number().int().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  description: z.string(),
  cite: z.string().nullable(),
  marking: z.string(),
});

export const ZListContributionsQuery = z.strictObject({
  operation: ZOperationCode.optional(),
  nation: ZNationCode.optional(),
  kind: ZContributionKind.optional(),
});

/** The placemat: contributors on a date with their latest troop snapshot on or before it. */
export const ZPlacematRow = z.object({
  nation: ZNationRef,
  /** Null: a recognised contributor with no troop snapshot readable to the viewer. */
  troops: z.number().int().nullable(),
  /** The snapshot's date. */
  snapshotDate: z.string().nullable(),
  ally: z.boolean(),
  /** For non-NATO contributors: the recognition date. */
  recognisedFrom: z.string().nullable(),
  cite: z.string().nullable(),
});

export const ZPlacemat = z.object({
  operation: z.object({ code: z.string(), name: z.string() }),
  asOf: z.string(),
  active: z.boolean(),
  rows: z.array(ZPlacematRow),
  totalTroops: z.number().int(),
  contributingNations: z.number().int(),
});

/** Troop numbers over time: one series per nation, from the snapshots the viewer may read. */
export const ZContributionHistory = z.object({
  operation: z.object({ code: z.string(), name: z.string() }),
  dates: z.array(z.string()),
  series: z.array(
    z.object({ nation: ZNationRef, points: z.array(z.object({ asOf: z.string(), troops: z.number() })) }),
  ),
});

// --- Liaison officers and partner representatives ----------------------------------------------

export const HEADQUARTERS = [
  "SHAPE",
  "NATO-HQ",
  "ISAF-HQ",
  "KFOR-HQ",
  "JFC-BRUNSSUM",
  "JFC-NAPLES",
  "MARCOM",
  "ICC",
] as const;
export const ZHeadquarters = z.enum(HEADQUARTERS);
export const POSTING_ROLES = ["liaison-officer", "partner-representative", "staff-officer"] as const;
export const ZPostingRole = z.enum(POSTING_ROLES);

export const ZPostingInput = z
  .strictObject({
    nation: ZNationCode,
    officerName: ZText(200),
    headquarters: ZHeadquarters,
    role: ZPostingRole,
    operation: ZOperationCode.optional(),
    startDate: ZIsoDate,
    /** Exclusive: the first day no longer posted. */
    endDate: ZIsoDate.optional(),
    note: z.string().trim().max(2000).default(""),
    /** Defaults to NATO UNCLASSIFIED releasable to NATO and the posting nation. */
    label: ZLabelInput.optional(),
  })
  .refine((p) => p.endDate === undefined || p.endDate > p.startDate, {
    message: "must be after startDate",
    path: ["endDate"],
  });

export const ZEndPostingInput = z.strictObject({ endDate: ZIsoDate });

export const ZPosting = z.object({
  id: z.string(),
  nation: ZNationRef,
  officerName: z.string(),
  headquarters: ZHeadquarters,
  role: ZPostingRole,
  operation: z.object({ code: z.string(), name: z.string() }).nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Posted on the date asked about. */
  current: z.boolean(),
  note: z.string(),
  marking: z.string(),
});

export const ZListPostingsQuery = z.strictObject({
  nation: ZNationCode.optional(),
  headquarters: ZHeadquarters.optional(),
  /** Only postings current on this date; all postings if omitted. */
  asOf: ZIsoDate.optional(),
});

export type TOperationSummary = z.infer<typeof ZOperationSummary>;
export type TOperation = z.infer<typeof ZOperation>;
export type TOfferRecognitionInput = z.input<typeof ZOfferRecognitionInput>;
export type TRecognitionActionInput = z.input<typeof ZRecognitionActionInput>;
export type TRecognition = z.infer<typeof ZRecognition>;
export type TListRecognitionsQuery = z.input<typeof ZListRecognitionsQuery>;
export type TContributionInput = z.input<typeof ZContributionInput>;
export type TContribution = z.infer<typeof ZContribution>;
export type TListContributionsQuery = z.input<typeof ZListContributionsQuery>;
export type TPlacemat = z.infer<typeof ZPlacemat>;
export type TContributionHistory = z.infer<typeof ZContributionHistory>;
export type TPostingInput = z.input<typeof ZPostingInput>;
export type TPosting = z.infer<typeof ZPosting>;
export type TListPostingsQuery = z.input<typeof ZListPostingsQuery>;
