import { z } from "zod";
import { ZMembership } from "../frameworks/frameworks.schema.js";
import { ZNation } from "../nations/nations.schema.js";

/** An area of cooperation a partner can choose (public reference data). */
export const ZArea = z.object({ code: z.string(), name: z.string() });

export const ZPartnerArea = z.object({
  code: z.string(),
  name: z.string(),
  extent: z.enum(["exploratory", "regular", "intensive"]),
  since: z.string().nullable(),
  cite: z.string(),
  note: z.string().nullable(),
  /** The record's confidentiality marking. */
  marking: z.string(),
});

export const ZPartnerProfile = z.object({
  nation: ZNation,
  memberships: z.array(ZMembership),
  areas: z.array(ZPartnerArea),
});

export const ZTimelineKind = z.enum([
  "membership-start",
  "membership-end",
  "suspension-start",
  "suspension-end",
  "milestone",
  "event",
]);

export const ZTimelineEntry = z.object({
  date: z.string(),
  precision: z.enum(["day", "month", "year"]),
  kind: ZTimelineKind,
  title: z.string(),
  framework: z.string().nullable(),
  frameworkName: z.string().nullable(),
  summary: z.string().nullable(),
  cite: z.string(),
  certainty: z.enum(["confirmed", "uncertain", "disputed"]),
  note: z.string().nullable(),
  marking: z.string(),
});

export const ZTimeline = z.object({ nation: ZNation, entries: z.array(ZTimelineEntry) });

export type TArea = z.infer<typeof ZArea>;
export type TPartnerProfile = z.infer<typeof ZPartnerProfile>;
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;
export type TTimeline = z.infer<typeof ZTimeline>;
