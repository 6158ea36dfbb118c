import { z } from "zod";
import { ZNationCode } from "../nations/nations.schema.js";
import { ZIsoDate } from "../shared/dates.js";

// The partner briefing: one page to brief a minister before a bilateral meeting, exportable to
// PDF and XLSX. Every section holds only what the viewer may read.

export const ZBriefingQuery = z.strictObject({
  asOf: ZIsoDate.optional(),
});

export const ZBriefingParams = z.strictObject({ code: ZNationCode });

export const REPORT_FORMATS = ["pdf", "xlsx"] as const;
export const ZReportFormat = z.enum(REPORT_FORMATS);

export const ZBriefing = z.object({
  nation: z.object({ code: z.string(), name: z.string() }),
  asOf: z.string(),
  generatedAt: z.string(),
  /** Frameworks in force on asOf, e.g. "a partner across the globe (since 1998)". */
  frameworks: z.array(z.object({ code: z.string(), name: z.string(), since: z.string() })),
  areas: z.array(z.object({ code: z.string(), name: z.string(), extent: z.string() })),
  programme: z
    .object({
      id: z.string(),
      title: z.string(),
      type: z.string(),
      status: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
    })
    .nullable(),
  recognitions: z.array(
    z.object({
      operation: z.object({ code: z.string(), name: z.string() }),
      status: z.string(),
      recognisedFrom: z.string().nullable(),
      recognisedTo: z.string().nullable(),
    }),
  ),
  contributions: z.array(
    z.object({
      operation: z.object({ code: z.string(), name: z.string() }),
      kind: z.string(),
      asOf: z.string(),
      troops: z.number().nullable(),
      amount: z.number().nullable(),
      currency: z.string().nullable(),
      description: z.string(),
    }),
  ),
  postings: z.array(
    z.object({
      officerName: z.string(),
      headquarters: z.string(),
      role: z.string(),
      startDate: z.string(),
      endDate: z.string().nullable(),
    }),
  ),
  meetings: z.array(z.object({ id: z.string(), title: z.string(), meetingDate: z.string(), status: z.string() })),
  activities: z.object({
    nominated: z.number().int(),
    confirmed: z.number().int(),
    attended: z.number().int(),
    recent: z.array(
      z.object({ activityId: z.string(), reference: z.string(), title: z.string(), startDate: z.string() }),
    ),
  }),
  openActionItems: z.array(z.object({ id: z.string(), text: z.string(), dueDate: z.string(), status: z.string() })),
  /** The highest marking of what the page shows, printed at its top and bottom. */
  marking: z.string(),
});

export type TBriefing = z.infer<typeof ZBriefing>;
export type TBriefingQuery = z.input<typeof ZBriefingQuery>;
