import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { FieldErrorText } from "../../ui/Field.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import type { useBreakSilence } from "./queries.ts";
import type { Decision } from "./types.ts";

/** Where the open procedures list sends a delegation that wants to object. */
export const BREAK_SILENCE_ANCHOR = "break-silence";

/**
 * An Ally's formal objection: the reason first, then a confirmation, because it ends the
 * procedure at once and cannot be undone.
 */
export function BreakSilenceForm({
  decision,
  nation,
  objection,
}: {
  decision: Decision;
  nation: string | null;
  /** Owned by the page, so that a refusal stays on screen after the form goes away. */
  objection: ReturnType<typeof useBreakSilence>;
}) {
  const id = useId();
  const nationName = useNationName();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  // Arriving from "Break silence" in the list: bring the form into view, ready to type.
  useEffect(() => {
    if (window.location.hash !== `#${BREAK_SILENCE_ANCHOR}`) return;
    reasonRef.current?.scrollIntoView({ block: "center" });
    reasonRef.current?.focus({ preventScroll: true });
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    objection.reset();
    setConfirming(true);
  };

  const onConfirm = () => {
    objection.mutate(reason.trim(), { onSettled: () => setConfirming(false) });
  };

  const errorId = `${id}-reason-error`;
  const hintId = `${id}-reason-hint`;
  const who = nation ? nationName(nation) : "";
  return (
    <section className="card break-silence" id={BREAK_SILENCE_ANCHOR} aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{t("decisions.break.title")}</h2>
      <p className="section-lead">{t("decisions.break.lead", { nation: who })}</p>
      <form onSubmit={onSubmit} noValidate className="form">
        <div className={missing ? "field field--error" : "field"}>
          <label htmlFor={`${id}-reason`}>{t("decisions.break.reason")}</label>
          <p className="field__hint" id={hintId}>
            {t("decisions.break.reasonHint")}
          </p>
          {missing ? <FieldErrorText id={errorId} message={t("decisions.break.reasonRequired")} /> : null}
          <textarea
            id={`${id}-reason`}
            ref={reasonRef}
            rows={5}
            maxLength={4000}
            value={reason}
            required
            aria-required="true"
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${hintId} ${errorId}` : hintId}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--danger">
            {t("decisions.break.submit")}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t("decisions.break.confirmTitle", { reference: decision.reference, nation: who })}
        confirmLabel={objection.isPending ? t("decisions.break.sending") : t("decisions.break.confirm")}
        danger
        busy={objection.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirming(false)}
      >
        <p>{t("decisions.break.confirmBody")}</p>
        <blockquote className="decision-outcome__reason">
          <p>{reason.trim()}</p>
        </blockquote>
      </ConfirmDialog>
    </section>
  );
}
