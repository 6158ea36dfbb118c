import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { operationsApi } from "./api.ts";
import { DoneNotice, topField } from "./form-bits.tsx";
import { CONTRIBUTION_KINDS, kindName } from "./labels.ts";
import { NationSelect } from "./NationSelect.tsx";
import { useInvalidateOperations } from "./queries.ts";
import type { Contribution, ContributionInput, ContributionKind } from "./types.ts";

type FieldName = "nation" | "kind" | "asOf" | "troops" | "amount" | "currency" | "description" | "cite";
const FIELDS: FieldName[] = ["nation", "kind", "asOf", "troops", "amount", "currency", "description", "cite"];
const toField = (f: string): FieldName | null => {
  const top = topField(f);
  return (FIELDS as string[]).includes(top) ? (top as FieldName) : null;
};

/** Staff record a contribution to the operation: a troop snapshot or another kind. */
export function ContributionForm({ operation }: { operation: string }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const [values, setValues] = useState<Record<FieldName, string>>({
    nation: "",
    kind: "troops",
    asOf: todayIso(),
    troops: "",
    amount: "",
    currency: "",
    description: "",
    cite: "",
  });
  const [done, setDone] = useState<Contribution | null>(null);
  const record = useMutation({
    mutationFn: (input: ContributionInput) => operationsApi.recordContribution(input),
    onSuccess: (c) => {
      setDone(c);
      setValues((v) => ({ ...v, troops: "", amount: "", description: "" }));
      void invalidate();
    },
  });
  const server = useFieldErrors<FieldName>(record.error, toField);
  const errors = server.errors;
  const general =
    record.error && Object.keys(fieldErrorsOf(record.error, toField)).length === 0
      ? errorMessage(record.error)
      : undefined;
  const kind = values.kind as ContributionKind;
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${id}-${f}`])) as Record<FieldName, string>;
  const labels: Record<FieldName, string> = {
    nation: t("operations.form.nation"),
    kind: t("operations.form.kind"),
    asOf: kind === "troops" ? t("operations.form.snapshotDate") : t("operations.form.date"),
    troops: t("operations.form.troops"),
    amount: t("operations.form.amount"),
    currency: t("operations.form.currency"),
    description: t("operations.form.description"),
    cite: t("operations.form.cite"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });
  const set = (f: FieldName, v: string) => {
    setValues((all) => ({ ...all, [f]: v }));
    server.edited(f);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    record.mutate({
      operation,
      nation: values.nation,
      kind,
      asOf: values.asOf,
      ...(kind === "troops" && values.troops.trim() ? { troops: Number(values.troops) } : {}),
      ...(kind !== "troops" && values.amount.trim() ? { amount: Number(values.amount) } : {}),
      ...(kind !== "troops" && values.currency.trim() ? { currency: values.currency.trim() } : {}),
      description: values.description,
      ...(values.cite.trim() ? { cite: values.cite.trim() } : {}),
    });
  };

  const text = (f: FieldName, extra: { type?: string; className?: string; maxLength?: number } = {}) => (
    <Field id={ids[f]} label={labels[f]} error={errors[f]}>
      {(control) => (
        <input
          {...control}
          type={extra.type ?? "text"}
          className={extra.className}
          maxLength={extra.maxLength}
          value={values[f]}
          onChange={(e) => set(f, e.target.value)}
          autoComplete="off"
        />
      )}
    </Field>
  );

  return (
    <form className="card form ops-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t("operations.contributionForm.title")}
      </h3>
      {done ? (
        <DoneNotice>
          {t("operations.contributionForm.done", { nation: done.nation.name, kind: kindName(done.kind) })}
        </DoneNotice>
      ) : null}
      <ErrorSummary items={summary} message={general} trigger={record.error} />
      <div className="form-grid">
        <Field id={ids.nation} label={labels.nation} error={errors.nation}>
          {(control) => <NationSelect control={control} value={values.nation} onChange={(v) => set("nation", v)} />}
        </Field>
        <Field id={ids.kind} label={labels.kind} error={errors.kind}>
          {(control) => (
            <select {...control} value={values.kind} onChange={(e) => set("kind", e.target.value)}>
              {CONTRIBUTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindName(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("asOf", { type: "date" })}
        {kind === "troops" ? text("troops", { type: "number", className: "input--short" }) : null}
        {kind !== "troops" ? text("amount", { type: "number" }) : null}
        {kind !== "troops" ? text("currency", { className: "input--code input--short", maxLength: 3 }) : null}
        <Field id={ids.description} label={labels.description} error={errors.description} className="form-grid__wide">
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
            />
          )}
        </Field>
        {text("cite")}
      </div>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? t("operations.form.saving") : t("operations.contributionForm.submit")}
        </button>
      </div>
    </form>
  );
}
