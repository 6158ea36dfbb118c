import type { Certainty } from "../api/types.ts";
import { t } from "../i18n/index.ts";

/** Shows "Uncertain" or "Disputed" visibly, with the note saying why; nothing when confirmed. */
export function CertaintyFlag({ certainty, note }: { certainty: Certainty; note?: string | null }) {
  if (certainty === "confirmed") return null;
  return (
    <span className={`certainty certainty--${certainty}`}>
      <span className={`badge badge--${certainty}`}>
        {certainty === "uncertain" ? t("certainty.uncertain") : t("certainty.disputed")}
      </span>
      {note ? <span className="certainty__note">{note}</span> : null}
    </span>
  );
}

/** A note without a certainty flag (confirmed facts may still carry a remark). */
export function Note({ note }: { note?: string | null }) {
  return note ? <span className="note">{note}</span> : null;
}
