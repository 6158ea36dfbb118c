import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { IterationInput } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { ACTIVITIES_KEY, activityKey } from "./queries.ts";

type InputField = "code" | "startDate" | "endDate" | "nominationDeadline" | "city" | "countryCode" | "seats";
type FieldName = InputField | "twoStep";

/** The inputs in the order the form shows them. */
const INPUTS: { field: InputField; label: MessageKey; type: "text" | "date"; hint?: MessageKey }[] = [
  { field: "code", label: "addIteration.code", type: "text", hint: "addIteration.codeHint" },
  { field: "startDate", label: "addIteration.startDate", type: "date" },
  { field: "endDate", label: "addIteration.endDate", type: "date" },
  { field: "nominationDeadline", label: "addIteration.deadline", type: "date" },
  { field: "city", label: "addIteration.city", type: "text" },
  { field: "countryCode", label: "addIteration.country", type: "text", hint: "addIteration.countryHint" },
  { field: "seats", label: "addIteration.seats", type: "text" },
];
const FIELDS: FieldName[] = [...INPUTS.map((i) => i.field), "twoStep"];
const toField = (f: string): FieldName | null => ((FIELDS as string[]).includes(f) ? (f as FieldName) : null);
const EMPTY: Record<InputField, string> = {
  code: "",
  startDate: "",
  endDate: "",
  nominationDeadline: "",
  city: "",
  countryCode: "",
  seats: "",
};

/** Staff add an iteration (dates, place, seats, deadline, one- or two-step review) to an activity. */
export function AddIterationForm({ activityId }: { activityId: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [twoStep, setTwoStep] = useState(false);
  const add = useMutation({
    mutationFn: (input: IterationInput) => activitiesApi.addIteration(activityId, input),
    onSuccess: () => {
      setValues(EMPTY);
      setTwoStep(false);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
      void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY });
    },
  });
  const { errors, edited } = useFieldErrors<FieldName>(add.error, toField);
  const general =
    add.error && Object.keys(fieldErrorsOf(add.error, toField)).length === 0 ? errorMessage(add.error) : undefined;
  const summary: SummaryItem[] = INPUTS.flatMap((i) => {
    const message = errors[i.field];
    return message ? [{ id: `${id}-${i.field}`, label: t(i.label), message }] : [];
  });

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t("addIteration.open")}
        </button>
        {add.isSuccess ? (
          <span role="status" className="notice--inline">
            {" "}
            {t("addIteration.done", { code: add.data.code })}
          </span>
        ) : null}
      </p>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({
      code: values.code.trim(),
      startDate: values.startDate,
      endDate: values.endDate,
      nominationDeadline: values.nominationDeadline,
      city: values.city.trim(),
      countryCode: values.countryCode.trim(),
      seats: Number(values.seats),
      twoStep,
    });
  };

  return (
    <form className="card form add-iteration" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t("addIteration.title")}
      </h3>
      <ErrorSummary items={summary} message={general} trigger={add.error} />
      <div className="form-grid">
        {INPUTS.map((i) => (
          <Field
            key={i.field}
            id={`${id}-${i.field}`}
            label={t(i.label)}
            hint={i.hint ? t(i.hint) : undefined}
            error={errors[i.field]}
          >
            {(control) => (
              <input
                {...control}
                type={i.type}
                inputMode={i.field === "seats" ? "numeric" : undefined}
                value={values[i.field]}
                onChange={(e) => {
                  setValues((all) => ({ ...all, [i.field]: e.target.value }));
                  edited(i.field);
                }}
                autoComplete="off"
              />
            )}
          </Field>
        ))}
        <div className="field form-grid__wide">
          <label className="checkbox" htmlFor={`${id}-two-step`}>
            <input
              id={`${id}-two-step`}
              type="checkbox"
              checked={twoStep}
              onChange={(e) => setTwoStep(e.target.checked)}
            />
            <span>{t("addIteration.twoStep")}</span>
          </label>
        </div>
      </div>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={add.isPending}>
          {t("addIteration.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}
