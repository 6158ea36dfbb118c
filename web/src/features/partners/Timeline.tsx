import type { TimelineEntry } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { CertaintyFlag } from "../../ui/Certainty.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { EmptyState } from "../../ui/States.tsx";

type Kind = TimelineEntry["kind"];

const ICON: Record<Kind, string> = {
  "membership-start": "+",
  "membership-end": "−",
  "suspension-start": "‖",
  "suspension-end": "↻",
  milestone: "◆",
  event: "•",
};

export function kindLabel(kind: Kind): string {
  switch (kind) {
    case "membership-start":
      return t("timeline.kind.membershipStart");
    case "membership-end":
      return t("timeline.kind.membershipEnd");
    case "suspension-start":
      return t("timeline.kind.suspensionStart");
    case "suspension-end":
      return t("timeline.kind.suspensionEnd");
    case "milestone":
      return t("timeline.kind.milestone");
    case "event":
      return t("timeline.kind.event");
  }
}

/**
 * Membership entries are titled here, through t(), from their kind and framework; milestones and
 * events carry their own titles as data.
 */
function entryTitle(e: TimelineEntry): string {
  const framework = e.frameworkName ?? e.framework ?? "";
  switch (e.kind) {
    case "membership-start":
      return e.framework === "NATO"
        ? t("timeline.title.accession")
        : t("timeline.title.membershipStart", { framework });
    case "membership-end":
      return t("timeline.title.membershipEnd", { framework });
    case "suspension-start":
      return t("timeline.title.suspensionStart", { framework });
    case "suspension-end":
      return t("timeline.title.suspensionEnd", { framework });
    default:
      return e.title;
  }
}

/** A vertical timeline: date (by precision), kind, title, summary, certainty and source. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <EmptyState>{t("timeline.empty")}</EmptyState>;
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li
          key={`${e.date}-${e.kind}-${e.framework ?? ""}-${e.title}`}
          className={`timeline__item timeline__item--${e.kind}`}
        >
          <span className="timeline__icon" aria-hidden="true">
            {ICON[e.kind]}
          </span>
          <div className="timeline__body">
            <p className="timeline__meta">
              <span className="timeline__date">
                <DateText date={e.date} precision={e.precision} />
              </span>
              <span className="timeline__kind">{kindLabel(e.kind)}</span>
            </p>
            <h3 className="timeline__title">{entryTitle(e)}</h3>
            {e.summary ? <p className="timeline__summary">{e.summary}</p> : null}
            {e.certainty !== "confirmed" ? (
              <p className="timeline__certainty">
                <CertaintyFlag certainty={e.certainty} note={e.note} />
              </p>
            ) : e.note ? (
              <p className="timeline__note">{e.note}</p>
            ) : null}
            <Cite cite={e.cite} />
          </div>
        </li>
      ))}
    </ol>
  );
}
