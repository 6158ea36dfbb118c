import { useMemo } from "react";
import { ApiError, api } from "../../api/client.ts";
import { useFrameworks, useNations } from "../../api/queries.ts";
import type { DocumentItem } from "../../api/types.ts";
import { formatBytes, formatDateTime, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName, LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { loginHref } from "../auth/Guards.tsx";
import { useMe } from "../auth/session.ts";
import { useDocument } from "./queries.ts";

/** One document's metadata and label, with its download. */
export function DocumentPage({ id }: { id: string }) {
  const document = useDocument(id);
  useDocumentTitle(
    document.data ? document.data.reference : document.isError ? t("document.notFoundTitle") : t("documents.title"),
  );
  if (document.isPending) return <Loading label={t("document.loading")} />;
  if (document.isError) {
    if (document.error instanceof ApiError && document.error.isNotFound) return <DocumentNotFound />;
    return <ErrorState error={document.error} onRetry={() => void document.refetch()} />;
  }
  return <DocumentView document={document.data} />;
}

/**
 * The same page whether the document does not exist or is not released to the user: the
 * API answers 404 for both, and so must the page, or it would tell what it may not show.
 */
function DocumentNotFound() {
  const me = useMe();
  const { href } = useLocation();
  return (
    <NotFound
      title={t("document.notFoundTitle")}
      message={t("document.notFoundMessage")}
      links={[{ to: "/documents", label: t("document.backToList") }]}
    >
      {!me.isPending && !me.user ? (
        <p>
          {t("document.notFoundLogin")} <Link to={loginHref(href)}>{t("auth.logIn")}</Link>
        </p>
      ) : null}
    </NotFound>
  );
}

function useTokenNames(): (token: string) => string | null {
  const nations = useNations();
  const frameworks = useFrameworks(todayIso());
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const n of nations.data?.nations ?? []) map.set(n.code, n.name);
    for (const f of frameworks.data?.frameworks ?? []) map.set(f.code, f.name);
    return map;
  }, [nations.data, frameworks.data]);
  return (token) => names.get(token) ?? null;
}

function DocumentView({ document: d }: { document: DocumentItem }) {
  const nameOf = useTokenNames();
  const { label } = d;
  return (
    <article className="document" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/documents">{t("documents.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{d.reference}</span>
      </p>
      <LabelBadge label={label} variant="banner" />
      <PageHeader
        eyebrow={d.reference}
        title={d.title}
        actions={
          <a className="button" href={api.documentContentUrl(d.id)} download={d.filename}>
            <Icon name="download" />
            {t("document.download")}
          </a>
        }
      />
      <div className="document__grid">
        <section className="card document__card" aria-labelledby="document-details">
          <h2 id="document-details">{t("document.details")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("document.reference")}</dt>
              <dd>{d.reference}</dd>
            </div>
            <div>
              <dt>{t("document.date")}</dt>
              <dd>
                <DateText date={d.date} />
              </dd>
            </div>
            <div>
              <dt>{t("document.file")}</dt>
              <dd>
                <span className="document__filename">
                  <Icon name="file" />
                  {d.filename}
                </span>
                <span className="table__sub">
                  {d.contentType} · {formatBytes(d.size)}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("document.uploaded")}</dt>
              <dd>
                <time dateTime={d.uploadedAt}>{formatDateTime(d.uploadedAt)}</time>
              </dd>
            </div>
            <div className="facts__wide">
              <dt>{t("document.sha256")}</dt>
              <dd>
                <code className="hash">{d.sha256}</code>
              </dd>
            </div>
          </dl>
        </section>
        <section className="card document__card" aria-labelledby="document-label">
          <h2 id="document-label">{t("document.label")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("document.classification")}</dt>
              <dd>{classificationName(label.classification)}</dd>
            </div>
            <div>
              <dt>{t("document.policy")}</dt>
              <dd>{label.policyIdentifier}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t("document.releasableTo")}</dt>
              <dd>
                {label.classification === "PUBLIC" ? (
                  t("document.public")
                ) : label.releasableTo.length === 0 ? (
                  t("document.noRelease")
                ) : (
                  <ul className="token-list">
                    {label.releasableTo.map((token) => {
                      const name = nameOf(token);
                      return (
                        <li key={token} className="token">
                          <span className="token__code">{token}</span>
                          {name ? <span className="token__name">{name}</span> : null}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </dd>
            </div>
            <div className="facts__wide">
              <dt>{t("document.marking")}</dt>
              <dd>
                <code>{label.marking}</code>
              </dd>
            </div>
            {label.reviewAt ? (
              <div>
                <dt>{t("document.reviewAt")}</dt>
                <dd>
                  <DateText date={label.reviewAt} />
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
      </div>
      <LabelBadge label={label} variant="banner" className="document__foot-banner" />
    </article>
  );
}
