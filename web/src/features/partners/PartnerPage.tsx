import { ApiError } from "../../api/client.ts";
import { useFrameworks, useProfile, useTimeline } from "../../api/queries.ts";
import type { Membership } from "../../api/types.ts";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { categoryClass } from "../../ui/frameworks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { useMe } from "../auth/session.ts";
import { Areas } from "./Areas.tsx";
import { MembershipTable } from "./MembershipTable.tsx";
import { Timeline } from "./Timeline.tsx";

const isNotFound = (e: unknown) => e instanceof ApiError && e.isNotFound;

function currentMemberships(memberships: Membership[], today: string) {
  return memberships
    .filter((m) => m.validFrom <= today && (m.validTo === null || today < m.validTo))
    .map((m) => ({
      ...m,
      suspendedNow: m.suspensions.some((s) => s.validFrom <= today && (s.validTo === null || today < s.validTo)),
    }));
}

/** A nation's partnership profile: frameworks now and over time, areas of cooperation, timeline. */
export function PartnerPage({ code }: { code: string }) {
  const upper = code.toUpperCase();
  const today = todayIso();
  const profile = useProfile(upper);
  const timeline = useTimeline(upper);
  const frameworks = useFrameworks(today);
  const { user } = useMe();
  useDocumentTitle(
    profile.data?.nation.name ?? (isNotFound(profile.error) ? t("partner.notFoundTitle") : t("partner.eyebrow")),
  );

  if (isNotFound(profile.error)) {
    return <NotFound title={t("partner.notFoundTitle")} message={t("partner.notFoundMessage", { code: upper })} />;
  }
  if (profile.isPending) return <Loading label={t("partner.loading")} />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;

  const { nation, memberships, areas } = profile.data;
  const nameNow = new Map((frameworks.data?.frameworks ?? []).map((f) => [f.code, f.name]));
  const current = currentMemberships(memberships, today);

  return (
    <>
      <PageHeader
        eyebrow={nation.kind === "organisation" ? t("partner.eyebrowOrganisation") : t("partner.eyebrow")}
        title={nation.name}
        lead={
          current.length > 0 ? (
            <span className="chips">
              <span className="chips__label">{t("partner.currentFrameworks")}</span>
              {current.map((m) => (
                <Link
                  key={m.framework}
                  to={`/frameworks/${m.framework}`}
                  className={`chip ${categoryClass(m.framework)}`}
                >
                  <span className={`swatch swatch--small ${categoryClass(m.framework)}`} aria-hidden="true" />
                  {nameNow.get(m.framework) ?? m.frameworkName}
                  {m.suspendedNow ? <span className="chip__flag">{t("status.suspended")}</span> : null}
                </Link>
              ))}
            </span>
          ) : (
            t("partner.noCurrent")
          )
        }
        actions={
          user ? (
            <Link to={`/partners/${encodeURIComponent(nation.code)}/briefing`} className="button button--secondary">
              {t("reports.briefing.link")}
            </Link>
          ) : undefined
        }
      />

      <section className="section" aria-labelledby="memberships-title">
        <h2 id="memberships-title">{t("partner.membershipsTitle")}</h2>
        {memberships.length === 0 ? (
          <EmptyState>{t("partner.noMemberships")}</EmptyState>
        ) : (
          <MembershipTable memberships={memberships} nameNow={nameNow} />
        )}
      </section>

      <div className="two-col">
        <section className="section" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("partner.timelineTitle")}</h2>
          {timeline.isPending ? (
            <Loading />
          ) : timeline.isError ? (
            <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
          ) : (
            <Timeline entries={timeline.data.entries} />
          )}
        </section>
        <section className="section" aria-labelledby="areas-title">
          <h2 id="areas-title">{t("partner.areasTitle")}</h2>
          <p className="section-lead">{t("partner.areasLead")}</p>
          <Areas areas={areas} />
          <p className="hint">
            {nation.kind === "organisation"
              ? t("partner.orgCode", { code: nation.code })
              : t("partner.codes", { code: nation.code })}
            {nation.numericCode ? ` · ${t("partner.numeric", { code: nation.numericCode })}` : null}
          </p>
          <p className="hint">
            {t("partner.asOf")} <DateText date={today} />
          </p>
        </section>
      </div>
    </>
  );
}
