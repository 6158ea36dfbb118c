import type { NominationStatus } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { nominationStatusName } from "./labels.ts";

/** "Confirmed", "Waitlisted (position 2)", "Awaiting the owner's decision"… as a badge. */
export function NominationStatusBadge({ status, position }: { status: NominationStatus; position: number | null }) {
  return (
    <span className={`badge nomination-status nomination-status--${status}`}>
      {nominationStatusName(status)}
      {status === "waitlisted" && position !== null ? ` ${t("nominations.position", { position })}` : null}
    </span>
  );
}
