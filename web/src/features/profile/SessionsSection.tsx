import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client.ts";
import type { Session } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { navigate } from "../../router/router.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { DataTable, ErrorState, errorMessage, ListState } from "../../ui/States.tsx";
import { switchUser } from "../auth/session.ts";
import { SESSIONS_KEY, useSessions } from "./queries.ts";

/** A short description of the browser from its user agent ("Chrome on Linux"). */
export function describeAgent(ua: string | null): string {
  if (!ua) return t("sessions.unknownAgent");
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : /curl\//.test(ua)
            ? "curl"
            : null;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Mac OS X/.test(ua)
      ? "macOS"
      : /Android/.test(ua)
        ? "Android"
        : /iPhone|iPad/.test(ua)
          ? "iOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (browser && os) return t("sessions.agent", { browser, os });
  return browser ?? ua.slice(0, 60);
}

export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useSessions();
  const [ending, setEnding] = useState<Session | null>(null);
  const end = useMutation({
    mutationFn: (id: string) => api.endSession(id),
    onSettled: async () => {
      setEnding(null);
      // Ending the session this page runs in logs the user out.
      const me = await api.me();
      if (me.stage === "authenticated") {
        await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
        return;
      }
      switchUser(queryClient, me);
      navigate("/login?loggedOut=1");
    },
  });
  const list = sessions.data?.sessions ?? [];
  return (
    <section className="section" aria-labelledby="profile-sessions">
      <div className="section__head">
        <h2 id="profile-sessions">{t("sessions.title")}</h2>
      </div>
      <p className="section-lead">{t("sessions.lead")}</p>
      {end.isError ? <ErrorState error={end.error} /> : null}
      <ListState query={sessions} isEmpty={list.length === 0} empty={t("sessions.empty")}>
        <DataTable
          caption={t("sessions.title")}
          columns={[
            t("sessions.col.device"),
            t("sessions.col.started"),
            t("sessions.col.lastSeen"),
            t("sessions.col.expires"),
          ]}
          actions
        >
          {list.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {describeAgent(s.userAgent)}
                {s.current ? <span className="badge badge--current badge--inline">{t("sessions.this")}</span> : null}
                <span className="table__sub">
                  <code>{s.id}</code>
                </span>
              </th>
              <td>
                <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
              </td>
              <td>
                <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt)}</time>
              </td>
              <td>
                <time dateTime={s.expiresAt}>{formatDateTime(s.expiresAt)}</time>
              </td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setEnding(s)}
                  aria-label={t("sessions.endAria", { device: describeAgent(s.userAgent), id: s.id })}
                >
                  {t("sessions.end")}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
      <ConfirmDialog
        open={ending !== null}
        title={t("sessions.confirmTitle")}
        confirmLabel={t("sessions.end")}
        danger
        busy={end.isPending}
        onConfirm={() => ending && end.mutate(ending.id)}
        onCancel={() => setEnding(null)}
      >
        <p>
          {t("sessions.confirmText", {
            device: ending ? describeAgent(ending.userAgent) : "",
            started: ending ? formatDateTime(ending.createdAt) : "",
          })}
        </p>
        {end.isError ? <p className="field__error">{errorMessage(end.error)}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
