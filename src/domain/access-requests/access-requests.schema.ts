import { z } from "zod";
import { ZNationCode } from "../nations/nations.schema.js";

// The access request API's shapes, shared by the domain, the routes and the web UI.

export const ACCESS_REQUEST_STATUSES = ["requested", "in-decision", "granted", "refused", "withdrawn"] as const;

export const ZAccessRequestStatus = z.enum(ACCESS_REQUEST_STATUSES);

export const ZAccessRequestInput = z.strictObject({
  activityId: z.string().trim().min(1, "must not be empty").max(64),
  /** Staff may file for a nation; a partner's users file for their own. */
  nation: ZNationCode.optional(),
  reason: z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters"),
});

export const ZListAccessRequestsQuery = z.strictObject({
  status: ZAccessRequestStatus.optional(),
  activityId: z.string().trim().max(64).optional(),
  nation: ZNationCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

export const ZAccessRequest = z.object({
  id: z.string(),
  nation: z.object({ code: z.string(), name: z.string() }),
  activity: z.object({ id: z.string(), reference: z.string(), title: z.string() }),
  reason: z.string(),
  status: ZAccessRequestStatus,
  /** The Council's decision on it (open or taken), if any. */
  decision: z
    .object({
      id: z.string(),
      reference: z.string(),
      status: z.enum(["open", "adopted", "silence-broken", "not-adopted", "withdrawn"]),
      closedAt: z.string().nullable(),
      deadlineAt: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  marking: z.string(),
  canWithdraw: z.boolean(),
});

export const ZAccessRequestList = z.object({
  requests: z.array(ZAccessRequest),
  total: z.number().int(),
});

export type TAccessRequestInput = z.input<typeof ZAccessRequestInput>;
export type TListAccessRequestsQuery = z.input<typeof ZListAccessRequestsQuery>;
export type TAccessRequest = z.infer<typeof ZAccessRequest>;
export type TAccessRequestList = z.infer<typeof ZAccessRequestList>;
