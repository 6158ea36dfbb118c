import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { NominationView } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { activityKey, NOMINATIONS_KEY } from "./queries.ts";

const OPEN = new Set<NominationView["status"]>(["confirmed", "waitlisted", "pending-owner"]);

type Props = {
  nomination: Pick<NominationView, "id" | "name" | "status">;
  activityId: string;
  /** Owners and staff accept or decline a nomination awaiting their decision. */
  canReview: boolean;
  /** Withdrawing is offered for a nomination still open (and, on "Nominations", before the start). */
  canWithdraw: boolean;
  /** More actions for the same row (e.g. "Give feedback"). */
  children?: ReactNode;
};

/**
 * A nomination row's actions: accept/decline for reviewers, withdraw (confirmed first). The
 * API's refusal is shown in the row; every list and the activity's seat count are refreshed.
 */
export function NominationActions({ nomination: n, activityId, canReview, canWithdraw, children }: Props) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: NOMINATIONS_KEY });
    void queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
  };
  const decide = useMutation({
    mutationFn: (answer: "accept" | "decline") => activitiesApi.decide(n.id, answer),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: () => activitiesApi.withdraw(n.id),
    onSettled: () => {
      setConfirming(false);
      refresh();
    },
  });
  const failure = decide.error ?? withdraw.error;
  const who = <span className="visually-hidden"> {n.name}</span>;
  return (
    <>
      <span className="button-row">
        {canReview && n.status === "pending-owner" ? (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={decide.isPending}
              onClick={() => decide.mutate("accept")}
            >
              {t("nominations.accept")}
              {who}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={decide.isPending}
              onClick={() => decide.mutate("decline")}
            >
              {t("nominations.decline")}
              {who}
            </button>
          </>
        ) : null}
        {children}
        {canWithdraw && OPEN.has(n.status) ? (
          <button
            type="button"
            className="button button--danger-outline button--small"
            onClick={() => setConfirming(true)}
          >
            {t("nominations.withdraw")}
            {who}
          </button>
        ) : null}
      </span>
      {failure ? (
        <span className="field__error nomination-actions__error" role="alert">
          {errorMessage(failure)}
        </span>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t("nominations.withdrawTitle", { name: n.name })}
        confirmLabel={t("nominations.withdraw")}
        danger
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t("nominations.withdrawText")}</p>
      </ConfirmDialog>
    </>
  );
}
