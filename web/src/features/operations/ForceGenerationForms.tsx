import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { operationsApi } from "./api.ts";
import { DoneNotice, topField } from "./form-bits.tsx";
import { offerActionName } from "./labels.ts";
import { NationSelect } from "./NationSelect.tsx";
import { useInvalidateOperations } from "./queries.ts";
import type { ForceOffer, ForceOfferAction, RequirementInput, RequirementLine } from "./types.ts";

function pick<F extends string>(fields: readonly F[]) {
  return (f: string): F | null => {
    const top = topField(f);
    return (fields as readonly string[]).includes(top) ? (top as F) : null;
  };
}

type OfferField = "nation" | "quantity" | "note";
const OFFER_FIELDS: OfferField[] = ["nation", "quantity", "note"];

/** Offer forces against one line (a nation for itself; staff record an offer for a nation). */
export function ForceOfferForm({ line, askNation }: { line: RequirementLine; askNation: boolean }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const [values, setValues] = useState<Record<OfferField, string>>({ nation: "", quantity: "", note: "" });
  const [done, setDone] = useState<ForceOffer | null>(null);
  const offer = useMutation({
    mutationFn: () =>
      operationsApi.offerForces({
        requirementId: line.id,
        ...(askNation && values.nation ? { nation: values.nation } : {}),
        quantity: values.quantity.trim() === "" ? 0 : Number(values.quantity),
        note: values.note,
      }),
    onSuccess: (o) => {
      setDone(o);
      setValues({ nation: "", quantity: "", note: "" });
      void invalidate();
    },
  });
  const toField = pick(OFFER_FIELDS);
  const server = useFieldErrors<OfferField>(offer.error, toField);
  const general =
    offer.error && Object.keys(fieldErrorsOf(offer.error, toField)).length === 0
      ? errorMessage(offer.error)
      : undefined;
  const ids: Record<OfferField, string> = { nation: `${id}-nation`, quantity: `${id}-qty`, note: `${id}-note` };
  const labels: Record<OfferField, string> = {
    nation: t("operations.form.nation"),
    quantity: t("operations.offerForces.quantity", { unit: line.unit }),
    note: t("operations.form.note"),
  };
  const summary: SummaryItem[] = OFFER_FIELDS.flatMap((f) => {
    const message = server.errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });
  const set = (f: OfferField, v: string) => {
    setValues((all) => ({ ...all, [f]: v }));
    server.edited(f);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    offer.mutate();
  };
  return (
    <form className="card form ops-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t("operations.offerForces.title", { n: line.lineNumber })}
      </h3>
      {done ? (
        <DoneNotice>
          {t("operations.offerForces.done", { quantity: done.quantity, nation: done.nation.name })}
        </DoneNotice>
      ) : null}
      <ErrorSummary items={summary} message={general} trigger={offer.error} />
      <div className="form-grid">
        {askNation ? (
          <Field id={ids.nation} label={labels.nation} error={server.errors.nation}>
            {(control) => <NationSelect control={control} value={values.nation} onChange={(v) => set("nation", v)} />}
          </Field>
        ) : null}
        <Field
          id={ids.quantity}
          label={labels.quantity}
          hint={t("operations.offerForces.hint", { gap: line.gap })}
          error={server.errors.quantity}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={line.gap}
              className="input--short"
              value={values.quantity}
              onChange={(e) => set("quantity", e.target.value)}
            />
          )}
        </Field>
        <Field id={ids.note} label={labels.note} error={server.errors.note} className="form-grid__wide">
          {(control) => (
            <textarea {...control} rows={2} value={values.note} onChange={(e) => set("note", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={offer.isPending}>
          {offer.isPending ? t("operations.form.saving") : t("operations.offerForces.submit")}
        </button>
      </div>
    </form>
  );
}

/** The actions the API says the viewer may take on an offer; each is irreversible, so each is confirmed. */
export function OfferActions({ offer, line }: { offer: ForceOffer; line: RequirementLine }) {
  const invalidate = useInvalidateOperations();
  const [pending, setPending] = useState<ForceOfferAction | null>(null);
  const act = useMutation({
    mutationFn: (action: ForceOfferAction) => operationsApi.actOnForceOffer(offer.id, { action }),
    onSuccess: () => {
      setPending(null);
      void invalidate();
    },
    onError: () => setPending(null),
  });
  if (offer.actions.length === 0) return null;
  return (
    <div className="button-row">
      {offer.actions.map((a) => (
        <button
          key={a}
          type="button"
          className={a === "accept" ? "button button--small" : "button button--secondary button--small"}
          onClick={() => setPending(a)}
          disabled={act.isPending}
        >
          {offerActionName(a)}
          <span className="visually-hidden">
            {" "}
            {t("operations.offerAction.of", { nation: offer.nation.name, n: line.lineNumber })}
          </span>
        </button>
      ))}
      {act.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(act.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t("operations.offerAction.confirmTitle", { action: offerActionName(pending) }) : ""}
        confirmLabel={pending ? offerActionName(pending) : ""}
        danger={pending !== "accept"}
        busy={act.isPending}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <p>
          {t("operations.offerAction.confirmText", {
            nation: offer.nation.name,
            quantity: offer.quantity,
            unit: line.unit,
            n: line.lineNumber,
          })}
        </p>
      </ConfirmDialog>
    </div>
  );
}

type LineField = "lineNumber" | "capability" | "quantity" | "unit" | "periodStart" | "periodEnd" | "location";
const LINE_FIELDS: LineField[] = [
  "lineNumber",
  "capability",
  "quantity",
  "unit",
  "periodStart",
  "periodEnd",
  "location",
];

/** Staff add a line to the operation's statement of requirements. */
export function RequirementForm({ operation }: { operation: string }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const empty: Record<LineField, string> = {
    lineNumber: "",
    capability: "",
    quantity: "",
    unit: "personnel",
    periodStart: "",
    periodEnd: "",
    location: "",
  };
  const [values, setValues] = useState(empty);
  const [done, setDone] = useState<RequirementLine | null>(null);
  const create = useMutation({
    mutationFn: (input: RequirementInput) => operationsApi.createRequirement(input),
    onSuccess: (l) => {
      setDone(l);
      setValues(empty);
      void invalidate();
    },
  });
  const toField = pick(LINE_FIELDS);
  const server = useFieldErrors<LineField>(create.error, toField);
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const ids = Object.fromEntries(LINE_FIELDS.map((f) => [f, `${id}-${f}`])) as Record<LineField, string>;
  const labels: Record<LineField, string> = {
    lineNumber: t("operations.lineForm.lineNumber"),
    capability: t("operations.col.capability"),
    quantity: t("operations.col.quantity"),
    unit: t("operations.lineForm.unit"),
    periodStart: t("operations.lineForm.periodStart"),
    periodEnd: t("operations.lineForm.periodEnd"),
    location: t("operations.col.location"),
  };
  const summary: SummaryItem[] = LINE_FIELDS.flatMap((f) => {
    const message = server.errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });
  const set = (f: LineField, v: string) => {
    setValues((all) => ({ ...all, [f]: v }));
    server.edited(f);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate({
      operation,
      ...(values.lineNumber.trim() ? { lineNumber: Number(values.lineNumber) } : {}),
      capability: values.capability,
      quantity: values.quantity.trim() === "" ? 0 : Number(values.quantity),
      unit: values.unit,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      location: values.location,
    });
  };
  const input = (f: LineField, type: string, extra: { className?: string; hint?: string } = {}) => (
    <Field id={ids[f]} label={labels[f]} hint={extra.hint} error={server.errors[f]}>
      {(control) => (
        <input
          {...control}
          type={type}
          className={extra.className}
          value={values[f]}
          onChange={(e) => set(f, e.target.value)}
          autoComplete="off"
        />
      )}
    </Field>
  );
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <form className="card form ops-form" onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`} className="form__title">
          {t("operations.lineForm.title")}
        </h2>
        {done ? (
          <DoneNotice>{t("operations.lineForm.done", { n: done.lineNumber, capability: done.capability })}</DoneNotice>
        ) : null}
        <ErrorSummary items={summary} message={general} trigger={create.error} />
        <div className="form-grid">
          {input("capability", "text")}
          {input("quantity", "number", { className: "input--short" })}
          {input("unit", "text")}
          {input("location", "text")}
          {input("periodStart", "date")}
          {input("periodEnd", "date")}
          {input("lineNumber", "number", { className: "input--short", hint: t("operations.lineForm.lineNumberHint") })}
        </div>
        <div className="form__actions form__actions--row">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("operations.form.saving") : t("operations.lineForm.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
