import type { ReactNode } from "react";
import type { Role, User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link, useLocation } from "../../router/router.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading } from "../../ui/States.tsx";
import { hasAnyRole, useMe } from "./session.ts";

/** The address of the login page that comes back here afterwards. */
export function loginHref(next: string): string {
  return next && next !== "/" && !next.startsWith("/login") ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/** A page asked for by someone who is not logged in. */
export function LoginRequired({ title }: { title?: string }) {
  const { href } = useLocation();
  useDocumentTitle(t("guard.loginTitle"));
  return (
    <section className="guard card" aria-labelledby="page-title">
      <Icon name="lock" className="guard__icon" />
      <h1 id="page-title" tabIndex={-1}>
        {t("guard.loginTitle")}
      </h1>
      <p>{title ? t("guard.loginMessageFor", { page: title }) : t("guard.loginMessage")}</p>
      <p>
        <Link to={loginHref(href)} className="button">
          {t("auth.logIn")}
        </Link>
      </p>
    </section>
  );
}

/** A page the logged-in user's roles do not open. */
export function Forbidden({ title }: { title?: string }) {
  useDocumentTitle(t("guard.forbiddenTitle"));
  return (
    <section className="guard card" aria-labelledby="page-title">
      <Icon name="shield" className="guard__icon" />
      <h1 id="page-title" tabIndex={-1}>
        {t("guard.forbiddenTitle")}
      </h1>
      <p>{title ? t("guard.forbiddenMessageFor", { page: title }) : t("guard.forbiddenMessage")}</p>
      <p>
        <Link to="/documents">{t("guard.toDocuments")}</Link>
      </p>
    </section>
  );
}

type RequireAuthProps = {
  /** Any one of these roles opens the page; none given: any logged-in user. */
  roles?: readonly Role[];
  /** The page's name, for the "log in to see …" message. */
  title?: string;
  children: (user: User) => ReactNode;
};

/** Renders its children for a logged-in user with one of `roles`; otherwise says why not. */
export function RequireAuth({ roles, title, children }: RequireAuthProps) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={me.refetch} />;
  if (!me.user) return <LoginRequired {...(title ? { title } : {})} />;
  if (roles && !hasAnyRole(me.user, roles)) return <Forbidden {...(title ? { title } : {})} />;
  return <>{children(me.user)}</>;
}
