import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import type { ApiToken, NewApiToken } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { ErrorSummary, Field, fieldErrorsOf } from "../../ui/Field.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { DataTable, errorMessage, ListState } from "../../ui/States.tsx";
import { TOKENS_KEY, useTokens } from "./queries.ts";

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensSection() {
  const id = useId();
  const queryClient = useQueryClient();
  const tokens = useTokens();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const createdRef = useRef<HTMLElement>(null);

  const create = useMutation({
    mutationFn: (n: string) => api.createToken(n),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => api.revokeToken(tokenId),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const errors = fieldErrorsOf(create.error, (f) => (f === "name" ? "name" : null));
  const general = create.error && !errors.name ? errorMessage(create.error) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(name.trim());
  };
  const list = tokens.data?.tokens ?? [];

  return (
    <section className="section" aria-labelledby="profile-tokens">
      <div className="section__head">
        <h2 id="profile-tokens">{t("tokens.title")}</h2>
      </div>
      <p className="section-lead">{t("tokens.lead")}</p>

      <div className="tokens-layout">
        <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-form-title`}>
          <h3 id={`${id}-form-title`} className="form__title">
            {t("tokens.createTitle")}
          </h3>
          <ErrorSummary
            items={errors.name ? [{ id: `${id}-name`, label: t("tokens.name"), message: errors.name }] : []}
            message={general}
            trigger={create.error}
          />
          <Field id={`${id}-name`} label={t("tokens.name")} hint={t("tokens.nameHint")} error={errors.name}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={name}
                maxLength={80}
                onChange={(e) => setName(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" disabled={create.isPending}>
              <Icon name="key" />
              {t("tokens.create")}
            </button>
          </div>
        </form>

        <div>
          {created ? (
            <section className="card secret-once" tabIndex={-1} ref={createdRef} aria-labelledby={`${id}-created`}>
              <h3 id={`${id}-created`}>{t("tokens.createdTitle", { name: created.name })}</h3>
              <p className="notice notice--warn">
                <Icon name="alert" />
                <span>{t("tokens.createdWarning")}</span>
              </p>
              <p className="secret-once__value">
                <code>{created.token}</code>
              </p>
              <div className="form__actions form__actions--row">
                <CopyButton text={created.token} label={t("tokens.copy")} />
                <button type="button" className="button button--link" onClick={() => setCreated(null)}>
                  {t("tokens.hide")}
                </button>
              </div>
            </section>
          ) : null}

          <ListState query={tokens} isEmpty={list.length === 0} empty={t("tokens.empty")}>
            <DataTable
              caption={t("tokens.title")}
              columns={[
                t("tokens.col.name"),
                t("tokens.col.created"),
                t("tokens.col.lastUsed"),
                t("tokens.col.status"),
              ]}
              actions
            >
              {list.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
                  </td>
                  <td>
                    {token.lastUsedAt ? (
                      <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt)}</time>
                    ) : (
                      <span className="muted">{t("tokens.never")}</span>
                    )}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      <span className="badge badge--muted">{t("tokens.revoked")}</span>
                    ) : (
                      <span className="badge badge--current">{t("tokens.active")}</span>
                    )}
                  </td>
                  <td className="table__actions">
                    {token.revokedAt ? null : (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setRevoking(token)}
                        aria-label={t("tokens.revokeAria", { name: token.name })}
                      >
                        {t("tokens.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </ListState>
        </div>
      </div>

      <ConfirmDialog
        open={revoking !== null}
        title={t("tokens.revokeTitle")}
        confirmLabel={t("tokens.revoke")}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        <p>{t("tokens.revokeText", { name: revoking?.name ?? "" })}</p>
        {revoke.isError ? <p className="field__error">{errorMessage(revoke.error)}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
