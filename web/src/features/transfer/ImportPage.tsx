import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError, send } from "../../api/client.ts";
import type { ImportReport } from "../../api/types.ts";
import { formatBytes } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { Field } from "../../ui/Field.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, errorMessage } from "../../ui/States.tsx";
import { MENU_STAFF } from "../activities/labels.ts";
import { ACTIVITIES_KEY } from "../activities/queries.ts";
import { RequireAuth } from "../auth/Guards.tsx";

const importFile = (file: File, dryRun: boolean) => {
  const form = new FormData();
  form.append("file", file, file.name);
  return send<ImportReport>("/activities/import", {
    method: "POST",
    query: { dryRun: String(dryRun) },
    body: form,
  });
};

/** The errors of a refused apply (400 with details.errors) read as a report. */
function reportOf(error: unknown): ImportReport["errors"] | null {
  if (!(error instanceof ApiError) || !Array.isArray(error.details.errors)) return null;
  return error.details.errors as ImportReport["errors"];
}

/** Staff import the menu from Excel or CSV: a dry run first, its report, then "Apply" if clean. */
export function ImportPage() {
  useDocumentTitle(t("import.title"));
  return (
    <RequireAuth roles={MENU_STAFF} title={t("import.title")}>
      {() => <ImportForm />}
    </RequireAuth>
  );
}

function ImportForm() {
  const id = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const resultRef = useRef<HTMLDivElement>(null);
  const dryRun = useMutation({ mutationFn: (f: File) => importFile(f, true) });
  const apply = useMutation({
    mutationFn: (f: File) => importFile(f, false),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY }),
  });
  const report = apply.data ?? dryRun.data;
  useEffect(() => {
    if (report || apply.error || dryRun.error) resultRef.current?.focus();
  }, [report, apply.error, dryRun.error]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t("import.fileRequired"));
      return;
    }
    apply.reset();
    dryRun.mutate(file);
  };
  const canApply = file !== null && dryRun.data !== undefined && dryRun.data.errors.length === 0 && !apply.data;
  const refused = reportOf(apply.error);
  const failure = apply.error ?? dryRun.error;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/activities">{t("menu.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("import.title")}</span>
      </p>
      <PageHeader title={t("import.title")} lead={t("import.lead")} />
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <Field id={`${id}-file`} label={t("import.file")} hint={t("import.fileHint")} error={fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(undefined);
                dryRun.reset();
                apply.reset();
              }}
            />
          )}
        </Field>
        {file ? (
          <p className="file-input__chosen">{t("upload.chosen", { name: file.name, size: formatBytes(file.size) })}</p>
        ) : null}
        <div className="form__actions form__actions--row">
          <button type="submit" className="button button--secondary" disabled={dryRun.isPending}>
            {dryRun.isPending ? t("import.checking") : t("import.check")}
          </button>
          <button
            type="button"
            className="button"
            disabled={!canApply || apply.isPending}
            aria-describedby={`${id}-apply-hint`}
            onClick={() => file && apply.mutate(file)}
          >
            {apply.isPending ? t("import.applying") : t("import.apply")}
          </button>
          <span className="field__hint" id={`${id}-apply-hint`}>
            {t("import.applyHint")}
          </span>
        </div>
      </form>

      <div className="import-result" ref={resultRef} tabIndex={-1} aria-live="polite">
        {failure && !refused ? (
          <p className="notice notice--warn" role="alert">
            {errorMessage(failure)}
          </p>
        ) : null}
        {refused ? <ErrorsTable errors={refused} title={t("import.refused")} /> : null}
        {report && !refused ? <ReportView report={report} /> : null}
      </div>
    </>
  );
}

function ReportView({ report: r }: { report: ImportReport }) {
  const headline = r.applied
    ? t("import.applied")
    : r.errors.length > 0
      ? t("import.hasErrors", { count: r.errors.length })
      : t("import.clean");
  return (
    <section className="section" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{r.dryRun ? t("import.dryRunTitle") : t("import.resultTitle")}</h2>
      <p className={r.errors.length > 0 ? "notice notice--warn" : "notice notice--ok"}>
        <Icon name={r.errors.length > 0 ? "alert" : "check"} />
        <span>{headline}</span>
      </p>
      <DataTable
        caption={t("import.countsCaption")}
        columns={[t("import.col.what"), t("import.col.created"), t("import.col.updated"), t("import.col.unchanged")]}
        className="table--compact"
      >
        <tr>
          <th scope="row">{t("import.activities")}</th>
          <td>{r.activities.created}</td>
          <td>{r.activities.updated}</td>
          <td>{r.activities.unchanged}</td>
        </tr>
        <tr>
          <th scope="row">{t("import.iterations")}</th>
          <td>{r.iterations.created}</td>
          <td>{r.iterations.updated}</td>
          <td>{r.iterations.unchanged}</td>
        </tr>
      </DataTable>
      <p className="muted">{t("import.rows", { count: r.rows })}</p>
      {r.errors.length > 0 ? <ErrorsTable errors={r.errors} title={t("import.errorsTitle")} /> : null}
    </section>
  );
}

function ErrorsTable({ errors, title }: { errors: ImportReport["errors"]; title: string }) {
  return (
    <section className="section" aria-labelledby="import-errors-title">
      <h3 id="import-errors-title">{title}</h3>
      <DataTable
        caption={title}
        columns={[t("import.col.row"), t("import.col.column"), t("import.col.reference"), t("import.col.message")]}
      >
        {errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors in one column
          <tr key={i}>
            <th scope="row">{e.row}</th>
            <td>{e.column ?? "—"}</td>
            <td>{e.reference ?? "—"}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
