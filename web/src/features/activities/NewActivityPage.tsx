import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { ActivityInput, ActivityKind, ActivityRecord, Clearance, User } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { Link, navigate } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { type LabelDraft, LabelEditor } from "../documents/LabelEditor.tsx";
import { activitiesApi } from "./api.ts";
import { ACTIVITY_KINDS, kindName, MENU_STAFF } from "./labels.ts";
import { ACTIVITIES_KEY } from "./queries.ts";

type FieldName =
  | "reference"
  | "title"
  | "kind"
  | "owner"
  | "ownerOrganisation"
  | "audience"
  | "description"
  | "requiredClearance"
  | "language"
  | "languageLevel"
  | "areas"
  | "aim"
  | "fees"
  | "pointOfContact"
  | "classification"
  | "releasableTo";
type TextField =
  | "reference"
  | "title"
  | "owner"
  | "ownerOrganisation"
  | "audience"
  | "language"
  | "areas"
  | "aim"
  | "fees"
  | "pointOfContact";

const CLEARANCES: Clearance[] = ["NU", "NR", "NC", "NS"];
const LEVELS = [0, 1, 2, 3, 4, 5] as const;

/** The text fields in the order the form shows them, with their label and hint. */
const TEXT_FIELDS: { field: TextField; label: MessageKey; hint?: MessageKey; code?: boolean }[] = [
  { field: "reference", label: "propose.reference", hint: "propose.referenceHint", code: true },
  { field: "title", label: "propose.titleLabel" },
  { field: "owner", label: "propose.owner", hint: "propose.ownerHint" },
  { field: "ownerOrganisation", label: "propose.ownerOrganisation", hint: "propose.ownerOrganisationHint" },
  { field: "audience", label: "propose.audience", hint: "propose.audienceHint" },
  { field: "language", label: "propose.language" },
  { field: "areas", label: "propose.areas", hint: "propose.areasHint" },
  { field: "aim", label: "activity.aim" },
  { field: "fees", label: "activity.fees", hint: "propose.feesHint" },
  { field: "pointOfContact", label: "activity.pointOfContact", hint: "propose.pointOfContactHint" },
];

const toField = (f: string): FieldName | null => {
  if (f.startsWith("label.releasableTo")) return "releasableTo";
  if (f.startsWith("label.classification")) return "classification";
  const head = f.split(".")[0] ?? "";
  return head === "label" ? "classification" : (head as FieldName);
};

/** Staff propose a new activity for the menu (it starts as "proposed"; iterations come next). */
export function NewActivityPage() {
  useDocumentTitle(t("propose.title"));
  return (
    <RequireAuth roles={MENU_STAFF} title={t("propose.title")}>
      {(user) => <ProposeForm user={user} />}
    </RequireAuth>
  );
}

function ProposeForm({ user }: { user: User }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState<Record<TextField, string>>({
    reference: "",
    title: "",
    owner: "",
    ownerOrganisation: "",
    audience: "",
    language: "English",
    areas: "",
    aim: "",
    fees: "",
    pointOfContact: "",
  });
  const [kind, setKind] = useState<ActivityKind>("course");
  const [description, setDescription] = useState("");
  const [requiredClearance, setRequiredClearance] = useState<Clearance>("NU");
  const [languageLevel, setLanguageLevel] = useState(0);
  const [label, setLabel] = useState<LabelDraft>({ classification: "NU", releasableTo: [] });
  const [labelProblem, setLabelProblem] = useState<string | undefined>();

  const create = useMutation({
    mutationFn: (input: ActivityInput) => activitiesApi.create(input),
    onSuccess: (activity: ActivityRecord) => {
      void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY });
      navigate(`/activities/${encodeURIComponent(activity.id)}`);
    },
  });
  const { errors, edited } = useFieldErrors<FieldName>(create.error, toField);
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const ids = (f: FieldName) => `${id}-${f}`;
  const labelOf: Record<FieldName, string> = {
    reference: t("propose.reference"),
    title: t("propose.titleLabel"),
    kind: t("propose.kind"),
    owner: t("propose.owner"),
    ownerOrganisation: t("propose.ownerOrganisation"),
    audience: t("propose.audience"),
    description: t("propose.description"),
    requiredClearance: t("propose.clearance"),
    language: t("propose.language"),
    languageLevel: t("propose.languageLevel"),
    areas: t("propose.areas"),
    aim: t("activity.aim"),
    fees: t("activity.fees"),
    pointOfContact: t("activity.pointOfContact"),
    classification: t("labelEditor.classification"),
    releasableTo: t("labelEditor.releasableTo"),
  };
  const summary: SummaryItem[] = (Object.keys(labelOf) as FieldName[]).flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids(f), label: labelOf[f], message }] : [];
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (labelProblem) return;
    const owner = text.ownerOrganisation.trim();
    create.mutate({
      reference: text.reference.trim(),
      title: text.title.trim(),
      kind,
      owner: text.owner.trim(),
      ...(owner ? { ownerOrganisation: owner } : {}),
      audience: text.audience.trim(),
      description: description.trim(),
      aim: text.aim.trim(),
      fees: text.fees.trim(),
      pointOfContact: text.pointOfContact.trim(),
      requiredClearance,
      language: text.language.trim(),
      languageLevel,
      // "Counter piracy, operations support" → ["counter-piracy", "operations-support"], the codes areas use.
      areas: text.areas
        .split(/[,;]+/)
        .map((a) => a.trim().toLowerCase().replace(/\s+/g, "-"))
        .filter(Boolean),
      label: {
        classification: label.classification,
        releasableTo: label.classification === "PUBLIC" ? [] : label.releasableTo,
      },
    });
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/activities">{t("menu.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("propose.title")}</span>
      </p>
      <PageHeader title={t("propose.title")} lead={t("propose.lead")} />
      <form className="card form upload-form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <ErrorSummary items={summary} message={general ?? labelProblem} trigger={create.error} />
        <div className="form-grid">
          {TEXT_FIELDS.map(({ field, label: key, hint, code }) => (
            <Field key={field} id={ids(field)} label={t(key)} hint={hint ? t(hint) : undefined} error={errors[field]}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  className={code ? "input--mono" : undefined}
                  value={text[field]}
                  onChange={(e) => {
                    setText((all) => ({ ...all, [field]: e.target.value }));
                    edited(field);
                  }}
                  autoComplete="off"
                />
              )}
            </Field>
          ))}
          <Field id={ids("kind")} label={labelOf.kind} error={errors.kind}>
            {(control) => (
              <select {...control} value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)}>
                {ACTIVITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindName(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids("requiredClearance")} label={labelOf.requiredClearance} error={errors.requiredClearance}>
            {(control) => (
              <select
                {...control}
                value={requiredClearance}
                onChange={(e) => setRequiredClearance(e.target.value as Clearance)}
              >
                {CLEARANCES.map((c) => (
                  <option key={c} value={c}>
                    {classificationName(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids("languageLevel")} label={labelOf.languageLevel} error={errors.languageLevel}>
            {(control) => (
              <select
                {...control}
                value={String(languageLevel)}
                onChange={(e) => setLanguageLevel(Number(e.target.value))}
              >
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t("nominate.level", { level })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={ids("description")}
            label={labelOf.description}
            error={errors.description}
            className="form-grid__wide"
          >
            {(control) => (
              <textarea
                {...control}
                rows={4}
                value={description}
                onChange={(e) => {
                  setDescription(e.target.value);
                  edited("description");
                }}
              />
            )}
          </Field>
        </div>
        <LabelEditor
          value={label}
          onChange={(next) => {
            if (next.classification !== label.classification) edited("classification");
            if (next.releasableTo.join() !== label.releasableTo.join()) edited("releasableTo");
            setLabel(next);
          }}
          clearance={user.clearance}
          errors={{ classification: errors.classification, releasableTo: errors.releasableTo }}
          classificationId={ids("classification")}
          releasableId={ids("releasableTo")}
          onProblem={setLabelProblem}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("propose.submitting") : t("propose.submit")}
          </button>
        </div>
      </form>
    </>
  );
}
