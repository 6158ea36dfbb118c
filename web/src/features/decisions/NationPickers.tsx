import { useId, useState } from "react";
import { useMembers, useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import { FieldErrorText } from "../../ui/Field.tsx";

type PickerProps = {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string[];
  onChange: (codes: string[]) => void;
};

/** Partners (and organisations) taking part in an "Allies + 1" or "Allies + n" format. */
export function ParticipantsPicker({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  single,
}: PickerProps & { single: boolean }) {
  const nations = useNations();
  const [choice, setChoice] = useState("");
  const all = nations.data?.nations ?? [];
  const nameOf = (code: string) => all.find((n) => n.code === code)?.name ?? code;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  if (single) {
    return (
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor={id}>{legend}</label>
        {hint ? (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
        <select
          id={id}
          value={value[0] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
        >
          <option value="">{t("decisions.new.chooseNation")}</option>
          {all.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name} ({n.code})
            </option>
          ))}
        </select>
      </div>
    );
  }
  const available = all.filter((n) => !value.includes(n.code));
  return (
    <fieldset
      className={error ? "field checkbox-group field--error" : "field checkbox-group"}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
      {value.length > 0 ? (
        <ul className="decision-participants" aria-label={t("decisions.new.participantsChosen")}>
          {value.map((code) => (
            <li key={code} className="decision-participants__item">
              {nameOf(code)}
              <button
                type="button"
                className="button button--link button--small"
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                {t("decisions.new.remove")}
                <span className="visually-hidden"> {nameOf(code)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("decisions.new.noParticipants")}</p>
      )}
      <div className="decision-participants__add">
        <label htmlFor={id} className="visually-hidden">
          {t("decisions.new.addParticipantLabel")}
        </label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t("decisions.new.chooseNation")}</option>
          {available.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name} ({n.code})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={!choice}
          onClick={() => {
            if (choice) onChange([...value, choice]);
            setChoice("");
          }}
        >
          {t("decisions.new.addParticipant")}
        </button>
      </div>
    </fieldset>
  );
}

/** The Allies present at a meeting, chosen among the Allies as of the decision date. */
export function AlliesPresentPicker({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  date,
}: PickerProps & { date: string }) {
  const groupId = useId();
  const members = useMembers("NATO", date);
  const allies = (members.data?.members ?? []).filter((m) => m.role === "ally");
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={error ? "field checkbox-group form-grid__wide field--error" : "field checkbox-group form-grid__wide"}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
      {members.isPending ? <p className="muted">{t("state.loading")}</p> : null}
      {allies.length > 0 ? (
        <>
          <p className="button-row">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onChange(allies.map((a) => a.code))}
            >
              {t("decisions.new.allAllies", { count: allies.length })}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => onChange([])}>
              {t("decisions.new.noAllies")}
            </button>
          </p>
          <div className="checkbox-group__options decision-allies">
            {allies.map((a) => (
              <label key={a.code} className="checkbox" htmlFor={`${groupId}-${a.code}`}>
                <input
                  id={`${groupId}-${a.code}`}
                  type="checkbox"
                  checked={value.includes(a.code)}
                  onChange={(e) => toggle(a.code, e.target.checked)}
                />
                <span>{a.name}</span>
              </label>
            ))}
          </div>
          <p className="muted" aria-live="polite">
            {t("decisions.new.alliesChosen", { count: value.length, total: allies.length })}
          </p>
        </>
      ) : null}
    </fieldset>
  );
}
