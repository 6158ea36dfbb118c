import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { DataTable, errorMessage, ListState } from "../../ui/States.tsx";
import { roleName } from "../auth/roles.ts";
import { generatePassword } from "./password.ts";
import { USERS_KEY, useUsers } from "./queries.ts";

type Pending = { kind: "disable" | "reset"; user: User };

export function UsersSection({ me }: { me: User }) {
  const queryClient = useQueryClient();
  const users = useUsers();
  const [pending, setPending] = useState<Pending | null>(null);
  const [reset, setReset] = useState<{ user: User; password: string } | null>(null);
  const resultRef = useRef<HTMLElement>(null);

  const disable = useMutation({
    mutationFn: (u: User) => api.disableUser(u.id),
    onSuccess: () => {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const resetPassword = useMutation({
    mutationFn: async (u: User) => {
      const password = generatePassword();
      await api.resetPassword(u.id, password);
      return { user: u, password };
    },
    onSuccess: (result) => {
      setPending(null);
      setReset(result);
    },
  });
  useEffect(() => {
    if (reset) resultRef.current?.focus();
  }, [reset]);

  const active = pending?.kind === "disable" ? disable : resetPassword;
  const list = users.data?.users ?? [];

  return (
    <section className="section" aria-labelledby="admin-users">
      <div className="section__head">
        <h2 id="admin-users">{t("admin.usersTitle")}</h2>
        {users.data ? <p className="muted">{t("admin.usersCount", { count: list.length })}</p> : null}
      </div>

      {reset ? (
        <section className="card secret-once" tabIndex={-1} ref={resultRef} aria-labelledby="admin-reset-title">
          <h3 id="admin-reset-title">{t("admin.resetDoneTitle", { username: reset.user.username })}</h3>
          <p className="notice notice--warn">
            <Icon name="alert" />
            <span>{t("admin.resetDoneWarning")}</span>
          </p>
          <p className="secret-once__value">
            <code>{reset.password}</code>
          </p>
          <div className="form__actions form__actions--row">
            <CopyButton text={reset.password} label={t("admin.copyPassword")} />
            <button type="button" className="button button--link" onClick={() => setReset(null)}>
              {t("tokens.hide")}
            </button>
          </div>
        </section>
      ) : null}

      <ListState query={users} isEmpty={list.length === 0} empty={t("admin.noUsers")}>
        <DataTable
          caption={t("admin.usersTitle")}
          columns={[
            t("admin.col.user"),
            t("admin.col.organisation"),
            t("admin.col.clearance"),
            t("admin.col.roles"),
            t("admin.col.status"),
          ]}
          actions
          className="users-table"
          busy={users.isFetching}
        >
          {list.map((u) => (
            <tr key={u.id} className={u.disabled ? "is-disabled" : undefined}>
              <th scope="row" className="users-table__user">
                {u.displayName}
                {u.id === me.id ? <span className="badge badge--muted badge--inline">{t("admin.you")}</span> : null}
                <span className="table__sub">
                  <code>{u.username}</code>
                  {u.isPointOfContact ? ` · ${t("admin.poc")}` : ""}
                </span>
              </th>
              <td>
                {u.organisation.name}
                {u.organisation.nation ? <span className="table__sub">{u.organisation.nation}</span> : null}
              </td>
              <td className="nowrap">{classificationName(u.clearance)}</td>
              <td>
                <span className="inline-badges">
                  {u.roles.map((r) => (
                    <span key={r} className="badge badge--muted">
                      {roleName(r)}
                    </span>
                  ))}
                </span>
              </td>
              <td>
                <span className="stack-xs">
                  {u.disabled ? (
                    <span className="badge badge--suspended">{t("admin.disabled")}</span>
                  ) : (
                    <span className="badge badge--current">{t("admin.active")}</span>
                  )}
                  <span className="table__sub">{u.totpEnabled ? t("admin.totpOn") : t("admin.totpOff")}</span>
                </span>
              </td>
              <td className="table__actions">
                {u.disabled ? null : (
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setPending({ kind: "reset", user: u })}
                      aria-label={t("admin.resetAria", { username: u.username })}
                    >
                      {t("admin.reset")}
                    </button>
                    {u.id === me.id ? null : (
                      <button
                        type="button"
                        className="button button--danger-outline button--small"
                        onClick={() => setPending({ kind: "disable", user: u })}
                        aria-label={t("admin.disableAria", { username: u.username })}
                      >
                        {t("admin.disable")}
                      </button>
                    )}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "disable"
            ? t("admin.disableTitle", { username: pending.user.username })
            : t("admin.resetTitle", { username: pending?.user.username ?? "" })
        }
        confirmLabel={pending?.kind === "disable" ? t("admin.disable") : t("admin.resetConfirm")}
        danger={pending?.kind === "disable"}
        busy={active.isPending}
        onConfirm={() => {
          if (!pending) return;
          if (pending.kind === "disable") disable.mutate(pending.user);
          else resetPassword.mutate(pending.user);
        }}
        onCancel={() => {
          setPending(null);
          disable.reset();
          resetPassword.reset();
        }}
      >
        <p>{pending?.kind === "disable" ? t("admin.disableText") : t("admin.resetText")}</p>
        {active.isError ? <p className="field__error">{errorMessage(active.error)}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
