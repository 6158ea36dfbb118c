import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TotpConfirmation, User } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { RecoveryCodes } from "../auth/RecoveryCodes.tsx";
import { roleName } from "../auth/roles.ts";
import { ME_KEY } from "../auth/session.ts";
import { TotpEnrolment } from "../auth/TotpEnrolment.tsx";
import { SessionsSection } from "./SessionsSection.tsx";
import { TokensSection } from "./TokensSection.tsx";

/** The logged-in user's own account: details, two-step verification, sessions and API tokens. */
export function ProfilePage() {
  useDocumentTitle(t("profile.title"));
  return <RequireAuth title={t("profile.title")}>{(user) => <Profile user={user} />}</RequireAuth>;
}

function Profile({ user }: { user: User }) {
  return (
    <>
      <PageHeader eyebrow={t("profile.eyebrow")} title={user.displayName} lead={t("profile.lead")} />
      <div className="profile-grid">
        <section className="card panel" aria-labelledby="profile-details">
          <h2 id="profile-details">{t("profile.details")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("profile.username")}</dt>
              <dd>
                <code>{user.username}</code>
              </dd>
            </div>
            <div>
              <dt>{t("profile.organisation")}</dt>
              <dd>
                {user.organisation.name}
                {user.organisation.nation ? <span className="table__sub">{user.organisation.nation}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t("profile.clearance")}</dt>
              <dd>{classificationName(user.clearance)}</dd>
            </div>
            <div>
              <dt>{t("profile.roles")}</dt>
              <dd className="inline-badges">
                {user.roles.map((r) => (
                  <span key={r} className="badge badge--muted">
                    {roleName(r)}
                  </span>
                ))}
              </dd>
            </div>
            <div>
              <dt>{t("profile.poc")}</dt>
              <dd>{user.isPointOfContact ? t("common.yes") : t("common.no")}</dd>
            </div>
            <div>
              <dt>{t("profile.since")}</dt>
              <dd>
                <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
              </dd>
            </div>
          </dl>
        </section>
        <TwoStepSection user={user} />
      </div>
      <SessionsSection />
      <TokensSection />
    </>
  );
}

function TwoStepSection({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"idle" | "confirming" | "enrolling">("idle");
  const [codes, setCodes] = useState<string[] | null>(null);
  const onConfirmed = (result: TotpConfirmation) => {
    queryClient.setQueryData(ME_KEY, { user: result.user, stage: "authenticated" });
    setCodes(result.recoveryCodes);
    setMode("idle");
  };
  return (
    <section className="card panel" aria-labelledby="profile-totp">
      <h2 id="profile-totp">{t("profile.totpTitle")}</h2>
      {codes ? (
        <RecoveryCodes codes={codes} doneLabel={t("recovery.done")} onDone={() => setCodes(null)} />
      ) : mode === "enrolling" ? (
        <TotpEnrolment
          headingLevel={3}
          onConfirmed={onConfirmed}
          onCancel={() => {
            setMode("idle");
            // Starting an enrolment replaced the old secret: the server now says whether a factor is on.
            void queryClient.invalidateQueries({ queryKey: ME_KEY });
          }}
        />
      ) : (
        <>
          <p className="status-line">
            {user.totpEnabled ? (
              <span className="badge badge--current">
                <Icon name="check" className="icon--small" /> {t("profile.totpOn")}
              </span>
            ) : (
              <span className="badge badge--uncertain">{t("profile.totpOff")}</span>
            )}
          </p>
          <p>{user.totpEnabled ? t("profile.totpOnText") : t("profile.totpOffText")}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => (user.totpEnabled ? setMode("confirming") : setMode("enrolling"))}
          >
            <Icon name="key" />
            {user.totpEnabled ? t("profile.totpReenrol") : t("profile.totpEnrol")}
          </button>
          <ConfirmDialog
            open={mode === "confirming"}
            title={t("profile.reenrolTitle")}
            confirmLabel={t("profile.reenrolConfirm")}
            onConfirm={() => setMode("enrolling")}
            onCancel={() => setMode("idle")}
          >
            <p>{t("profile.reenrolWarning")}</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
