import { type FormEvent, type ReactNode, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { DateText } from "../../ui/DateText.tsx";
import { ErrorSummary, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { areaName } from "../activities/labels.ts";
import { useActivities } from "../activities/queries.ts";
import { ActivitiesEditor } from "./ActivityPicker.tsx";
import type { ActivityRef, Draft } from "./draft.ts";
import { type FormErrors, pathLabel, targetPath } from "./form-errors.ts";
import { describedBy, ErrorFor, GoalsEditor, ListFieldset, ObjectivesEditor, SectionsEditor } from "./ItemEditors.tsx";
import { programmeTypeName, programmeTypeOf } from "./labels.ts";

type Props = {
  mode: "create" | "edit";
  initial: Draft;
  knownActivities: Record<string, ActivityRef>;
  /** Staff creating a programme choose the partner; otherwise null (a partner files for its own nation). */
  nations: { code: string; name: string }[] | null;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (draft: Draft, note: string) => void;
  onCancel?: () => void;
  /** Shown above the form (the edit conflict message). */
  notice?: ReactNode;
};

/** The programme builder, shared by "new programme" and "edit" (a new revision). */
export function ProgrammeForm({
  mode,
  initial,
  knownActivities,
  nations,
  error,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
  notice,
}: Props) {
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [note, setNote] = useState("");
  const [known, setKnown] = useState<Record<string, ActivityRef>>(knownActivities);
  const { errors: byPath, edited } = useFieldErrors<string>(error, (f) => f);
  const idOf = (path: string) => `${formId}-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
  const errors: FormErrors = { of: (path) => byPath[path], idOf, edited };
  const update = (change: (d: Draft) => Draft) => setDraft(change);
  const hasFieldErrors = Object.keys(fieldErrorsOf(error, (f) => f)).length > 0;
  const general = error && !hasFieldErrors ? errorMessage(error) : undefined;
  const summary: SummaryItem[] = Object.entries(byPath).flatMap(([path, message]) =>
    message ? [{ id: idOf(targetPath(path)), label: pathLabel(path), message }] : [],
  );
  const type = /^\d{4}-\d{2}-\d{2}$/.test(draft.periodStart) ? programmeTypeOf(draft.periodStart) : null;
  const itpp = type === "itpp";

  // Areas of cooperation: the codes the menu uses (its area facet), plus any already chosen.
  const menu = useActivities({});
  const menuAreas = menu.data?.pages[0]?.facets.area.map((f) => f.value) ?? [];
  const areas = [...new Set([...menuAreas, ...draft.areas])].sort((a, b) => areaName(a).localeCompare(areaName(b)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft, note.trim());
  };
  const editorProps = { draft, update, errors, itpp };

  const textField = (path: "title" | "periodStart" | "periodEnd", label: string, type: "text" | "date") => (
    <div className={byPath[path] ? "field field--error" : "field"}>
      <label htmlFor={idOf(path)}>{label}</label>
      <ErrorFor errors={errors} path={path} />
      <input
        id={idOf(path)}
        type={type}
        value={draft[path]}
        {...describedBy(errors, path)}
        {...(path === "periodEnd" && draft.periodStart ? { min: draft.periodStart } : {})}
        onChange={(e) => {
          const value = e.target.value;
          setDraft((d) => ({ ...d, [path]: value }));
          edited(path);
        }}
      />
    </div>
  );

  return (
    <form className="card form programme-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`} className="visually-hidden">
        {mode === "create" ? t("programmeForm.createTitle") : t("programmeForm.editTitle")}
      </h2>
      {notice}
      <ErrorSummary items={summary} message={general} trigger={error} />

      <fieldset className="programme-fieldset">
        <legend>{t("programmeForm.basics")}</legend>
        <div className="form-grid">
          <div className="form-grid__wide">{textField("title", t("programmeForm.title"), "text")}</div>
          {mode === "create" ? (
            <>
              {textField("periodStart", t("programmeForm.periodStart"), "date")}
              {textField("periodEnd", t("programmeForm.periodEnd"), "date")}
            </>
          ) : (
            <p className="form-grid__wide">
              <strong>{t("programmeForm.period")}</strong> <DateText date={draft.periodStart} /> –{" "}
              <DateText date={draft.periodEnd} />
            </p>
          )}
          <p className="form-grid__wide programme-type" role="status">
            {type ? (
              <>
                <strong>{t("programmeForm.typeLabel")}</strong> {programmeTypeName(type)}
              </>
            ) : (
              t("programmeForm.typeUnknown")
            )}
          </p>
          {nations ? (
            <div className={byPath.nation ? "field field--error" : "field"}>
              <label htmlFor={idOf("nation")}>{t("programmeForm.nation")}</label>
              <ErrorFor errors={errors} path="nation" />
              <select
                id={idOf("nation")}
                value={draft.nation}
                {...describedBy(errors, "nation")}
                onChange={(e) => {
                  const nation = e.target.value;
                  setDraft((d) => ({ ...d, nation }));
                  edited("nation");
                }}
              >
                <option value="">{t("programmeForm.chooseNation")}</option>
                {nations.map((n) => (
                  <option key={n.code} value={n.code}>
                    {n.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
      </fieldset>

      <ListFieldset
        errors={errors}
        path="content.areas"
        legend={t("programmeForm.areas")}
        hint={t("programmeForm.areasHint")}
      >
        {areas.length === 0 ? (
          <p className="muted">{menu.isPending ? t("state.loading") : t("programmeForm.noAreas")}</p>
        ) : (
          <ul className="programme-areas">
            {areas.map((code) => {
              const checked = draft.areas.includes(code);
              return (
                <li key={code}>
                  <label className="checkbox" htmlFor={`${idOf("content.areas")}-${code}`}>
                    <input
                      id={`${idOf("content.areas")}-${code}`}
                      type="checkbox"
                      checked={checked}
                      onChange={(e) => {
                        const on = e.target.checked;
                        setDraft((d) => ({
                          ...d,
                          areas: on ? [...d.areas, code] : d.areas.filter((a) => a !== code),
                        }));
                        edited("content.areas");
                      }}
                    />
                    <span>{areaName(code)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </ListFieldset>

      <ObjectivesEditor {...editorProps} />
      <GoalsEditor {...editorProps} />
      <ActivitiesEditor
        {...editorProps}
        known={known}
        onKnown={(id, ref) => setKnown((all) => ({ ...all, [id]: ref }))}
      />
      <SectionsEditor {...editorProps} />

      {mode === "edit" ? (
        <div className={byPath.note ? "field field--error" : "field"}>
          <label htmlFor={idOf("note")}>{t("programmeForm.note")}</label>
          <p className="field__hint" id={`${idOf("note")}-hint`}>
            {t("programmeForm.noteHint")}
          </p>
          <ErrorFor errors={errors} path="note" />
          <input
            id={idOf("note")}
            type="text"
            value={note}
            aria-describedby={`${idOf("note")}-hint`}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      ) : null}

      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("programmeForm.saving") : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("programmeForm.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
