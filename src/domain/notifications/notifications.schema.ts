import { z } from "zod";
import type { NotificationKind } from "../../db/schema.js";
import { ZQueryFlag } from "../shared/query.schema.js";

export const NOTIFICATION_KINDS = [
  "activity-invitation",
  "activity-cancelled",
  "programme-commented",
  "programme-submitted",
  "programme-agreed",
  "programme-status",
  "silence-opened",
  "silence-deadline-approaching",
  "decision-ended",
  "access-request-decided",
  "meeting-invitation",
  "meeting-changed",
  "recognition-decided",
  "force-offer-decided",
  "action-item-assigned",
] as const satisfies readonly NotificationKind[];

export const ZNotificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectType: z.string(),
  subjectId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const ZListNotificationsQuery = z.strictObject({
  unread: ZQueryFlag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZNotificationList = z.object({
  notifications: z.array(ZNotificationView),
  unreadCount: z.number().int(),
});

export type TNotificationView = z.infer<typeof ZNotificationView>;
export type TListNotificationsQuery = z.input<typeof ZListNotificationsQuery>;
