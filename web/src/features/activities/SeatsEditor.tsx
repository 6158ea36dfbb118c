import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { IterationDetail } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Field, fieldErrorsOf } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { activityKey, NOMINATIONS_KEY } from "./queries.ts";

/** Staff change an iteration's seats; more seats promote people from the waitlist. */
export function SeatsEditor({ activityId, iteration }: { activityId: string; iteration: IterationDetail }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [seats, setSeats] = useState(String(iteration.seats));
  const change = useMutation({
    mutationFn: (value: number) => activitiesApi.changeSeats(iteration.id, value),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
      void queryClient.invalidateQueries({ queryKey: NOMINATIONS_KEY });
    },
  });
  const fieldError = fieldErrorsOf(change.error, (f) => (f === "seats" ? "seats" : null)).seats;
  const general = change.error && !fieldError ? errorMessage(change.error) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(Number(seats));
  };
  return (
    <form className="seats-editor" onSubmit={onSubmit} noValidate>
      <Field
        id={`${id}-seats`}
        label={t("seatsEditor.label", { code: iteration.code })}
        hint={t("seatsEditor.hint", { confirmed: iteration.confirmedCount })}
        error={fieldError}
      >
        {(control) => (
          <span className="seats-editor__row">
            <input
              {...control}
              type="text"
              inputMode="numeric"
              className="input--short"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
            />
            <button type="submit" className="button button--secondary button--small" disabled={change.isPending}>
              {t("seatsEditor.submit")}
            </button>
          </span>
        )}
      </Field>
      <p role="status" className="seats-editor__status">
        {change.isSuccess
          ? t("seatsEditor.done", { seats: change.data.seats, count: change.data.promoted.length })
          : ""}
      </p>
      {general ? (
        <p className="notice notice--warn" role="alert">
          {general}
        </p>
      ) : null}
    </form>
  );
}
