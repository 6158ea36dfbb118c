import type { ReactNode } from "react";
import { ApiError } from "../api/client.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router/router.tsx";

/** A polite loading message; the spinner is decorative. */
export function Loading({ label }: { label?: string }) {
  return (
    <div className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t("state.loading")}</span>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK") return t("state.networkError");
    if (error.code === "HTTP") return t("state.httpError", { status: error.status });
    return error.message; // the API's own explanation
  }
  return t("state.unexpected");
}

/** An error announced to assistive technology, with an optional retry. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title ?? t("state.errorTitle")}</p>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("state.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

type NotFoundProps = {
  title?: string;
  message?: string;
  /** Where to go instead; by default the map, frameworks and milestones. */
  links?: { to: string; label: string }[];
  children?: ReactNode;
};

/** The friendly page for an unknown address or code. */
export function NotFound({ title, message, links, children }: NotFoundProps) {
  return (
    <section className="not-found" aria-labelledby="page-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {title ?? t("notFound.title")}
      </h1>
      <p>{message ?? t("notFound.message")}</p>
      {children}
      <ul className="not-found__links">
        {(
          links ?? [
            { to: "/", label: t("notFound.toMap") },
            { to: "/frameworks", label: t("nav.frameworks") },
            { to: "/milestones", label: t("nav.milestones") },
          ]
        ).map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

type QueryLike = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/** The states every list shares: loading, failed (with retry), empty; otherwise its content. */
export function ListState({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty) return <EmptyState>{empty}</EmptyState>;
  return <>{children}</>;
}

/** A data table with a hidden caption, column headings and, optionally, an unlabelled actions column. */
export function DataTable({
  caption,
  columns,
  actions = false,
  className,
  busy,
  children,
}: {
  caption: string;
  columns: string[];
  actions?: boolean;
  className?: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : "table"} aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{t("common.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
