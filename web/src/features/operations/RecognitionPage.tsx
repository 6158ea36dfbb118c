import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { formatDate, formatDateTime, todayIso } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { ErrorSummary, Field, fieldErrorsOf, useFieldErrors } from "../../ui/Field.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ErrorState, errorMessage, ListState, Loading, NotFound } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { STATUSES as DECISION_STATUSES, statusName as decisionStatusName, oneOf } from "../decisions/labels.ts";
import { operationsApi } from "./api.ts";
import { DoneNotice } from "./form-bits.tsx";
import { kindName, lastDay, recognitionActionName, recognitionStatusName } from "./labels.ts";
import { useContributions, useInvalidateOperations, useRecognition } from "./queries.ts";
import type { Recognition, RecognitionAction } from "./types.ts";

/** A contributor recognition case: the offer, the advice, the Council's decision and its dates. */
export function RecognitionPage({ id }: { id: string }) {
  useDocumentTitle(t("operations.recognition.title"));
  return <RequireAuth title={t("operations.recognition.title")}>{() => <RecognitionLoader id={id} />}</RequireAuth>;
}

function RecognitionLoader({ id }: { id: string }) {
  const recognition = useRecognition(id);
  if (recognition.isPending) return <Loading />;
  if (recognition.isError) {
    if (recognition.error instanceof ApiError && recognition.error.isNotFound) {
      return (
        <NotFound
          title={t("operations.recognition.notFound")}
          message={t("operations.recognition.notFoundMessage")}
          links={[{ to: "/operations", label: t("operations.list.title") }]}
        />
      );
    }
    return <ErrorState error={recognition.error} onRetry={() => void recognition.refetch()} />;
  }
  return <RecognitionView r={recognition.data} />;
}

function RecognitionView({ r }: { r: Recognition }) {
  const to = lastDay(r.recognisedTo);
  const op = encodeURIComponent(r.operation.code);
  const [done, setDone] = useState<RecognitionAction | null>(null);
  return (
    <article className="ops-page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/operations">{t("operations.list.title")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/operations/${op}`}>{r.operation.name}</Link>
        <span aria-hidden="true"> › </span>
        <span>{r.nation.name}</span>
      </p>
      <LabelBadge label={r.label} variant="banner" />
      <PageHeader
        eyebrow={t("operations.recognition.eyebrow", { operation: r.operation.name })}
        title={t("operations.recognition.heading", { nation: r.nation.name, operation: r.operation.code })}
        actions={<span className={`badge ops-rec ops-rec--${r.status}`}>{recognitionStatusName(r.status)}</span>}
      />
      {done ? (
        <DoneNotice>{t("operations.recognition.done", { action: recognitionActionName(done) })}</DoneNotice>
      ) : null}
      <div className="ops-columns">
        <section className="card" aria-labelledby="rec-case">
          <h2 id="rec-case">{t("operations.recognition.case")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("operations.recognition.offeredOn")}</dt>
              <dd>{formatDate(r.offeredOn)}</dd>
            </div>
            <div>
              <dt>{t("operations.col.status")}</dt>
              <dd>{recognitionStatusName(r.status)}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t("operations.recognition.offer")}</dt>
              <dd className="ops-prose">{r.offer}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t("operations.recognition.advice")}</dt>
              <dd className="ops-prose">
                {r.advice ?? t("operations.recognition.noAdvice")}
                {r.advisedAt ? (
                  <span className="table__sub">
                    {t("operations.recognition.advisedAt", { date: formatDateTime(r.advisedAt) })}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t("operations.recognition.decision")}</dt>
              <dd>
                {r.decision ? (
                  <>
                    <Link to={`/decisions/${encodeURIComponent(r.decision.id)}`}>{r.decision.reference}</Link>
                    <span className="table__sub">{decisionStatus(r.decision.status)}</span>
                  </>
                ) : (
                  t("operations.recognition.noDecision")
                )}
              </dd>
            </div>
            <div>
              <dt>{t("operations.col.recognisedFrom")}</dt>
              <dd>{r.recognisedFrom ? formatDate(r.recognisedFrom) : "—"}</dd>
            </div>
            <div>
              <dt>{t("operations.col.recognisedTo")}</dt>
              <dd>{to ? formatDate(to) : "—"}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t("operations.col.marking")}</dt>
              <dd>
                <LabelBadge label={r.label} />
              </dd>
            </div>
          </dl>
        </section>
        {r.actions.length > 0 || r.canPutToCouncil ? (
          <section className="card" aria-labelledby="rec-actions">
            <h2 id="rec-actions">{t("operations.recognition.actions")}</h2>
            {r.canPutToCouncil ? (
              <p>
                <Link
                  className="button"
                  to={`/decisions/new?subjectType=contributor-recognition&subjectId=${encodeURIComponent(r.id)}`}
                >
                  {t("operations.recognition.putToCouncil")}
                </Link>
              </p>
            ) : null}
            {r.actions.map((a) => (
              <RecognitionActionForm key={a} recognition={r} action={a} onDone={() => setDone(a)} />
            ))}
          </section>
        ) : null}
      </div>
      <NationContributions operation={r.operation.code} nation={r.nation.code} name={r.nation.name} />
    </article>
  );
}

/** What the nation has contributed to the operation (troop figures and other kinds), as far as the viewer may see. */
function NationContributions({ operation, nation, name }: { operation: string; nation: string; name: string }) {
  const contributions = useContributions({ operation, nation });
  const rows = [...(contributions.data?.contributions ?? [])].sort((a, b) => a.asOf.localeCompare(b.asOf));
  return (
    <section className="section" aria-labelledby="rec-contributions">
      <div className="section__head">
        <h2 id="rec-contributions">{t("operations.recognition.contributions", { nation: name })}</h2>
      </div>
      <ListState query={contributions} isEmpty={rows.length === 0} empty={t("operations.contributions.empty")}>
        <DataTable
          caption={t("operations.recognition.contributions", { nation: name })}
          columns={[
            t("operations.col.date"),
            t("operations.col.kind"),
            t("operations.col.amount"),
            t("operations.col.description"),
          ]}
        >
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">{formatDate(c.asOf)}</th>
              <td>{kindName(c.kind)}</td>
              <td className="ops-num">
                {c.troops !== null
                  ? t("operations.recognition.troops", { count: c.troops })
                  : c.amount !== null
                    ? `${formatNumber(c.amount)}${c.currency ? ` ${c.currency}` : ""}`
                    : "—"}
              </td>
              <td>{c.description || "—"}</td>
            </tr>
          ))}
        </DataTable>
      </ListState>
    </section>
  );
}

/** The decision's status in words (the decisions feature's own names). */
function decisionStatus(status: string): string {
  const known = oneOf(DECISION_STATUSES, status);
  return known ? decisionStatusName(known) : status;
}

type FieldName = "note" | "date";
const toField = (f: string): FieldName | null => (f === "note" || f === "date" ? f : null);

/** One action's small form: advise (the advice), withdraw (a reason, confirmed), end (a date, confirmed). */
function RecognitionActionForm({
  recognition: r,
  action,
  onDone,
}: {
  recognition: Recognition;
  action: RecognitionAction;
  onDone: () => void;
}) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const [note, setNote] = useState("");
  const [date, setDate] = useState(todayIso());
  const [confirming, setConfirming] = useState(false);
  const act = useMutation({
    mutationFn: () => operationsApi.actOnRecognition(r.id, { action, note, ...(action === "end" ? { date } : {}) }),
    onSuccess: () => {
      setConfirming(false);
      setNote("");
      void invalidate();
      onDone();
    },
    onError: () => setConfirming(false),
  });
  const server = useFieldErrors<FieldName>(act.error, toField);
  const general =
    act.error && Object.keys(fieldErrorsOf(act.error, toField)).length === 0 ? errorMessage(act.error) : undefined;
  const irreversible = action !== "advise";
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (irreversible) setConfirming(true);
    else act.mutate();
  };
  const noteLabel = action === "advise" ? t("operations.recognition.adviceLabel") : t("operations.recognition.reason");
  return (
    <form className="form ops-action" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{recognitionActionName(action)}</h3>
      <ErrorSummary
        items={(["note", "date"] as const).flatMap((f) => {
          const message = server.errors[f];
          return message
            ? [{ id: `${id}-${f}`, label: f === "note" ? noteLabel : t("operations.recognition.endDate"), message }]
            : [];
        })}
        message={general}
        trigger={act.error}
      />
      <Field id={`${id}-note`} label={noteLabel} error={server.errors.note}>
        {(control) => (
          <textarea
            {...control}
            rows={action === "advise" ? 5 : 2}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              server.edited("note");
            }}
          />
        )}
      </Field>
      {action === "end" ? (
        <Field
          id={`${id}-date`}
          label={t("operations.recognition.endDate")}
          hint={t("operations.recognition.endDateHint")}
          error={server.errors.date}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={date}
              onChange={(e) => {
                setDate(e.target.value);
                server.edited("date");
              }}
            />
          )}
        </Field>
      ) : null}
      <div className="form__actions form__actions--row">
        <button
          type="submit"
          className={irreversible ? "button button--danger-outline" : "button"}
          disabled={act.isPending}
        >
          {recognitionActionName(action)}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("operations.recognition.confirmTitle", { action: recognitionActionName(action) })}
        confirmLabel={recognitionActionName(action)}
        danger
        busy={act.isPending}
        onConfirm={() => act.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {action === "end"
            ? t("operations.recognition.confirmEnd", { nation: r.nation.name, date: formatDate(date) })
            : t("operations.recognition.confirmWithdraw", { nation: r.nation.name })}
        </p>
      </ConfirmDialog>
    </form>
  );
}
