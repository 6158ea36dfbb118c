import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { loginHref } from "./Guards.tsx";
import { useLogout, useMe } from "./session.ts";

/** The header's account area: who is logged in, with "Log out"; or a "Log in" link. */
export function AccountMenu() {
  const me = useMe();
  const logout = useLogout();
  const { href, pathname } = useLocation();
  if (me.isPending) return <div className="account account--loading" />;
  if (!me.user) {
    if (pathname === "/login") return <div className="account" />;
    return (
      <div className="account">
        <Link to={loginHref(href)} className="account__login">
          <Icon name="user" />
          {me.pendingUser ? t("auth.finishLogin") : t("auth.logIn")}
        </Link>
      </div>
    );
  }
  const { user } = me;
  return (
    <div className="account">
      <Link to="/profile" className="account__who">
        <Icon name="user" className="account__icon" />
        <span className="visually-hidden">{t("account.yourProfile")} </span>
        <span className="account__text">
          <span className="account__name">{user.displayName}</span>
          <span className="account__meta">
            {user.organisation.name}
            <span aria-hidden="true"> · </span>
            <span className="visually-hidden">, </span>
            {t("account.clearance", { clearance: classificationName(user.clearance) })}
          </span>
        </span>
      </Link>
      <button
        type="button"
        className="account__logout"
        onClick={async () => {
          await logout();
          navigate("/login?loggedOut=1");
        }}
      >
        <Icon name="logout" />
        {t("auth.logOut")}
      </button>
    </div>
  );
}
