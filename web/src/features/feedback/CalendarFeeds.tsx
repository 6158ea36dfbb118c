import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import type { CalendarFeed, CreateCalendarFeed } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { DataTable, errorMessage, ListState } from "../../ui/States.tsx";
import { feedbackApi } from "./api.ts";
import { FEEDS_KEY, useCalendarFeeds } from "./queries.ts";

type Scope = NonNullable<CreateCalendarFeed["scope"]>;
const SCOPES: Scope[] = ["nation", "mine"];
const scopeName = (scope: Scope) => (scope === "nation" ? t("calendar.scope.nation") : t("calendar.scope.mine"));

/**
 * Create and revoke private calendar (iCalendar) feeds. The secret address is shown once, when
 * the feed is created (the API never returns it again).
 */
export function CalendarFeeds() {
  const id = useId();
  const queryClient = useQueryClient();
  const feeds = useCalendarFeeds();
  const [scope, setScope] = useState<Scope>("nation");
  const [revoking, setRevoking] = useState<CalendarFeed | null>(null);
  const create = useMutation({
    mutationFn: (input: CreateCalendarFeed) => feedbackApi.createFeed(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
  const revoke = useMutation({
    mutationFn: (feed: CalendarFeed) => feedbackApi.revokeFeed(feed.id),
    onSettled: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: FEEDS_KEY });
    },
  });
  // A server without calendar feeds (404) simply has no such section.
  if (feeds.error instanceof ApiError && feeds.error.isNotFound) return null;
  const rows = feeds.data?.feeds ?? [];
  const failure = create.error ?? revoke.error;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ scope });
  };
  return (
    <section className="section calendar-feeds" aria-labelledby={`${id}-title`}>
      <div className="section__head">
        <h2 id={`${id}-title`}>{t("calendar.title")}</h2>
      </div>
      <p className="section-lead">{t("calendar.lead")}</p>
      <form className="card form calendar-feeds__form" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
        <fieldset className="choice">
          <legend>{t("calendar.scope")}</legend>
          <div className="choice__options">
            {SCOPES.map((s) => (
              <label key={s} className="choice__option" htmlFor={`${id}-${s}`}>
                <input
                  id={`${id}-${s}`}
                  type="radio"
                  name={`${id}-scope`}
                  checked={scope === s}
                  onChange={() => setScope(s)}
                />
                <span>{scopeName(s)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button--secondary" disabled={create.isPending}>
          {t("calendar.create")}
        </button>
      </form>
      {failure ? (
        <p className="notice notice--warn" role="alert">
          {errorMessage(failure)}
        </p>
      ) : null}
      {create.data ? (
        <div className="notice notice--ok secret-once" role="status">
          <Icon name="check" />
          <div>
            <p>{t("calendar.created")}</p>
            <p className="secret-once__value">
              <code className="hash">{create.data.url}</code>{" "}
              <CopyButton text={create.data.url} label={t("calendar.copy")} />
            </p>
          </div>
        </div>
      ) : null}
      <ListState query={feeds} isEmpty={rows.length === 0} empty={t("calendar.empty")}>
        <DataTable
          caption={t("calendar.caption")}
          columns={[
            t("calendar.col.scope"),
            t("calendar.col.created"),
            t("calendar.col.lastUsed"),
            t("calendar.col.status"),
          ]}
          actions
          className="table--compact"
        >
          {rows.map((f) => (
            <tr key={f.id}>
              <th scope="row">{scopeName(f.scope)}</th>
              <td>
                <time dateTime={f.createdAt}>{formatDateTime(f.createdAt)}</time>
              </td>
              <td>
                {f.lastUsedAt ? <time dateTime={f.lastUsedAt}>{formatDateTime(f.lastUsedAt)}</time> : t("tokens.never")}
              </td>
              <td>{f.revokedAt ? t("tokens.revoked") : t("tokens.active")}</td>
              <td className="table__actions">
                {f.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button--danger-outline button--small"
                    onClick={() => setRevoking(f)}
                  >
                    {t("calendar.revoke")}
                    <span className="visually-hidden">
                      {" "}
                      {t("calendar.revokeWhich", { created: formatDateTime(f.createdAt) })}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
      <ConfirmDialog
        open={revoking !== null}
        title={t("calendar.revokeTitle")}
        confirmLabel={t("calendar.revoke")}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
      >
        <p>{t("calendar.revokeText")}</p>
      </ConfirmDialog>
    </section>
  );
}
