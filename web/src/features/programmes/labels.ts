import type { Role } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import type { ProgrammeAction, ProgrammeStatus, ProgrammeType } from "./types.ts";

// The words for the programme's enumerations, in one place so every page says them the same way.

const STATUS: Record<ProgrammeStatus, MessageKey> = {
  draft: "programmeStatus.draft",
  consultation: "programmeStatus.consultation",
  submitted: "programmeStatus.submitted",
  agreed: "programmeStatus.agreed",
  "in-force": "programmeStatus.inForce",
  "under-review": "programmeStatus.underReview",
  completed: "programmeStatus.completed",
  superseded: "programmeStatus.superseded",
  withdrawn: "programmeStatus.withdrawn",
};

const TYPE: Record<ProgrammeType, MessageKey> = {
  "annual-work-programme": "programmeType.annual",
  ipcp: "programmeType.ipcp",
  itpp: "programmeType.itpp",
};

const TYPE_SHORT: Record<ProgrammeType, MessageKey> = {
  "annual-work-programme": "programmeType.annualShort",
  ipcp: "programmeType.ipcpShort",
  itpp: "programmeType.itppShort",
};

const ACTION: Record<ProgrammeAction, MessageKey> = {
  "open-consultation": "programmeAction.openConsultation",
  submit: "programmeAction.submit",
  "return-to-consultation": "programmeAction.returnToConsultation",
  accept: "programmeAction.accept",
  "enter-into-force": "programmeAction.enterIntoForce",
  "start-review": "programmeAction.startReview",
  "end-review": "programmeAction.endReview",
  complete: "programmeAction.complete",
  withdraw: "programmeAction.withdraw",
};

export const PROGRAMME_STATUS_LIST = Object.keys(STATUS) as ProgrammeStatus[];
export const PROGRAMME_TYPE_LIST = Object.keys(TYPE) as ProgrammeType[];

export const programmeStatusName = (s: ProgrammeStatus): string => t(STATUS[s]);
export const programmeTypeName = (type: ProgrammeType): string => t(TYPE[type]);
export const programmeTypeShort = (type: ProgrammeType): string => t(TYPE_SHORT[type]);
export const programmeActionName = (a: ProgrammeAction): string => t(ACTION[a]);

/** The workflow's main line, in order (withdrawn and superseded are side exits). */
export const WORKFLOW_STEPS: readonly ProgrammeStatus[] = [
  "draft",
  "consultation",
  "submitted",
  "agreed",
  "in-force",
  "under-review",
  "completed",
];

/** Mirrors programmeTypeOf in src/domain/programmes/rules.ts: the type follows the period's start. */
export function programmeTypeOf(periodStart: string): ProgrammeType {
  if (periodStart < "2012-01-01") return "annual-work-programme";
  if (periodStart < "2021-01-01") return "ipcp";
  return "itpp";
}

/** Statuses in which the programme's progress is tracked. */
export const PROGRESS_STATUSES: readonly ProgrammeStatus[] = ["agreed", "in-force", "under-review", "completed"];

/** Actions that need a confirmation: they hand the programme on or cannot be taken back. */
export const CONFIRMED_ACTIONS: readonly ProgrammeAction[] = ["submit", "withdraw", "accept", "enter-into-force"];

/** Who may start a programme: partners for their own nation, staff for any partner. */
export const PROGRAMME_AUTHORS: readonly Role[] = ["partner", "staff", "admin"];
export const PROGRAMME_STAFF: readonly Role[] = ["staff", "admin"];

/** The heading of a comment section key: "areas", "section:s1" (by the section's title). */
export const FIXED_SECTION_KEYS = ["general", "areas", "objectives", "goals", "activities"] as const;
