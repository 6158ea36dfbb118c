import { intlLocale, type MessageKey, t } from "../../i18n/index.ts";
import type { ActionItemStatus, CriterionKind, MeetingAction, MeetingLevel, MeetingStatus } from "./types.ts";

// The meetings' vocabularies, in the order forms and filters list them, with their names.

export const LEVELS = [
  "ambassadors",
  "ministers",
  "heads-of-state-and-government",
] as const satisfies readonly MeetingLevel[];
export const STATUSES = [
  "planning",
  "format-in-decision",
  "format-agreed",
  "invited",
  "held",
  "cancelled",
] as const satisfies readonly MeetingStatus[];
export const CRITERION_KINDS = [
  "framework",
  "contributors",
  "area",
  "nation",
] as const satisfies readonly CriterionKind[];
export const ITEM_STATUSES = ["open", "in-progress", "done", "dropped"] as const satisfies readonly ActionItemStatus[];

const LEVEL_KEYS: Record<MeetingLevel, MessageKey> = {
  ambassadors: "meetings.level.ambassadors",
  ministers: "meetings.level.ministers",
  "heads-of-state-and-government": "meetings.level.summit",
};
const STATUS_KEYS: Record<MeetingStatus, MessageKey> = {
  planning: "meetings.status.planning",
  "format-in-decision": "meetings.status.formatInDecision",
  "format-agreed": "meetings.status.formatAgreed",
  invited: "meetings.status.invited",
  held: "meetings.status.held",
  cancelled: "meetings.status.cancelled",
};
const KIND_KEYS: Record<CriterionKind, MessageKey> = {
  framework: "meetings.criterion.framework",
  contributors: "meetings.criterion.contributors",
  area: "meetings.criterion.area",
  nation: "meetings.criterion.nation",
};
const ACTION_KEYS: Record<MeetingAction, MessageKey> = {
  "send-invitations": "meetings.action.sendInvitations",
  "record-held": "meetings.action.recordHeld",
  cancel: "meetings.action.cancel",
};
const ITEM_STATUS_KEYS: Record<ActionItemStatus, MessageKey> = {
  open: "meetings.item.status.open",
  "in-progress": "meetings.item.status.inProgress",
  done: "meetings.item.status.done",
  dropped: "meetings.item.status.dropped",
};

export const levelName = (l: MeetingLevel) => t(LEVEL_KEYS[l]);
export const meetingStatusName = (s: MeetingStatus) => t(STATUS_KEYS[s]);
export const criterionKindName = (k: CriterionKind) => t(KIND_KEYS[k]);
export const meetingActionName = (a: MeetingAction) => t(ACTION_KEYS[a]);
export const itemStatusName = (s: ActionItemStatus) => t(ITEM_STATUS_KEYS[s]);

/** A meeting's status in words; the colour only repeats them. */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  return <span className={`badge meeting-status meeting-status--${status}`}>{meetingStatusName(status)}</span>;
}

/** "2011-09-14T14:00" in its own zone → "Wed 14 September 2011, 14:00 (Europe/Brussels)". */
export function formatLocalStart(startsLocal: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startsLocal);
  if (!match) return `${startsLocal} (${timeZone})`;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const day = new Intl.DateTimeFormat(intlLocale(), {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
  return t("meetings.localStart", { day, time: `${match[4]}:${match[5]}`, zone: timeZone });
}
