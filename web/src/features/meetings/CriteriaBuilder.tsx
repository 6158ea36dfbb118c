import { useId } from "react";
import { useFrameworks, useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import { areaName } from "../activities/labels.ts";
import { CRITERION_KINDS, criterionKindName } from "./labels.tsx";
import { useAreas, useOperationsList } from "./queries.ts";
import type { CriterionKind } from "./types.ts";

export type CriterionRow = { key: number; kind: CriterionKind; value: string };
type Option = { value: string; label: string; group?: string };

/** The values each kind of criterion can take, from the lists the API already serves. */
export function useCriterionOptions(date: string): Record<CriterionKind, Option[]> {
  const frameworks = useFrameworks(date);
  const operations = useOperationsList();
  const nations = useNations();
  const areas = useAreas().data?.areas ?? [];
  return {
    framework: (frameworks.data?.frameworks ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.code})` })),
    contributors: (operations.data?.operations ?? []).map((o) => ({ value: o.code, label: `${o.name} (${o.code})` })),
    area: areas.map((a) => ({ value: a.code, label: areaName(a.code) })),
    nation: [...(nations.data?.nations ?? [])]
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "organisation" ? -1 : 1))
      .map((n) => ({
        value: n.code,
        label: n.name,
        group: n.kind === "organisation" ? t("meetings.criteria.organisations") : t("meetings.criteria.states"),
      })),
  };
}

function OptionList({ options }: { options: Option[] }) {
  const groups = [...new Set(options.map((o) => o.group ?? ""))];
  if (groups.length <= 1) {
    return (
      <>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </>
    );
  }
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g} label={g}>
          {options
            .filter((o) => (o.group ?? "") === g)
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

type Props = {
  rows: CriterionRow[];
  onChange: (rows: CriterionRow[]) => void;
  date: string;
  disabled?: boolean;
  error?: string | undefined;
  errorId: string;
};

/** Rows of "kind + value": who is invited besides the Allies, resolved as of the meeting date. */
export function CriteriaBuilder({ rows, onChange, date, disabled, error, errorId }: Props) {
  const id = useId();
  const options = useCriterionOptions(date);
  const set = (key: number, change: Partial<CriterionRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = () => onChange([...rows, { key: Date.now() + rows.length, kind: "framework", value: "" }]);
  return (
    <fieldset
      className={error ? "criteria-builder field--error" : "criteria-builder"}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{t("meetings.criteria.legend")}</legend>
      <p className="field__hint">{t("meetings.criteria.hint")}</p>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">{t("meetings.criteria.none")}</p> : null}
      <ol className="criteria-builder__rows">
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={row.key} className="criteria-builder__row">
              <div className="field">
                <label htmlFor={`${id}-${row.key}-kind`}>{t("meetings.criteria.kind", { n })}</label>
                <select
                  id={`${id}-${row.key}-kind`}
                  value={row.kind}
                  disabled={disabled}
                  onChange={(e) => set(row.key, { kind: e.target.value as CriterionKind, value: "" })}
                >
                  {CRITERION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {criterionKindName(k)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${row.key}-value`}>{t("meetings.criteria.value", { n })}</label>
                <select
                  id={`${id}-${row.key}-value`}
                  value={row.value}
                  disabled={disabled}
                  onChange={(e) => set(row.key, { value: e.target.value })}
                >
                  <option value="">{t("meetings.criteria.choose")}</option>
                  <OptionList options={options[row.kind]} />
                </select>
              </div>
              <button
                type="button"
                className="button button--secondary button--small criteria-builder__remove"
                disabled={disabled}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                {t("meetings.criteria.remove", { n })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" onClick={add} disabled={disabled}>
        {t("meetings.criteria.add")}
      </button>
    </fieldset>
  );
}
