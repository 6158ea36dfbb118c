import { type FormEvent, type RefObject, useEffect, useId, useMemo, useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { type AccessQuery, useAccessDecision, useNations } from "../../api/queries.ts";
import type { AccessDecision, FieldError, Outcome } from "../../api/types.ts";
import { formatDate, formatPeriodEnd, todayIso } from "../../i18n/dates.ts";
import { intlLocale, t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading } from "../../ui/States.tsx";

const DEFAULT_AUDIENCE = "PFP, MD, ICI";
type FieldName = "partner" | "audience" | "date";
const FIELDS: FieldName[] = ["partner", "audience", "date"];

export function outcomeLabel(outcome: Outcome): string {
  return outcome === "open"
    ? t("outcome.open")
    : outcome === "council-approval"
      ? t("outcome.councilApproval")
      : t("outcome.notOpen");
}

const OUTCOME_ICON: Record<Outcome, string> = { open: "✓", "council-approval": "!", "not-open": "✕" };

/** A "since" from the API is already cut to its precision: "1998", "1995-02" or "2011-04-14". */
function formatSince(since: string): string {
  if (/^\d{4}$/.test(since)) return formatDate(`${since}-01-01`, "year");
  if (/^\d{4}-\d{2}$/.test(since)) return formatDate(`${since}-01`, "month");
  return formatDate(since);
}

function fieldErrors(error: unknown): Partial<Record<FieldName, string>> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const f of error.fields as FieldError[]) {
    const name = f.field.split(".")[0] as FieldName;
    if (FIELDS.includes(name) && !out[name]) out[name] = f.message.charAt(0).toUpperCase() + f.message.slice(1);
  }
  return out;
}

/** Access check: may this partner join an activity with this audience on this date, and why? */
export function AccessPage() {
  useDocumentTitle(t("access.title"));
  const id = useId();
  const { search } = useLocation();
  const submitted: AccessQuery | null = search.has("partner")
    ? { partner: search.get("partner") ?? "", audience: search.get("audience") ?? "", date: search.get("date") ?? "" }
    : null;

  const [partner, setPartner] = useState(submitted?.partner ?? "");
  const [audience, setAudience] = useState(submitted?.audience ?? DEFAULT_AUDIENCE);
  const [date, setDate] = useState(submitted?.date ?? todayIso());

  const nations = useNations();
  const decision = useAccessDecision(submitted);
  const errors = fieldErrors(decision.error);
  const hasFieldErrors = Object.keys(errors).length > 0;
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLElement>(null);

  const { states, organisations } = useMemo(() => {
    const collator = new Intl.Collator(intlLocale());
    const all = [...(nations.data?.nations ?? [])].sort((a, b) => collator.compare(a.name, b.name));
    return {
      states: all.filter((n) => n.kind === "state"),
      organisations: all.filter((n) => n.kind === "organisation"),
    };
  }, [nations.data]);

  // After a submission, move focus to the error summary or the decision.
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (!pendingFocus.current || decision.isFetching) return;
    pendingFocus.current = false;
    if (hasFieldErrors) summaryRef.current?.focus();
    else if (decision.data) resultRef.current?.focus();
  }, [decision.isFetching, decision.data, hasFieldErrors]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams({ partner: partner.trim(), audience, date });
    pendingFocus.current = true;
    navigate(`/access?${params.toString()}`, { keepScroll: true });
  };

  const describedBy = (name: FieldName, hint?: boolean) =>
    [hint ? `${id}-${name}-hint` : null, errors[name] ? `${id}-${name}-error` : null].filter(Boolean).join(" ") ||
    undefined;

  const fieldLabel = (name: FieldName) =>
    name === "partner"
      ? t("access.partnerLabel")
      : name === "audience"
        ? t("access.audienceLabel")
        : t("access.dateLabel");

  return (
    <>
      <PageHeader title={t("access.title")} lead={t("access.lead")} />
      <div className="access-layout">
        <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-form-title`}>
          <h2 id={`${id}-form-title`} className="form__title">
            {t("access.formTitle")}
          </h2>
          {hasFieldErrors ? (
            <div
              className="error-summary"
              role="alert"
              tabIndex={-1}
              ref={summaryRef}
              aria-labelledby={`${id}-summary-title`}
            >
              <h3 id={`${id}-summary-title`}>{t("access.errorSummary")}</h3>
              <ul>
                {FIELDS.filter((f) => errors[f]).map((f) => (
                  <li key={f}>
                    <a
                      href={`#${id}-${f}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(`${id}-${f}`)?.focus();
                      }}
                    >
                      {fieldLabel(f)}: {errors[f]}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <div className={`field${errors.partner ? " field--error" : ""}`}>
            <label htmlFor={`${id}-partner`}>{t("access.partnerLabel")}</label>
            {errors.partner ? (
              <p className="field__error" id={`${id}-partner-error`}>
                <span className="visually-hidden">{t("access.errorPrefix")} </span>
                {errors.partner}
              </p>
            ) : null}
            <select
              id={`${id}-partner`}
              value={partner}
              onChange={(e) => setPartner(e.target.value)}
              aria-invalid={errors.partner ? true : undefined}
              aria-describedby={describedBy("partner")}
              disabled={nations.isPending}
            >
              <option value="">{nations.isPending ? t("state.loading") : t("access.partnerPlaceholder")}</option>
              <optgroup label={t("access.states")}>
                {states.map((n) => (
                  <option key={n.code} value={n.code}>
                    {n.name}
                  </option>
                ))}
              </optgroup>
              {organisations.length > 0 ? (
                <optgroup label={t("access.organisations")}>
                  {organisations.map((n) => (
                    <option key={n.code} value={n.code}>
                      {n.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
            {nations.isError ? <p className="field__error">{t("access.nationsError")}</p> : null}
          </div>

          <div className={`field${errors.audience ? " field--error" : ""}`}>
            <label htmlFor={`${id}-audience`}>{t("access.audienceLabel")}</label>
            <p className="field__hint" id={`${id}-audience-hint`}>
              {t("access.audienceHint")}
            </p>
            {errors.audience ? (
              <p className="field__error" id={`${id}-audience-error`}>
                <span className="visually-hidden">{t("access.errorPrefix")} </span>
                {errors.audience}
              </p>
            ) : null}
            <input
              id={`${id}-audience`}
              type="text"
              value={audience}
              onChange={(e) => setAudience(e.target.value)}
              aria-invalid={errors.audience ? true : undefined}
              aria-describedby={describedBy("audience", true)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>

          <div className={`field${errors.date ? " field--error" : ""}`}>
            <label htmlFor={`${id}-date`}>{t("access.dateLabel")}</label>
            <p className="field__hint" id={`${id}-date-hint`}>
              {t("access.dateHint")}
            </p>
            {errors.date ? (
              <p className="field__error" id={`${id}-date-error`}>
                <span className="visually-hidden">{t("access.errorPrefix")} </span>
                {errors.date}
              </p>
            ) : null}
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              aria-invalid={errors.date ? true : undefined}
              aria-describedby={describedBy("date", true)}
            />
          </div>

          <div className="form__actions">
            <button type="submit" className="button">
              {t("access.submit")}
            </button>
          </div>
        </form>

        <section className="access-result" aria-labelledby={`${id}-result-title`} aria-busy={decision.isFetching}>
          <h2 id={`${id}-result-title`} className="visually-hidden">
            {t("access.resultTitle")}
          </h2>
          {submitted === null ? (
            <div className="card access-result__empty">
              <p>{t("access.intro")}</p>
            </div>
          ) : decision.isFetching ? (
            <Loading label={t("access.checking")} />
          ) : decision.isError ? (
            hasFieldErrors ? (
              <div className="card access-result__empty">
                <p>{t("access.fixErrors")}</p>
              </div>
            ) : (
              <ErrorState error={decision.error} onRetry={() => void decision.refetch()} />
            )
          ) : decision.data ? (
            <Decision decision={decision.data} focusRef={resultRef} />
          ) : null}
        </section>
      </div>
    </>
  );
}

function Decision({ decision, focusRef }: { decision: AccessDecision; focusRef: RefObject<HTMLElement | null> }) {
  const { rule } = decision;
  return (
    <article
      className={`card decision decision--${decision.outcome}`}
      tabIndex={-1}
      ref={focusRef}
      aria-labelledby="decision-outcome"
    >
      <div className="decision__banner">
        <span className="decision__icon" aria-hidden="true">
          {OUTCOME_ICON[decision.outcome]}
        </span>
        <div>
          <p className="decision__eyebrow">{t("access.outcomeLabel")}</p>
          <p className="decision__outcome" id="decision-outcome">
            {outcomeLabel(decision.outcome)}
          </p>
        </div>
      </div>
      <dl className="decision__facts">
        <div>
          <dt>{t("access.partnerLabel")}</dt>
          <dd>
            <Link to={`/partners/${decision.partner.code}`}>{decision.partner.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("access.audienceLabel")}</dt>
          <dd>{decision.audience.join(", ")}</dd>
        </div>
        <div>
          <dt>{t("access.dateLabel")}</dt>
          <dd>
            <DateText date={decision.date} />
          </dd>
        </div>
      </dl>

      <h3 className="decision__heading">{t("access.why")}</h3>
      {decision.memberships.length > 0 ? (
        <ul className="decision__memberships">
          {decision.memberships.map((m) => (
            <li key={m.framework}>
              {m.suspended
                ? t("access.membershipSuspended", {
                    partner: decision.partner.name,
                    framework: m.frameworkName,
                    since: formatSince(m.since),
                  })
                : t("access.membership", {
                    partner: decision.partner.name,
                    framework: m.frameworkName,
                    since: formatSince(m.since),
                  })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("access.noMemberships", { partner: decision.partner.name })}</p>
      )}
      <p className="decision__explanation">
        <span className="muted">{t("access.engineSays")} </span>
        {decision.explanation}
      </p>

      {rule ? (
        <div className="rule">
          <p className="rule__eyebrow">{t("access.ruleApplied")}</p>
          <p className="rule__name">{rule.name}</p>
          <p className="rule__period">
            {t("access.rulePeriod", {
              from: formatDate(rule.validFrom, rule.precision),
              to: formatPeriodEnd(rule.validTo),
            })}
          </p>
          <p>{rule.summary}</p>
          <p className="rule__links">
            <Cite cite={rule.cite} />
            {rule.milestone ? (
              <Link to="/milestones" className="rule__milestone">
                {t("access.seeMilestones")}
              </Link>
            ) : null}
          </p>
        </div>
      ) : (
        <p className="muted">{t("access.noRule")}</p>
      )}
    </article>
  );
}
