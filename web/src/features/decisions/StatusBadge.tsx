import { statusName } from "./labels.ts";
import type { DecisionStatus } from "./types.ts";

/** A decision's status in words; the colour only repeats them. */
export function StatusBadge({ status }: { status: DecisionStatus }) {
  return <span className={`badge decision-status decision-status--${status}`}>{statusName(status)}</span>;
}
