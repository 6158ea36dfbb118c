import type { Precision } from "../../api/types.ts";
import { dayBefore, formatDate } from "../../i18n/dates.ts";
import { intlLocale, type MessageKey, t } from "../../i18n/index.ts";
import type {
  ContributionKind,
  ForceOffer,
  ForceOfferAction,
  Headquarters,
  PostingRole,
  RecognitionAction,
  RecognitionStatus,
} from "./types.ts";

// The words for the operations feature's enumerations, in one place.

export const CONTRIBUTION_KINDS: readonly ContributionKind[] = [
  "troops",
  "funding",
  "development-project",
  "medical",
  "equipment",
  "training",
];
const KIND: Record<ContributionKind, MessageKey> = {
  troops: "operations.kind.troops",
  funding: "operations.kind.funding",
  "development-project": "operations.kind.developmentProject",
  medical: "operations.kind.medical",
  equipment: "operations.kind.equipment",
  training: "operations.kind.training",
};
export const kindName = (k: ContributionKind) => t(KIND[k]);

const RECOGNITION_STATUS: Record<RecognitionStatus, MessageKey> = {
  offered: "operations.recStatus.offered",
  advised: "operations.recStatus.advised",
  "in-decision": "operations.recStatus.inDecision",
  recognised: "operations.recStatus.recognised",
  declined: "operations.recStatus.declined",
  withdrawn: "operations.recStatus.withdrawn",
  ended: "operations.recStatus.ended",
};
export const recognitionStatusName = (s: RecognitionStatus) => t(RECOGNITION_STATUS[s]);

const RECOGNITION_ACTION: Record<RecognitionAction, MessageKey> = {
  advise: "operations.recAction.advise",
  withdraw: "operations.recAction.withdraw",
  end: "operations.recAction.end",
};
export const recognitionActionName = (a: RecognitionAction) => t(RECOGNITION_ACTION[a]);

export const HEADQUARTERS: readonly Headquarters[] = [
  "SHAPE",
  "NATO-HQ",
  "ISAF-HQ",
  "KFOR-HQ",
  "JFC-BRUNSSUM",
  "JFC-NAPLES",
  "MARCOM",
  "ICC",
];
const HQ: Record<Headquarters, MessageKey> = {
  SHAPE: "operations.hq.shape",
  "NATO-HQ": "operations.hq.natoHq",
  "ISAF-HQ": "operations.hq.isafHq",
  "KFOR-HQ": "operations.hq.kforHq",
  "JFC-BRUNSSUM": "operations.hq.jfcBrunssum",
  "JFC-NAPLES": "operations.hq.jfcNaples",
  MARCOM: "operations.hq.marcom",
  ICC: "operations.hq.icc",
};
export const headquartersName = (h: Headquarters) => t(HQ[h]);

export const POSTING_ROLES: readonly PostingRole[] = ["liaison-officer", "partner-representative", "staff-officer"];
const ROLE: Record<PostingRole, MessageKey> = {
  "liaison-officer": "operations.role.liaisonOfficer",
  "partner-representative": "operations.role.partnerRepresentative",
  "staff-officer": "operations.role.staffOfficer",
};
export const postingRoleName = (r: PostingRole) => t(ROLE[r]);

const OFFER_STATUS: Record<ForceOffer["status"], MessageKey> = {
  offered: "operations.offerStatus.offered",
  accepted: "operations.offerStatus.accepted",
  declined: "operations.offerStatus.declined",
  withdrawn: "operations.offerStatus.withdrawn",
};
export const offerStatusName = (s: ForceOffer["status"]) => t(OFFER_STATUS[s]);

const OFFER_ACTION: Record<ForceOfferAction, MessageKey> = {
  accept: "operations.offerAction.accept",
  decline: "operations.offerAction.decline",
  withdraw: "operations.offerAction.withdraw",
};
export const offerActionName = (a: ForceOfferAction) => t(OFFER_ACTION[a]);

/** A date shown no more precisely than it is known; an exclusive end is shown as its last day. */
export function formatPeriod(
  start: string,
  startPrecision: Precision,
  end: string | null,
  endPrecision: Precision | null,
): string {
  const from = formatDate(start, startPrecision);
  if (end === null) return t("operations.period.since", { from });
  const precision = endPrecision ?? "day";
  const to = formatDate(precision === "day" ? dayBefore(end) : end, precision);
  return t("operations.period.range", { from, to });
}

/** The last day of an exclusive end date, for "to" columns. */
export function lastDay(end: string | null): string | null {
  return end === null ? null : dayBefore(end);
}

/** The day before an exclusive end, clamped: the last day an operation ran (or today if it still runs). */
export function periodBounds(start: string, end: string | null, today: string): { min: string; max: string } {
  const max = end === null ? today : dayBefore(end);
  return { min: start, max: max < start ? start : max };
}

/** A compact day date for dense tables: "1 Jan 2011". */
export function shortDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}
