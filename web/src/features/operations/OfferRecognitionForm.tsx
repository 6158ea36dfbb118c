import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { operationsApi } from "./api.ts";
import { DoneNotice, topField } from "./form-bits.tsx";
import { NationSelect } from "./NationSelect.tsx";
import { useInvalidateOperations } from "./queries.ts";
import type { OfferRecognitionInput, Recognition } from "./types.ts";

type FieldName = "nation" | "offer" | "offeredOn";
const FIELDS: FieldName[] = ["nation", "offer", "offeredOn"];
const toField = (f: string): FieldName | null => {
  const top = topField(f);
  return (FIELDS as string[]).includes(top) ? (top as FieldName) : null;
};

/** Record a partner's offer to contribute (staff name the nation; a partner offers for its own). */
export function OfferRecognitionForm({ operation, askNation }: { operation: string; askNation: boolean }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const [values, setValues] = useState<Record<FieldName, string>>({ nation: "", offer: "", offeredOn: todayIso() });
  const [done, setDone] = useState<Recognition | null>(null);
  const offer = useMutation({
    mutationFn: (input: OfferRecognitionInput) => operationsApi.offerRecognition(input),
    onSuccess: (r) => {
      setDone(r);
      setValues((v) => ({ ...v, nation: "", offer: "" }));
      void invalidate();
    },
  });
  const server = useFieldErrors<FieldName>(offer.error, toField);
  const errors = server.errors;
  const general =
    offer.error && Object.keys(fieldErrorsOf(offer.error, toField)).length === 0
      ? errorMessage(offer.error)
      : undefined;
  const ids: Record<FieldName, string> = { nation: `${id}-nation`, offer: `${id}-offer`, offeredOn: `${id}-on` };
  const labels: Record<FieldName, string> = {
    nation: t("operations.form.nation"),
    offer: t("operations.offerForm.offer"),
    offeredOn: t("operations.offerForm.offeredOn"),
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
    offer.mutate({
      operation,
      ...(askNation ? { nation: values.nation } : {}),
      offer: values.offer,
      ...(values.offeredOn ? { offeredOn: values.offeredOn } : {}),
    });
  };
  return (
    <form className="card form ops-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t("operations.offerForm.title")}
      </h3>
      <p className="section-lead">{t("operations.offerForm.lead")}</p>
      {done ? (
        <DoneNotice>
          {t("operations.offerForm.done", { nation: done.nation.name })}{" "}
          <Link to={`/recognitions/${encodeURIComponent(done.id)}`}>{t("operations.offerForm.openCase")}</Link>
        </DoneNotice>
      ) : null}
      <ErrorSummary items={summary} message={general} trigger={offer.error} />
      <div className="form-grid">
        {askNation ? (
          <Field id={ids.nation} label={labels.nation} error={errors.nation}>
            {(control) => <NationSelect control={control} value={values.nation} onChange={(v) => set("nation", v)} />}
          </Field>
        ) : null}
        <Field id={ids.offeredOn} label={labels.offeredOn} error={errors.offeredOn}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={values.offeredOn}
              onChange={(e) => set("offeredOn", e.target.value)}
            />
          )}
        </Field>
        <Field id={ids.offer} label={labels.offer} error={errors.offer} className="form-grid__wide">
          {(control) => (
            <textarea {...control} rows={3} value={values.offer} onChange={(e) => set("offer", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={offer.isPending}>
          {offer.isPending ? t("operations.form.saving") : t("operations.offerForm.submit")}
        </button>
      </div>
    </form>
  );
}
