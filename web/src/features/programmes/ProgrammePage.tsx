import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { ConsultationView } from "./ConsultationView.tsx";
import { DecisionsPanel } from "./DecisionsPanel.tsx";
import { EditProgramme } from "./EditProgramme.tsx";
import { PROGRESS_STATUSES, programmeTypeName } from "./labels.ts";
import { ProgrammeActions, StatusBadge, WorkflowSteps } from "./ProgrammeBits.tsx";
import { ProgressPanel } from "./ProgressPanel.tsx";
import { useProgramme } from "./queries.ts";
import { RevisionsPanel } from "./RevisionsPanel.tsx";
import type { Programme } from "./types.ts";

/** One programme: its header and workflow, actions, the consultation view, revisions, decisions and progress. */
export function ProgrammePage({ id }: { id?: string }) {
  return <RequireAuth title={t("programmes.title")}>{() => <ProgrammeLoader id={id ?? ""} />}</RequireAuth>;
}

function ProgrammeLoader({ id }: { id: string }) {
  const programme = useProgramme(id);
  useDocumentTitle(programme.data?.title ?? t("programmes.title"));
  if (programme.isPending) return <Loading />;
  if (programme.isError) {
    if (programme.error instanceof ApiError && programme.error.isNotFound) {
      return (
        <NotFound
          title={t("programme.notFound")}
          message={t("programme.notFoundText")}
          links={[{ to: "/programmes", label: t("programmes.title") }]}
        />
      );
    }
    return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />;
  }
  return <ProgrammeView programme={programme.data} />;
}

function ProgrammeView({ programme: p }: { programme: Programme }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved !== null) savedRef.current?.focus();
  }, [saved]);
  const showProgress = PROGRESS_STATUSES.includes(p.status);
  return (
    <article className="programme" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/programmes">{t("programmes.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{p.nation.name}</span>
      </p>
      <LabelBadge label={p.label} variant="banner" />
      <PageHeader
        eyebrow={`${p.nation.name} · ${programmeTypeName(p.type)}`}
        title={p.title}
        lead={
          <>
            <DateText date={p.periodStart} /> – <DateText date={p.periodEnd} /> ·{" "}
            {t("programme.revisionN", { n: p.currentRevision })}
          </>
        }
        actions={<StatusBadge status={p.status} />}
      />
      <WorkflowSteps status={p.status} />
      {p.supersededBy ? (
        <p className="notice notice--info">
          {t("programme.supersededBy")}{" "}
          <Link to={`/programmes/${encodeURIComponent(p.supersededBy)}`}>{t("programme.nextProgramme")}</Link>
        </p>
      ) : null}
      {saved !== null ? (
        <p className="notice notice--ok" role="status" tabIndex={-1} ref={savedRef}>
          {t("programmeEdit.saved", { n: saved })}
        </p>
      ) : null}

      <div className="programme__top">
        <ProgrammeActions programme={p} />
        {p.canEdit && !editing ? (
          <section className="card programme-edit-card" aria-labelledby="programme-edit-card-title">
            <h2 id="programme-edit-card-title">{t("programmeEdit.cardTitle")}</h2>
            <p>{t("programmeEdit.cardText")}</p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              {t("programmeEdit.start")}
            </button>
          </section>
        ) : null}
      </div>

      {editing ? (
        <EditProgramme
          programme={p}
          onDone={(revision) => {
            setEditing(false);
            setSaved(revision);
          }}
        />
      ) : (
        <ConsultationView programme={p} />
      )}
      {showProgress ? <ProgressPanel programme={p} /> : null}
      <DecisionsPanel programme={p} />
      <RevisionsPanel programme={p} />
    </article>
  );
}
