import type { ReactNode } from "react";
import { t } from "../../i18n/index.ts";
import { FieldErrorText } from "../../ui/Field.tsx";
import { type Draft, moveItem, nextItemId } from "./draft.ts";
import type { FormErrors } from "./form-errors.ts";

export type EditorProps = {
  draft: Draft;
  update: (change: (d: Draft) => Draft) => void;
  errors: FormErrors;
  /** ITPP wording: objectives are the ends, goals the ways, activities the means. */
  itpp: boolean;
};

/** Moves focus to the control a click just added (after React has rendered it). */
function focusSoon(id: string): void {
  window.requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** A control tied to its error: the props for aria-describedby and aria-invalid. */
export function describedBy(errors: FormErrors, path: string) {
  const message = errors.of(path);
  return message ? { "aria-describedby": `${errors.idOf(path)}-error`, "aria-invalid": true as const } : {};
}

export function ErrorFor({ errors, path }: { errors: FormErrors; path: string }) {
  const message = errors.of(path);
  return message ? <FieldErrorText id={`${errors.idOf(path)}-error`} message={message} /> : null;
}

/** Move up, move down and remove for one item of a list; the labels name the item. */
export function ItemTools({
  index,
  count,
  name,
  onMove,
  onRemove,
  focusAfterRemove,
}: {
  index: number;
  count: number;
  name: string;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Where focus goes once the item (and its button) is gone: the list's fieldset. */
  focusAfterRemove: string;
}) {
  return (
    <div className="button-row programme-item__tools">
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={t("programmeForm.moveUp", { name })}
      >
        {t("programmeForm.up")}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={t("programmeForm.moveDown", { name })}
      >
        {t("programmeForm.down")}
      </button>
      <button
        type="button"
        className="button button--danger-outline button--small"
        onClick={() => {
          onRemove();
          focusSoon(focusAfterRemove);
        }}
        aria-label={t("programmeForm.removeItem", { name })}
      >
        {t("programmeForm.remove")}
      </button>
    </div>
  );
}

/** A fieldset for one list of the builder, with its list-level error and an "add" button. */
export function ListFieldset({
  errors,
  path,
  legend,
  hint,
  addLabel,
  onAdd,
  children,
}: {
  errors: FormErrors;
  path: string;
  legend: string;
  hint?: string;
  addLabel?: string;
  onAdd?: () => void;
  children: ReactNode;
}) {
  const id = errors.idOf(path);
  return (
    <fieldset className="programme-fieldset" id={id} tabIndex={-1} {...describedBy(errors, path)}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <ErrorFor errors={errors} path={path} />
      {children}
      {onAdd && addLabel ? (
        <button type="button" className="button button--secondary button--small" onClick={onAdd}>
          {addLabel}
        </button>
      ) : null}
    </fieldset>
  );
}

export function ObjectivesEditor({ draft, update, errors, itpp }: EditorProps) {
  const add = () => {
    update((d) => ({
      ...d,
      objectives: [
        ...d.objectives,
        {
          id: nextItemId(
            "o",
            d.objectives.map((o) => o.id),
          ),
          text: "",
        },
      ],
    }));
    focusSoon(errors.idOf(`content.objectives.${draft.objectives.length}.text`));
  };
  return (
    <ListFieldset
      errors={errors}
      path="content.objectives"
      legend={itpp ? t("programmeForm.objectivesItpp") : t("programmeForm.objectives")}
      hint={t("programmeForm.objectivesHint")}
      addLabel={t("programmeForm.addObjective")}
      onAdd={add}
    >
      {draft.objectives.length === 0 ? <p className="muted">{t("programmeForm.noObjectives")}</p> : null}
      <ol className="programme-items">
        {draft.objectives.map((o, i) => {
          const path = `content.objectives.${i}.text`;
          const name = t("programmeForm.objectiveNamed", { n: i + 1, id: o.id });
          return (
            <li key={o.id} className="programme-item">
              <div className={errors.of(path) ? "field field--error" : "field"}>
                <label htmlFor={errors.idOf(path)}>{name}</label>
                <ErrorFor errors={errors} path={path} />
                <textarea
                  id={errors.idOf(path)}
                  rows={2}
                  value={o.text}
                  {...describedBy(errors, path)}
                  onChange={(e) => {
                    const text = e.target.value;
                    update((d) => ({
                      ...d,
                      objectives: d.objectives.map((x) => (x.id === o.id ? { ...x, text } : x)),
                    }));
                    errors.edited(path);
                  }}
                />
              </div>
              <ItemTools
                index={i}
                count={draft.objectives.length}
                focusAfterRemove={errors.idOf("content.objectives")}
                name={name}
                onMove={(by) => update((d) => ({ ...d, objectives: moveItem(d.objectives, i, by) }))}
                onRemove={() =>
                  update((d) => ({
                    ...d,
                    objectives: d.objectives.filter((x) => x.id !== o.id),
                    // Goals and activities that served it now serve none.
                    goals: d.goals.map((g) => (g.objectiveId === o.id ? { ...g, objectiveId: null } : g)),
                    activities: d.activities.map((a) => (a.objectiveId === o.id ? { ...a, objectiveId: null } : a)),
                  }))
                }
              />
            </li>
          );
        })}
      </ol>
    </ListFieldset>
  );
}

/** A select of the draft's objectives (or none), for goals and activities. */
export function ObjectiveSelect({
  draft,
  errors,
  path,
  label,
  value,
  onChange,
}: {
  draft: Draft;
  errors: FormErrors;
  path: string;
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <div className={errors.of(path) ? "field field--error" : "field"}>
      <label htmlFor={errors.idOf(path)}>{label}</label>
      <ErrorFor errors={errors} path={path} />
      <select
        id={errors.idOf(path)}
        value={value ?? ""}
        {...describedBy(errors, path)}
        onChange={(e) => {
          onChange(e.target.value === "" ? null : e.target.value);
          errors.edited(path);
        }}
      >
        <option value="">{t("programmeForm.noObjective")}</option>
        {draft.objectives.map((o, i) => (
          <option key={o.id} value={o.id}>
            {t("programmeForm.objectiveOption", { n: i + 1, text: o.text.slice(0, 60) || o.id })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function GoalsEditor({ draft, update, errors, itpp }: EditorProps) {
  const add = () => {
    update((d) => ({
      ...d,
      goals: [
        ...d.goals,
        {
          id: nextItemId(
            "g",
            d.goals.map((g) => g.id),
          ),
          objectiveId: null,
          text: "",
        },
      ],
    }));
    focusSoon(errors.idOf(`content.goals.${draft.goals.length}.text`));
  };
  return (
    <ListFieldset
      errors={errors}
      path="content.goals"
      legend={itpp ? t("programmeForm.goalsItpp") : t("programmeForm.goals")}
      addLabel={t("programmeForm.addGoal")}
      onAdd={add}
    >
      {draft.goals.length === 0 ? <p className="muted">{t("programmeForm.noGoals")}</p> : null}
      <ol className="programme-items">
        {draft.goals.map((g, i) => {
          const path = `content.goals.${i}.text`;
          const name = t("programmeForm.goalNamed", { n: i + 1, id: g.id });
          const set = (change: Partial<typeof g>) =>
            update((d) => ({ ...d, goals: d.goals.map((x) => (x.id === g.id ? { ...x, ...change } : x)) }));
          return (
            <li key={g.id} className="programme-item">
              <div className="programme-item__fields">
                <div className={errors.of(path) ? "field field--error" : "field"}>
                  <label htmlFor={errors.idOf(path)}>{name}</label>
                  <ErrorFor errors={errors} path={path} />
                  <textarea
                    id={errors.idOf(path)}
                    rows={2}
                    value={g.text}
                    {...describedBy(errors, path)}
                    onChange={(e) => {
                      set({ text: e.target.value });
                      errors.edited(path);
                    }}
                  />
                </div>
                <ObjectiveSelect
                  draft={draft}
                  errors={errors}
                  path={`content.goals.${i}.objectiveId`}
                  label={t("programmeForm.servesObjective", { name })}
                  value={g.objectiveId}
                  onChange={(objectiveId) => set({ objectiveId })}
                />
              </div>
              <ItemTools
                index={i}
                count={draft.goals.length}
                focusAfterRemove={errors.idOf("content.goals")}
                name={name}
                onMove={(by) => update((d) => ({ ...d, goals: moveItem(d.goals, i, by) }))}
                onRemove={() => update((d) => ({ ...d, goals: d.goals.filter((x) => x.id !== g.id) }))}
              />
            </li>
          );
        })}
      </ol>
    </ListFieldset>
  );
}

export function SectionsEditor({ draft, update, errors }: EditorProps) {
  const add = () => {
    update((d) => ({
      ...d,
      sections: [
        ...d.sections,
        {
          key: nextItemId(
            "s",
            d.sections.map((s) => s.key),
          ),
          title: "",
          text: "",
        },
      ],
    }));
    focusSoon(errors.idOf(`content.sections.${draft.sections.length}.title`));
  };
  return (
    <ListFieldset
      errors={errors}
      path="content.sections"
      legend={t("programmeForm.sections")}
      hint={t("programmeForm.sectionsHint")}
      addLabel={t("programmeForm.addSection")}
      onAdd={add}
    >
      {draft.sections.length === 0 ? <p className="muted">{t("programmeForm.noSections")}</p> : null}
      <ol className="programme-items">
        {draft.sections.map((s, i) => {
          const titlePath = `content.sections.${i}.title`;
          const textPath = `content.sections.${i}.text`;
          const name = t("programmeForm.sectionNamed", { n: i + 1, id: s.key });
          const set = (change: Partial<typeof s>) =>
            update((d) => ({
              ...d,
              sections: d.sections.map((x) => (x.key === s.key ? { ...x, ...change } : x)),
            }));
          return (
            <li key={s.key} className="programme-item">
              <div className="programme-item__fields">
                <div className={errors.of(titlePath) ? "field field--error" : "field"}>
                  <label htmlFor={errors.idOf(titlePath)}>{t("programmeForm.sectionTitle", { name })}</label>
                  <ErrorFor errors={errors} path={titlePath} />
                  <input
                    id={errors.idOf(titlePath)}
                    type="text"
                    value={s.title}
                    {...describedBy(errors, titlePath)}
                    onChange={(e) => {
                      set({ title: e.target.value });
                      errors.edited(titlePath);
                    }}
                  />
                </div>
                <div className={errors.of(textPath) ? "field field--error" : "field"}>
                  <label htmlFor={errors.idOf(textPath)}>{t("programmeForm.sectionText", { name })}</label>
                  <ErrorFor errors={errors} path={textPath} />
                  <textarea
                    id={errors.idOf(textPath)}
                    rows={4}
                    value={s.text}
                    {...describedBy(errors, textPath)}
                    onChange={(e) => {
                      set({ text: e.target.value });
                      errors.edited(textPath);
                    }}
                  />
                </div>
              </div>
              <ItemTools
                index={i}
                count={draft.sections.length}
                focusAfterRemove={errors.idOf("content.sections")}
                name={name}
                onMove={(by) => update((d) => ({ ...d, sections: moveItem(d.sections, i, by) }))}
                onRemove={() => update((d) => ({ ...d, sections: d.sections.filter((x) => x.key !== s.key) }))}
              />
            </li>
          );
        })}
      </ol>
    </ListFieldset>
  );
}
