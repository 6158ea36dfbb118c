import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { IterationDetail } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { activityKey, NOMINATIONS_KEY } from "./queries.ts";

/** Staff cancel one run of an activity, after confirming; the others go on. */
export function CancelIteration({ activityId, iteration }: { activityId: string; iteration: IterationDetail }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => activitiesApi.cancelIteration(iteration.id),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
      void queryClient.invalidateQueries({ queryKey: NOMINATIONS_KEY });
    },
  });
  if (iteration.status === "cancelled") return null;
  return (
    <div className="iteration__cancel">
      {confirming ? (
        <fieldset className="iteration__confirm">
          <legend>{t("iteration.cancelConfirmTitle", { code: iteration.code })}</legend>
          <p>{t("iteration.cancelConfirmText", { code: iteration.code })}</p>
          <p className="button-row">
            <button
              type="button"
              className="button button--danger button--small"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              {t("iteration.cancelConfirm", { code: iteration.code })}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setConfirming(false)}
            >
              {t("iteration.cancelKeep")}
            </button>
          </p>
        </fieldset>
      ) : (
        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
          {t("iteration.cancel", { code: iteration.code })}
        </button>
      )}
      {cancel.error ? (
        <p className="notice notice--warn" role="alert">
          {errorMessage(cancel.error)}
        </p>
      ) : null}
    </div>
  );
}
