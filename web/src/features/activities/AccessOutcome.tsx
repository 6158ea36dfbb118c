import { useNations } from "../../api/queries.ts";
import type { IterationDetail } from "../../api/types.ts";
import { formatDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, matchPath, useLocation } from "../../router/router.tsx";
import { Icon } from "../../ui/Icon.tsx";

/** The Council decision that opened an activity to a partner case by case (policy engine's AccessDecision). */
type CouncilDecisionRef = { id: string; reference: string; date: string };
/** The policy answer; `councilDecision` is there when the API sends it (optional so older answers still fit). */
type Access = NonNullable<IterationDetail["access"]> & { councilDecision?: CouncilDecisionRef | null };

/** The nation's name from its code, once the list of nations has loaded. */
export function useNationName(): (code: string) => string {
  const nations = useNations();
  return (code) => nations.data?.nations.find((n) => n.code === code)?.name ?? code;
}

/**
 * "Open to Japan" / "Needs a Council decision" / "Not open to Japan", with the policy engine's
 * explanation; the words and the icon say it, the colour only repeats it.
 */
export function AccessOutcome({
  access,
  nation,
  compact = false,
  activityId,
}: {
  access: Access;
  nation: string | null;
  compact?: boolean;
  /** The activity asked about, for the "Request Council approval" link; on its own page, taken from the address. */
  activityId?: string;
}) {
  const nationName = useNationName();
  const { pathname } = useLocation();
  const activity = activityId ?? matchPath("/activities/:id", pathname)?.id ?? null;
  const name = nation ? nationName(nation) : "";
  const heading =
    access.outcome === "open"
      ? t("menuAccess.openTo", { nation: name })
      : access.outcome === "council-approval"
        ? t("menuAccess.councilFor", { nation: name })
        : t("menuAccess.notOpenTo", { nation: name });
  const icon = access.outcome === "open" ? "check" : access.outcome === "council-approval" ? "alert" : "cross";
  const council = access.outcome === "open" ? (access.councilDecision ?? null) : null;
  return (
    <div className={`access-outcome access-outcome--${access.outcome}${compact ? " access-outcome--compact" : ""}`}>
      <p className="access-outcome__head">
        <Icon name={icon} />
        <strong>{heading}</strong>
      </p>
      <p className="access-outcome__why">{access.explanation}</p>
      {council ? (
        <p className="access-outcome__why">
          {t("accessRequests.outcome.byCouncil", { date: formatDate(council.date) })}{" "}
          <Link to={`/decisions/${encodeURIComponent(council.id)}`}>{council.reference}</Link>
        </p>
      ) : null}
      {access.outcome === "council-approval" && nation && activity ? (
        <p className="access-outcome__why">
          <Link to={`/access-requests?activity=${encodeURIComponent(activity)}`}>
            {t("accessRequests.outcome.request")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
