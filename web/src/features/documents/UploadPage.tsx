import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import type { DocumentMetaInput, User } from "../../api/types.ts";
import { formatBytes } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { type LabelDraft, LabelEditor } from "./LabelEditor.tsx";
import { UPLOADERS } from "./roles.ts";

type FieldName = "reference" | "title" | "date" | "file" | "classification" | "releasableTo";

/** Maps the API's field names ("label.releasableTo.2") onto this form's fields. */
function toField(apiField: string): FieldName | null {
  if (apiField === "reference" || apiField === "title" || apiField === "date" || apiField === "file") return apiField;
  if (apiField.startsWith("label.releasableTo")) return "releasableTo";
  if (apiField.startsWith("label")) return "classification";
  return null;
}

export function UploadPage() {
  useDocumentTitle(t("upload.title"));
  return (
    <RequireAuth roles={UPLOADERS} title={t("upload.title")}>
      {(user) => <UploadForm user={user} />}
    </RequireAuth>
  );
}

function UploadForm({ user }: { user: User }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState("");
  const [title, setTitle] = useState("");
  const [date, setDate] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState<LabelDraft>({ classification: "NU", releasableTo: [] });
  const [localErrors, setLocalErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [labelProblem, setLabelProblem] = useState<string | undefined>();

  const upload = useMutation({
    mutationFn: (v: { meta: DocumentMetaInput; file: File }) => api.uploadDocument(v.meta, v.file),
    onSuccess: (document) => {
      void queryClient.invalidateQueries({ queryKey: ["user", "documents"] });
      navigate(`/documents/${encodeURIComponent(document.id)}`);
    },
  });

  const { errors: apiErrors, edited } = useFieldErrors<FieldName>(upload.error, toField);
  const errors: Partial<Record<FieldName, string>> = { ...apiErrors, ...localErrors };
  if (!errors.releasableTo && labelProblem && (upload.isError || localErrors.file)) errors.releasableTo = labelProblem;
  const general =
    upload.error && Object.keys(fieldErrorsOf(upload.error, toField)).length === 0
      ? errorMessage(upload.error)
      : undefined;
  const changeLabel = (next: LabelDraft) => {
    if (next.classification !== label.classification) edited("classification");
    if (next.releasableTo.join() !== label.releasableTo.join()) edited("releasableTo");
    setLabel(next);
  };

  const ids: Record<FieldName, string> = {
    reference: `${id}-reference`,
    title: `${id}-title`,
    date: `${id}-date`,
    file: `${id}-file`,
    classification: `${id}-classification`,
    releasableTo: `${id}-releasable`,
  };
  const labels: Record<FieldName, string> = {
    reference: t("upload.reference"),
    title: t("upload.titleLabel"),
    date: t("upload.date"),
    file: t("upload.file"),
    classification: t("labelEditor.classification"),
    releasableTo: t("labelEditor.releasableTo"),
  };
  const order: FieldName[] = ["reference", "title", "date", "file", "classification", "releasableTo"];
  const summary: SummaryItem[] = order.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      upload.reset();
      setLocalErrors({ file: t("upload.fileRequired") });
      return;
    }
    setLocalErrors({});
    const meta: DocumentMetaInput = {
      reference: reference.trim(),
      title: title.trim(),
      date,
      label: {
        classification: label.classification,
        releasableTo: label.classification === "PUBLIC" ? [] : label.releasableTo,
      },
    };
    upload.mutate({ meta, file });
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/documents">{t("documents.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("upload.title")}</span>
      </p>
      <PageHeader title={t("upload.title")} lead={t("upload.lead")} />
      <form className="card form upload-form" onSubmit={onSubmit} noValidate aria-label={t("upload.title")}>
        <ErrorSummary items={summary} message={general} trigger={upload.error ?? localErrors} />
        <div className="upload-form__grid">
          <div className="upload-form__meta">
            <h2 className="form__title">{t("upload.metaTitle")}</h2>
            <Field
              id={ids.reference}
              label={labels.reference}
              hint={t("upload.referenceHint")}
              error={errors.reference}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={reference}
                  onChange={(e) => {
                    setReference(e.target.value);
                    edited("reference");
                  }}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field id={ids.title} label={labels.title} error={errors.title}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={title}
                  onChange={(e) => {
                    setTitle(e.target.value);
                    edited("title");
                  }}
                />
              )}
            </Field>
            <Field id={ids.date} label={labels.date} hint={t("upload.dateHint")} error={errors.date}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={date}
                  onChange={(e) => {
                    setDate(e.target.value);
                    edited("date");
                  }}
                />
              )}
            </Field>
            <Field id={ids.file} label={labels.file} hint={t("upload.fileHint")} error={errors.file}>
              {(control) => (
                <div className="file-input">
                  <input
                    {...control}
                    type="file"
                    onChange={(e) => {
                      setFile(e.target.files?.[0] ?? null);
                      setLocalErrors((le) => ({ ...le, file: undefined }));
                      edited("file");
                    }}
                  />
                  {file ? (
                    <span className="file-input__chosen">
                      {t("upload.chosen", { name: file.name, size: formatBytes(file.size) })}
                    </span>
                  ) : null}
                </div>
              )}
            </Field>
          </div>
          <div className="upload-form__label">
            <LabelEditor
              value={label}
              onChange={changeLabel}
              clearance={user.clearance}
              errors={{ classification: errors.classification, releasableTo: errors.releasableTo }}
              classificationId={ids.classification}
              releasableId={ids.releasableTo}
              onProblem={setLabelProblem}
            />
          </div>
        </div>
        <div className="form__actions form__actions--row form__actions--end">
          <Link to="/documents" className="button button--secondary">
            {t("dialog.cancel")}
          </Link>
          <button type="submit" className="button" disabled={upload.isPending}>
            {upload.isPending ? t("upload.submitting") : t("upload.submit")}
          </button>
        </div>
      </form>
    </>
  );
}
