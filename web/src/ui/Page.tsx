import { type ReactNode, useEffect } from "react";
import { t } from "../i18n/index.ts";

/** Sets the document title to "<page> – Entente". */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? t("app.documentTitle", { page: title }) : t("app.name");
  }, [title]);
}

type PageHeaderProps = { title: ReactNode; lead?: ReactNode; eyebrow?: ReactNode; actions?: ReactNode };

/** The page's one <h1>; it takes focus after in-app navigation (see App). */
export function PageHeader({ title, lead, eyebrow, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
