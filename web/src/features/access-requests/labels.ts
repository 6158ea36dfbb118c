import { type MessageKey, t } from "../../i18n/index.ts";
import type { AccessRequestStatus } from "./types.ts";

export const REQUEST_STATUSES = [
  "requested",
  "in-decision",
  "granted",
  "refused",
  "withdrawn",
] as const satisfies readonly AccessRequestStatus[];

const KEYS: Record<AccessRequestStatus, MessageKey> = {
  requested: "accessRequests.status.requested",
  "in-decision": "accessRequests.status.inDecision",
  granted: "accessRequests.status.granted",
  refused: "accessRequests.status.refused",
  withdrawn: "accessRequests.status.withdrawn",
};

export const requestStatusName = (s: AccessRequestStatus) => t(KEYS[s]);
