import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ActivityAction, ActivityDetail } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { actionName, nextActions, statusName } from "./labels.ts";
import { ACTIVITIES_KEY, activityKey } from "./queries.ts";

/** Staff: the lifecycle moves legal from the activity's state; the API's refusal (409) is shown as said. */
export function LifecycleControls({ activity }: { activity: ActivityDetail }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<ActivityAction | null>(null);
  const move = useMutation({
    mutationFn: (action: ActivityAction) => activitiesApi.transition(activity.id, action),
    onSettled: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: activityKey(activity.id) });
      void queryClient.invalidateQueries({ queryKey: ACTIVITIES_KEY });
    },
  });
  const actions = nextActions(activity.status);
  return (
    <section className="card lifecycle" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t("lifecycle.title")}</h2>
      <p>{t("lifecycle.current", { status: statusName(activity.status) })}</p>
      {actions.length === 0 ? (
        <p className="muted">{t("lifecycle.none")}</p>
      ) : (
        <div className="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === "cancel" ? "button button--danger-outline" : "button button--secondary"}
              disabled={move.isPending}
              onClick={() => (action === "cancel" ? setConfirming(action) : move.mutate(action))}
            >
              {actionName(action)}
            </button>
          ))}
        </div>
      )}
      <div role="status" className="lifecycle__status">
        {move.isSuccess ? t("lifecycle.done", { status: statusName(move.data.status) }) : ""}
      </div>
      {move.isError ? (
        <p className="notice notice--warn" role="alert">
          {errorMessage(move.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={t("lifecycle.cancelTitle", { reference: activity.reference })}
        confirmLabel={t("activityAction.cancel")}
        danger
        busy={move.isPending}
        onConfirm={() => confirming && move.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>{t("lifecycle.cancelText")}</p>
      </ConfirmDialog>
    </section>
  );
}
