import { useNations } from "../../api/queries.ts";
import type { IterationDetail } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Icon } from "../../ui/Icon.tsx";

type Access = NonNullable<IterationDetail["access"]>;

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
}: {
  access: Access;
  nation: string | null;
  compact?: boolean;
}) {
  const nationName = useNationName();
  const name = nation ? nationName(nation) : "";
  const heading =
    access.outcome === "open"
      ? t("menuAccess.openTo", { nation: name })
      : access.outcome === "council-approval"
        ? t("menuAccess.councilFor", { nation: name })
        : t("menuAccess.notOpenTo", { nation: name });
  const icon = access.outcome === "open" ? "check" : access.outcome === "council-approval" ? "alert" : "cross";
  return (
    <div className={`access-outcome access-outcome--${access.outcome}${compact ? " access-outcome--compact" : ""}`}>
      <p className="access-outcome__head">
        <Icon name={icon} />
        <strong>{heading}</strong>
      </p>
      <p className="access-outcome__why">{access.explanation}</p>
    </div>
  );
}
