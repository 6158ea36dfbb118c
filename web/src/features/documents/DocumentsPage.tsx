import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import type { DocumentItem } from "../../api/types.ts";
import { formatBytes } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useLocation, useSearchParam } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { useDebounced } from "../../ui/hooks.ts";
import { Icon } from "../../ui/Icon.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, Loading } from "../../ui/States.tsx";
import { loginHref } from "../auth/Guards.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import { useDocuments } from "./queries.ts";
import { UPLOADERS } from "./roles.ts";

/** The documents the user may read: search, labels, download, and "Load more". */
export function DocumentsPage() {
  useDocumentTitle(t("documents.title"));
  const id = useId();
  const me = useMe();
  const { href } = useLocation();
  const [q, setQ] = useSearchParam("q");
  const [draft, setDraft] = useState(q ?? "");
  const settled = useDebounced(draft, 350);
  // The search box and ?q= follow each other: typing updates the address (debounced), and a
  // new address (back button, a link) updates the box.
  const lastQ = useRef(q ?? "");
  useEffect(() => {
    const next = settled.trim();
    if (next === lastQ.current) return;
    lastQ.current = next;
    setQ(next || null);
  }, [settled, setQ]);
  useEffect(() => {
    if ((q ?? "") === lastQ.current) return;
    lastQ.current = q ?? "";
    setDraft(q ?? "");
  }, [q]);
  const query = q?.trim() ?? "";
  const documents = useDocuments(query);
  const rows = documents.data?.pages.flatMap((p) => p.documents) ?? [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    lastQ.current = draft.trim();
    setQ(draft.trim() || null);
  };

  const canUpload = hasAnyRole(me.user, UPLOADERS);

  return (
    <>
      <PageHeader
        title={t("documents.title")}
        lead={t("documents.lead")}
        actions={
          canUpload ? (
            <Link to="/documents/new" className="button">
              <Icon name="upload" />
              {t("documents.upload")}
            </Link>
          ) : null
        }
      />

      {!me.isPending && !me.user ? (
        <p className="notice notice--info">
          <Icon name="lock" />
          <span>
            {t("documents.anonymous")} <Link to={loginHref(href)}>{t("documents.anonymousLink")}</Link>
          </span>
        </p>
      ) : null}

      <search>
        <form className="toolbar" onSubmit={onSubmit}>
          <div className="field field--inline toolbar__search">
            <label htmlFor={`${id}-q`}>{t("documents.searchLabel")}</label>
            <div className="search-input">
              <Icon name="search" className="search-input__icon" />
              <input
                id={`${id}-q`}
                type="search"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder={t("documents.searchPlaceholder")}
                aria-describedby={`${id}-count`}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <button type="submit" className="button button--secondary">
              {t("documents.search")}
            </button>
          </div>
          <p className="toolbar__count" id={`${id}-count`} role="status">
            {documents.isSuccess
              ? `${query ? t("documents.countFor", { count: rows.length, q: query }) : t("documents.count", { count: rows.length })}${documents.hasNextPage ? ` ${t("documents.more")}` : ""}`
              : ""}
          </p>
        </form>
      </search>

      {documents.isPending ? (
        <Loading label={t("documents.loading")} />
      ) : documents.isError && rows.length === 0 ? (
        <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{query ? t("documents.noMatch", { q: query }) : t("documents.empty")}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table documents-table" aria-busy={documents.isFetching}>
              <caption className="visually-hidden">{t("documents.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("documents.col.reference")}</th>
                  <th scope="col">{t("documents.col.title")}</th>
                  <th scope="col">{t("documents.col.date")}</th>
                  <th scope="col">{t("documents.col.label")}</th>
                  <th scope="col">{t("documents.col.file")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <DocumentRow key={d.id} document={d} />
                ))}
              </tbody>
            </table>
          </div>
          {documents.isFetchNextPageError ? (
            <ErrorState error={documents.error} onRetry={() => void documents.fetchNextPage()} />
          ) : null}
          {documents.hasNextPage ? (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void documents.fetchNextPage()}
                disabled={documents.isFetchingNextPage}
              >
                {documents.isFetchingNextPage ? t("state.loading") : t("documents.loadMore")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

function DocumentRow({ document: d }: { document: DocumentItem }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/documents/${encodeURIComponent(d.id)}`} className="documents-table__ref">
          {d.reference}
        </Link>
      </th>
      <td className="documents-table__title">{d.title}</td>
      <td>
        <DateText date={d.date} />
      </td>
      <td>
        <LabelBadge label={d.label} />
      </td>
      <td>
        <a className="download-link" href={api.documentContentUrl(d.id)} download={d.filename}>
          <Icon name="download" />
          <span>
            {t("documents.download")}
            <span className="visually-hidden"> {d.reference}</span>
          </span>
        </a>
        <span className="table__sub" title={d.filename}>
          {formatBytes(d.size)}
        </span>
      </td>
    </tr>
  );
}
