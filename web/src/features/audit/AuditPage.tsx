import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import type { AuditEvent, AuditOutcome, AuditQuery, AuditVerification } from "../../api/types.ts";
import { formatDateTime, isIsoDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, errorMessage, Loading } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";

const PAGE = 50;
const OUTCOMES: AuditOutcome[] = ["success", "denied", "invalid"];
/** Actions the API records, offered as suggestions (the field accepts any). */
const KNOWN_ACTIONS = [
  "audit.read",
  "audit.verify",
  "auth.login",
  "auth.logout",
  "auth.second-factor",
  "document.download",
  "document.read",
  "document.upload",
  "organisation.create",
  "organisation.list",
  "token.create",
  "token.revoke",
  "totp.enrol",
  "user.create",
  "user.disable",
  "user.list",
  "user.reset-password",
];

type Filters = { from: string; to: string; action: string; actor: string; outcome: string };
const EMPTY: Filters = { from: "", to: "", action: "", actor: "", outcome: "" };

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The filters in the address bar, as the API wants them ("to" is inclusive here, exclusive there). */
function toQuery(f: Filters): AuditQuery {
  return {
    from: isIsoDate(f.from) ? f.from : undefined,
    to: isIsoDate(f.to) ? nextDay(f.to) : undefined,
    action: f.action || undefined,
    actor: f.actor || undefined,
    outcome: (OUTCOMES as string[]).includes(f.outcome) ? (f.outcome as AuditOutcome) : undefined,
  };
}

export function outcomeName(o: AuditOutcome): string {
  return o === "success"
    ? t("audit.outcome.success")
    : o === "denied"
      ? t("audit.outcome.denied")
      : t("audit.outcome.invalid");
}

/** The audit trail (auditor, admin): filters, the events oldest first, and the hash-chain check. */
export function AuditPage() {
  useDocumentTitle(t("audit.title"));
  return (
    <RequireAuth roles={["auditor", "admin"]} title={t("audit.title")}>
      {() => <Audit />}
    </RequireAuth>
  );
}

function Audit() {
  const { search } = useLocation();
  const applied: Filters = {
    from: search.get("from") ?? "",
    to: search.get("to") ?? "",
    action: search.get("action") ?? "",
    actor: search.get("actor") ?? "",
    outcome: search.get("outcome") ?? "",
  };
  const query = toQuery(applied);
  const events = useInfiniteQuery({
    queryKey: ["user", "audit", query],
    queryFn: ({ pageParam, signal }) => api.audit({ ...query, after: pageParam, limit: PAGE }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.events.length === PAGE ? last.events[last.events.length - 1]?.seq : undefined),
    placeholderData: keepPreviousData,
  });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const filtered = Object.values(applied).some(Boolean);
  const verify = useMutation({ mutationFn: () => api.verifyAudit() });

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        lead={t("audit.lead")}
        actions={
          <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
            <Icon name="shield" />
            {verify.isPending ? t("audit.verifying") : t("audit.verify")}
          </button>
        }
      />
      <VerifyResult result={verify.data} error={verify.isError ? verify.error : null} />
      <FilterForm key={search.toString()} initial={applied} />
      <p className="toolbar__count" role="status">
        {events.isSuccess
          ? `${filtered ? t("audit.countFiltered", { count: rows.length }) : t("audit.count", { count: rows.length })}${events.hasNextPage ? ` ${t("audit.more")}` : ""}`
          : ""}
      </p>
      {events.isPending ? (
        <Loading label={t("audit.loading")} />
      ) : events.isError && rows.length === 0 ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{filtered ? t("audit.noMatch") : t("audit.empty")}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table audit-table" aria-busy={events.isFetching}>
              <caption className="visually-hidden">{t("audit.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.col.seq")}</th>
                  <th scope="col">{t("audit.col.time")}</th>
                  <th scope="col">{t("audit.col.actor")}</th>
                  <th scope="col">{t("audit.col.nation")}</th>
                  <th scope="col">{t("audit.col.action")}</th>
                  <th scope="col">{t("audit.col.object")}</th>
                  <th scope="col">{t("audit.col.label")}</th>
                  <th scope="col">{t("audit.col.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <EventRow key={e.seq} event={e} />
                ))}
              </tbody>
            </table>
          </div>
          {events.isFetchNextPageError ? (
            <ErrorState error={events.error} onRetry={() => void events.fetchNextPage()} />
          ) : null}
          {events.hasNextPage ? (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void events.fetchNextPage()}
                disabled={events.isFetchingNextPage}
              >
                {events.isFetchingNextPage ? t("state.loading") : t("audit.loadMore")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

function FilterForm({ initial }: { initial: Filters }) {
  const id = useId();
  const [f, setF] = useState<Filters>(initial);
  const set = (key: keyof Filters) => (value: string) => setF((prev) => ({ ...prev, [key]: value }));
  const apply = (next: Filters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value.trim()) params.set(key, value.trim());
    const qs = params.toString();
    navigate(qs ? `/audit?${qs}` : "/audit", { keepScroll: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(f);
  };
  return (
    <form className="card filters" onSubmit={onSubmit} aria-label={t("audit.filtersTitle")}>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("audit.from")}</label>
          <input id={`${id}-from`} type="date" value={f.from} onChange={(e) => set("from")(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("audit.to")}</label>
          <input id={`${id}-to`} type="date" value={f.to} onChange={(e) => set("to")(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t("audit.action")}</label>
          <input
            id={`${id}-action`}
            type="text"
            list={`${id}-actions`}
            value={f.action}
            onChange={(e) => set("action")(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id={`${id}-actions`}>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t("audit.actor")}</label>
          <input
            id={`${id}-actor`}
            type="text"
            value={f.actor}
            onChange={(e) => set("actor")(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t("audit.outcome")}</label>
          <select id={`${id}-outcome`} value={f.outcome} onChange={(e) => set("outcome")(e.target.value)}>
            <option value="">{t("audit.anyOutcome")}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeName(o)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="field__hint">{t("audit.filtersHint")}</p>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button">
          {t("audit.apply")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setF(EMPTY);
            apply(EMPTY);
          }}
        >
          {t("audit.clear")}
        </button>
      </div>
    </form>
  );
}

const OUTCOME_BADGE: Record<AuditOutcome, string> = {
  success: "badge--current",
  denied: "badge--suspended",
  invalid: "badge--uncertain",
};

function EventRow({ event: e }: { event: AuditEvent }) {
  const details = e.details ? Object.entries(e.details) : [];
  return (
    <tr>
      <td className="audit-table__seq">{e.seq}</td>
      <td className="nowrap">
        <time dateTime={e.at}>{formatDateTime(e.at, { utc: true, seconds: true })}</time>
      </td>
      <td>
        {e.actor_username ? <code>{e.actor_username}</code> : <span className="muted">{t("audit.system")}</span>}
        {e.actor_organisation ? <span className="table__sub">{e.actor_organisation}</span> : null}
      </td>
      <td>{e.actor_nation ?? <span className="muted">—</span>}</td>
      <td>
        <code className="audit-table__action">{e.action}</code>
        {details.length > 0 ? (
          <details className="audit-details">
            <summary>{t("audit.details")}</summary>
            <dl>
              {details.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
      </td>
      <td>
        {e.object_type ? (
          <>
            <span>{e.object_type}</span>
            {e.object_id ? (
              <span className="table__sub">
                {e.object_type === "document" ? (
                  <Link to={`/documents/${encodeURIComponent(e.object_id)}`} title={e.object_id}>
                    <code>{e.object_id.slice(0, 8)}</code>
                  </Link>
                ) : (
                  <code title={e.object_id}>{e.object_id.slice(0, 8)}</code>
                )}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{e.object_label ? <LabelBadge marking={e.object_label} /> : <span className="muted">—</span>}</td>
      <td>
        <span className={`badge ${OUTCOME_BADGE[e.outcome]}`}>{outcomeName(e.outcome)}</span>
      </td>
    </tr>
  );
}

/** The answer of "Verify chain": the server recomputed the hash chain; intact, or where it breaks. */
function VerifyResult({ result, error }: { result: AuditVerification | undefined; error: unknown }) {
  return (
    <div className="verify" role="status">
      {error ? (
        <div className="verify__box verify__box--broken">
          <Icon name="alert" />
          <p>{errorMessage(error)}</p>
        </div>
      ) : result ? (
        result.intact ? (
          <div className="verify__box verify__box--intact">
            <Icon name="check" />
            <div>
              <p className="verify__title">{t("audit.intact")}</p>
              <p>
                {t("audit.intactText", { count: result.events })}
                {result.head ? (
                  <>
                    {" "}
                    {t("audit.head")} <code className="verify__hash">{result.head}</code>
                  </>
                ) : null}
              </p>
            </div>
          </div>
        ) : (
          <div className="verify__box verify__box--broken">
            <Icon name="alert" />
            <div>
              <p className="verify__title">{t("audit.broken")}</p>
              <p>
                {result.brokenAt !== undefined
                  ? t("audit.brokenAt", { seq: result.brokenAt, reason: result.reason ?? "" })
                  : (result.reason ?? "")}
              </p>
            </div>
          </div>
        )
      ) : null}
    </div>
  );
}
