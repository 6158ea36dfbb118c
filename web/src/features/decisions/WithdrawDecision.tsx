import { useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import type { useWithdrawDecision } from "./queries.ts";
import type { Decision } from "./types.ts";

/** Staff withdraw a proposal before it is decided; confirmed first, since it cannot be undone. */
export function WithdrawDecision({
  decision,
  withdraw,
}: {
  decision: Decision;
  /** Owned by the page, so that a refusal stays on screen after this section goes away. */
  withdraw: ReturnType<typeof useWithdrawDecision>;
}) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card decision-withdraw" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("decisions.withdraw.title")}</h2>
      <p className="section-lead">{t("decisions.withdraw.lead")}</p>
      <button
        type="button"
        className="button button--danger-outline"
        onClick={() => {
          withdraw.reset();
          setConfirming(true);
        }}
      >
        {t("decisions.withdraw.action")}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t("decisions.withdraw.confirmTitle", { reference: decision.reference })}
        confirmLabel={t("decisions.withdraw.confirm")}
        danger
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate(undefined, { onSettled: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>{t("decisions.withdraw.confirmBody")}</p>
      </ConfirmDialog>
    </section>
  );
}
