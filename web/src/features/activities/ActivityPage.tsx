import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";
import type { ActivityDetail, IterationDetail, NominationView, User } from "../../api/types.ts";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName, LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { loginHref } from "../auth/Guards.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import { AccessOutcome } from "./AccessOutcome.tsx";
import { AddIterationForm } from "./AddIterationForm.tsx";
import { CancelIteration } from "./CancelIteration.tsx";
import { IterationNominations } from "./IterationNominations.tsx";
import { LifecycleControls } from "./LifecycleControls.tsx";
import { areaName, kindName, MENU_STAFF, NOMINATORS, nominationStatusName, statusName } from "./labels.ts";
import { NominateForm } from "./NominateForm.tsx";
import { useActivity } from "./queries.ts";
import { SeatsEditor } from "./SeatsEditor.tsx";

/** Activity states in which staff may still cancel a single iteration (before it is conducted). */
const CANCELLABLE: readonly string[] = ["proposed", "approved", "published", "nominations-open", "nominations-closed"];

import { SeatsLeft } from "./SeatsLeft.tsx";

/** One activity: what it is, its iterations with seats and access, nominating, and staff controls. */
export function ActivityPage({ id }: { id: string }) {
  const activity = useActivity(id);
  useDocumentTitle(
    activity.data ? activity.data.title : activity.isError ? t("activity.notFoundTitle") : t("menu.title"),
  );
  if (activity.isPending) return <Loading label={t("activity.loading")} />;
  if (activity.isError) {
    if (activity.error instanceof ApiError && activity.error.isNotFound) return <ActivityNotFound />;
    return <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />;
  }
  return <ActivityView activity={activity.data} />;
}

/** Missing and not-released look the same, as the API answers 404 for both. */
function ActivityNotFound() {
  const me = useMe();
  const { href } = useLocation();
  return (
    <NotFound
      title={t("activity.notFoundTitle")}
      message={t("activity.notFoundMessage")}
      links={[{ to: "/activities", label: t("activity.backToMenu") }]}
    >
      {!me.isPending && !me.user ? (
        <p>
          {t("activity.notFoundLogin")} <Link to={loginHref(href)}>{t("auth.logIn")}</Link>
        </p>
      ) : null}
    </NotFound>
  );
}

function ActivityView({ activity: a }: { activity: ActivityDetail }) {
  const me = useMe();
  const user = me.user;
  const isStaff = hasAnyRole(user, MENU_STAFF);
  return (
    <article className="activity" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/activities">{t("menu.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{a.reference}</span>
      </p>
      <LabelBadge label={a.label} variant="banner" />
      <PageHeader
        eyebrow={`${a.reference} · ${kindName(a.kind)}`}
        title={a.title}
        lead={a.owner}
        actions={<span className={`badge activity-status activity-status--${a.status}`}>{statusName(a.status)}</span>}
      />
      <div className={isStaff ? "activity__grid" : "activity__grid activity__grid--single"}>
        <section className="card" aria-labelledby="activity-about">
          <h2 id="activity-about">{t("activity.about")}</h2>
          {a.description ? <p className="activity__description">{a.description}</p> : null}
          <dl className="facts">
            <div>
              <dt>{t("activity.owner")}</dt>
              <dd>{a.owner}</dd>
            </div>
            <div>
              <dt>{t("activity.kind")}</dt>
              <dd>{kindName(a.kind)}</dd>
            </div>
            {a.aim ? (
              <div className="facts__wide">
                <dt>{t("activity.aim")}</dt>
                <dd>{a.aim}</dd>
              </div>
            ) : null}
            <div className="facts__wide">
              <dt>{t("activity.audience")}</dt>
              <dd>{a.audience}</dd>
            </div>
            <div>
              <dt>{t("activity.fees")}</dt>
              <dd>{a.fees || t("activity.notStated")}</dd>
            </div>
            <div>
              <dt>{t("activity.pointOfContact")}</dt>
              <dd>{a.pointOfContact || t("activity.notStated")}</dd>
            </div>
            <div>
              <dt>{t("activity.language")}</dt>
              <dd>{t("activity.languageLevel", { language: a.language, level: a.languageLevel })}</dd>
            </div>
            <div>
              <dt>{t("activity.clearance")}</dt>
              <dd>{classificationName(a.requiredClearance)}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t("activity.areas")}</dt>
              <dd>
                {a.areas.length === 0 ? (
                  t("activity.noAreas")
                ) : (
                  <ul className="tag-list">
                    {a.areas.map((area) => (
                      <li key={area}>
                        <Link className="tag" to={`/activities?area=${encodeURIComponent(area)}`}>
                          {areaName(area)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div className="facts__wide">
              <dt>{t("activity.label")}</dt>
              <dd>
                <LabelBadge label={a.label} />
              </dd>
            </div>
          </dl>
        </section>
        {isStaff ? <LifecycleControls activity={a} /> : null}
      </div>

      <section className="section" aria-labelledby="activity-iterations">
        <div className="section__head">
          <h2 id="activity-iterations">{t("activity.iterationsTitle")}</h2>
        </div>
        {isStaff ? <AddIterationForm activityId={a.id} /> : null}
        {a.iterations.length === 0 ? (
          <p className="state state--empty">{t("activity.noIterations")}</p>
        ) : (
          <ul className="iteration-list">
            {a.iterations.map((it) => (
              <IterationCard key={it.id} activity={a} iteration={it} user={user} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function IterationCard({
  activity: a,
  iteration: it,
  user,
}: {
  activity: ActivityDetail;
  iteration: IterationDetail;
  user: User | null;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<NominationView | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const isStaff = hasAnyRole(user, MENU_STAFF);
  const nation = user?.organisation.nation ?? null;
  const isPartner = hasAnyRole(user, ["partner"]) && nation !== null;
  const mayNominate = hasAnyRole(user, NOMINATORS) && (isStaff || isPartner);
  const deadlinePassed = todayIso() > it.nominationDeadline;
  const taking = a.status === "nominations-open" && !deadlinePassed && it.status !== "cancelled";
  const blocked = it.access?.outcome === "not-open";
  const canReview = a.viewerIsOwner || isStaff;
  // Partners follow past iterations' nominations on "Nominations"; here, only where they may still act.
  const showNominations = canReview || (isPartner && !deadlinePassed);
  const headingId = `iteration-${it.id}`;

  return (
    <li className="card iteration" aria-labelledby={headingId}>
      <div className="iteration__head">
        <h3 id={headingId}>
          {t("iteration.title", { code: it.code })}
          {it.status === "cancelled" ? (
            <span className="badge badge--suspended"> {t("iteration.cancelled")}</span>
          ) : null}
        </h3>
        <p className="iteration__seats">
          <SeatsLeft left={it.seatsLeft} seats={it.seats} />
        </p>
      </div>
      <dl className="facts iteration__facts">
        <div>
          <dt>{t("iteration.dates")}</dt>
          <dd>
            <DateText date={it.startDate} /> – <DateText date={it.endDate} />
          </dd>
        </div>
        <div>
          <dt>{t("iteration.place")}</dt>
          <dd>{t("activity.place", { city: it.city, country: it.countryCode })}</dd>
        </div>
        <div>
          <dt>{t("iteration.deadline")}</dt>
          <dd>
            <DateText date={it.nominationDeadline} />
            {deadlinePassed ? <span className="table__sub">{t("iteration.deadlinePassed")}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("iteration.confirmed")}</dt>
          <dd>{t("iteration.confirmedOf", { confirmed: it.confirmedCount, count: it.seats })}</dd>
        </div>
        <div>
          <dt>{t("iteration.waitlist")}</dt>
          <dd>{t("iteration.waitlistCount", { count: it.waitlistLength })}</dd>
        </div>
        <div>
          <dt>{t("iteration.review")}</dt>
          <dd>{it.twoStep ? t("iteration.twoStep") : t("iteration.direct")}</dd>
        </div>
      </dl>
      {it.access ? <AccessOutcome access={it.access} nation={nation} activityId={a.id} /> : null}

      {done ? (
        <p className="notice notice--ok" role="status" tabIndex={-1} ref={doneRef}>
          <Icon name="check" />
          <span>
            {t("nominate.done", { name: done.name, status: nominationStatusName(done.status) })}
            {done.status === "waitlisted" && done.waitlistPosition !== null
              ? ` ${t("nominations.position", { position: done.waitlistPosition })}`
              : ""}{" "}
            <Link to="/nominations">{t("nominate.seeMine")}</Link>
          </span>
        </p>
      ) : null}

      {mayNominate ? (
        taking && !blocked ? (
          open ? (
            <NominateForm
              activityId={a.id}
              iteration={it}
              requiredClearance={a.requiredClearance}
              languageLevel={a.languageLevel}
              language={a.language}
              askNation={isStaff && !isPartner}
              onDone={(n) => {
                setOpen(false);
                setDone(n);
              }}
              onCancel={() => {
                setOpen(false);
                window.setTimeout(() => openerRef.current?.focus(), 0);
              }}
            />
          ) : (
            <p className="iteration__actions">
              <button
                ref={openerRef}
                type="button"
                className="button"
                onClick={() => {
                  setDone(null);
                  setOpen(true);
                }}
              >
                {t("iteration.nominate")}
                <span className="visually-hidden"> {t("iteration.nominateFor", { code: it.code })}</span>
              </button>
            </p>
          )
        ) : (
          <p className="muted iteration__closed">
            {it.status === "cancelled"
              ? t("iteration.cancelledText")
              : blocked
                ? t("iteration.blocked")
                : a.status !== "nominations-open"
                  ? t("iteration.notTaking", { status: statusName(a.status) })
                  : t("iteration.deadlineGone")}
          </p>
        )
      ) : !user && a.status === "nominations-open" && !deadlinePassed ? (
        <p className="muted iteration__closed">{t("iteration.logInToNominate")}</p>
      ) : null}

      {canReview && todayIso() >= it.startDate ? (
        <p className="iteration__links">
          <Link to={`/iterations/${encodeURIComponent(it.id)}/report`}>{t("iteration.report")}</Link>
          {" · "}
          <Link to={`/iterations/${encodeURIComponent(it.id)}/attendance`}>{t("iteration.attendance")}</Link>
        </p>
      ) : null}

      {isStaff && it.status !== "cancelled" ? <SeatsEditor activityId={a.id} iteration={it} /> : null}
      {isStaff && CANCELLABLE.includes(a.status) ? <CancelIteration activityId={a.id} iteration={it} /> : null}

      {showNominations ? (
        <IterationNominations activityId={a.id} iteration={it} canReview={canReview && it.status !== "cancelled"} />
      ) : null}
    </li>
  );
}
