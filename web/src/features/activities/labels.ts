import type { ActivityAction, ActivityKind, ActivityStatus, NominationStatus, Role } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";

// The words for the menu's enumerations, in one place so every page says them the same way.

const KIND: Record<ActivityKind, MessageKey> = {
  course: "activityKind.course",
  exercise: "activityKind.exercise",
  workshop: "activityKind.workshop",
  conference: "activityKind.conference",
  seminar: "activityKind.seminar",
  "strategic-level-training": "activityKind.strategicLevelTraining",
  "information-exchange": "activityKind.informationExchange",
  "intelligence-exchange": "activityKind.intelligenceExchange",
  "technology-exchange": "activityKind.technologyExchange",
  "joint-operation-support": "activityKind.jointOperationSupport",
};

const STATUS: Record<ActivityStatus, MessageKey> = {
  proposed: "activityStatus.proposed",
  approved: "activityStatus.approved",
  published: "activityStatus.published",
  "nominations-open": "activityStatus.nominationsOpen",
  "nominations-closed": "activityStatus.nominationsClosed",
  conducted: "activityStatus.conducted",
  "feedback-collected": "activityStatus.feedbackCollected",
  archived: "activityStatus.archived",
  cancelled: "activityStatus.cancelled",
};

const ACTION: Record<ActivityAction, MessageKey> = {
  approve: "activityAction.approve",
  publish: "activityAction.publish",
  "open-nominations": "activityAction.openNominations",
  "close-nominations": "activityAction.closeNominations",
  conduct: "activityAction.conduct",
  "collect-feedback": "activityAction.collectFeedback",
  archive: "activityAction.archive",
  cancel: "activityAction.cancel",
};

const NOMINATION: Record<NominationStatus, MessageKey> = {
  confirmed: "nominationStatus.confirmed",
  waitlisted: "nominationStatus.waitlisted",
  "pending-owner": "nominationStatus.pendingOwner",
  withdrawn: "nominationStatus.withdrawn",
  declined: "nominationStatus.declined",
};

export const ACTIVITY_KINDS = Object.keys(KIND) as ActivityKind[];
export const ACTIVITY_STATUSES = Object.keys(STATUS) as ActivityStatus[];
export const NOMINATION_STATUSES = Object.keys(NOMINATION) as NominationStatus[];

export const kindName = (kind: string): string => (kind in KIND ? t(KIND[kind as ActivityKind]) : kind);
export const statusName = (status: ActivityStatus): string => t(STATUS[status]);
export const actionName = (action: ActivityAction): string => t(ACTION[action]);
export const nominationStatusName = (status: NominationStatus): string => t(NOMINATION[status]);

/** "education-and-training" → "Education and training" (area codes are data, not interface text). */
export function areaName(code: string): string {
  const words = code.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The lifecycle moves legal from each state, mirroring TRANSITIONS in
 * src/domain/activities/lifecycle.ts (the API still decides and answers 409 otherwise).
 */
const NEXT: Record<ActivityStatus, ActivityAction[]> = {
  proposed: ["approve", "cancel"],
  approved: ["publish", "cancel"],
  published: ["open-nominations", "cancel"],
  "nominations-open": ["close-nominations", "cancel"],
  "nominations-closed": ["conduct", "cancel"],
  conducted: ["collect-feedback"],
  "feedback-collected": ["archive"],
  archived: [],
  cancelled: [],
};

export const nextActions = (status: ActivityStatus): ActivityAction[] => NEXT[status];

/** Who moves activities through the lifecycle and manages seats. */
export const MENU_STAFF: readonly Role[] = ["staff", "admin"];
/** Who may nominate (partners for their own nation; staff name the nation). */
export const NOMINATORS: readonly Role[] = ["partner", "staff", "admin"];
