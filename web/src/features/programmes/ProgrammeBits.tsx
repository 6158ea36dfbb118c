import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type MessageKey, t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { programmesApi } from "./api.ts";
import { CONFIRMED_ACTIONS, programmeActionName, programmeStatusName, WORKFLOW_STEPS } from "./labels.ts";
import { PROGRAMMES_KEY, programmeKey } from "./queries.ts";
import type { Programme, ProgrammeAction, ProgrammeStatus } from "./types.ts";

/** The status in words (the colour only repeats them). */
export function StatusBadge({ status }: { status: ProgrammeStatus }) {
  return <span className={`badge programme-status programme-status--${status}`}>{programmeStatusName(status)}</span>;
}

/** The workflow as a progress line: steps passed, the current one (aria-current="step"), steps to come. */
export function WorkflowSteps({ status }: { status: ProgrammeStatus }) {
  const current = WORKFLOW_STEPS.indexOf(status);
  // Withdrawn and superseded leave the main line: it is shown with none current and a note.
  return (
    <div className="programme-steps">
      <h2 className="visually-hidden">{t("programme.workflow")}</h2>
      <ol>
        {WORKFLOW_STEPS.map((step, i) => {
          const state = current < 0 ? "todo" : i < current ? "done" : i === current ? "current" : "todo";
          return (
            <li
              key={step}
              className={`programme-steps__step programme-steps__step--${state}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span className="programme-steps__marker" aria-hidden="true">
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className="programme-steps__name">{programmeStatusName(step)}</span>
              {state === "done" ? <span className="visually-hidden"> {t("programme.stepDone")}</span> : null}
              {state === "current" ? <span className="visually-hidden"> {t("programme.stepCurrent")}</span> : null}
            </li>
          );
        })}
      </ol>
      {current < 0 ? (
        <p className="programme-steps__aside">{t("programme.offLine", { status: programmeStatusName(status) })}</p>
      ) : null}
    </div>
  );
}

const CONFIRM_TEXT: Partial<Record<ProgrammeAction, MessageKey>> = {
  submit: "programmeConfirm.submit",
  withdraw: "programmeConfirm.withdraw",
  accept: "programmeConfirm.accept",
  "enter-into-force": "programmeConfirm.enterIntoForce",
};

/** Exactly the actions the API allows now; some are confirmed first; a refusal (409) is shown as said. */
export function ProgrammeActions({ programme }: { programme: Programme }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<ProgrammeAction | null>(null);
  const act = useMutation({
    mutationFn: (action: ProgrammeAction) => programmesApi.act(programme.id, action),
    onSettled: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: programmeKey(programme.id) });
      void queryClient.invalidateQueries({ queryKey: PROGRAMMES_KEY });
    },
  });
  const actions = programme.allowedActions;
  const confirmKey = confirming ? CONFIRM_TEXT[confirming] : undefined;
  return (
    <section className="card programme-actions" aria-labelledby="programme-actions-title">
      <h2 id="programme-actions-title">{t("programme.actions")}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t("programme.noActions")}</p>
      ) : (
        <div className="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === "withdraw" ? "button button--danger-outline" : "button"}
              disabled={act.isPending}
              onClick={() => {
                act.reset();
                if (CONFIRMED_ACTIONS.includes(action)) setConfirming(action);
                else act.mutate(action);
              }}
            >
              {programmeActionName(action)}
            </button>
          ))}
        </div>
      )}
      <div role="status" className="lifecycle__status">
        {act.isSuccess ? t("programme.moved", { status: programmeStatusName(act.data.status) }) : ""}
      </div>
      {act.isError ? (
        <p className="notice notice--warn" role="alert">
          {errorMessage(act.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t("programmeConfirm.title", { action: programmeActionName(confirming) }) : ""}
        confirmLabel={confirming ? programmeActionName(confirming) : ""}
        danger={confirming === "withdraw"}
        busy={act.isPending}
        onConfirm={() => confirming && act.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>{t("programmeConfirm.what", { title: programme.title })}</p>
        {confirmKey ? <p>{t(confirmKey)}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
