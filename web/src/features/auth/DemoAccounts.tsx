import { useId } from "react";
import type { DemoAccount } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { groupCode, useTotpCodes } from "./useTotpCodes.ts";

type Props = {
  accounts: readonly DemoAccount[];
  /** On the password step: fill the form with this account. */
  onUse?: ((account: DemoAccount) => void) | undefined;
  /** On the code step: the account being logged in, whose current code can be filled in. */
  pendingUsername?: string | undefined;
  onUseCode?: ((code: string) => void) | undefined;
};

/** Demo mode only: the published demo accounts, and the current code of those with two-step verification. */
export function DemoAccounts({ accounts, onUse, pendingUsername, onUseCode }: Props) {
  const id = useId();
  const secrets = accounts.flatMap((a) => (a.totpSecret ? [a.totpSecret] : []));
  const { codes, secondsLeft, supported } = useTotpCodes(secrets);
  return (
    <aside className="card demo-accounts" aria-labelledby={`${id}-title`}>
      <div className="demo-accounts__head">
        <p className="demo-accounts__eyebrow">{t("demo.eyebrow")}</p>
        <h2 id={`${id}-title`}>{t("demo.title")}</h2>
        <p className="demo-accounts__lead">{t("demo.lead")}</p>
      </div>
      <div className="table-wrap demo-accounts__table">
        <table className="table table--compact">
          <caption className="visually-hidden">{t("demo.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("demo.col.account")}</th>
              <th scope="col">{t("demo.col.password")}</th>
              <th scope="col">{t("demo.col.code")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("demo.col.action")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const code = account.totpSecret ? codes.get(account.totpSecret) : undefined;
              const isPending = pendingUsername === account.username;
              return (
                <tr key={account.username} className={isPending ? "is-current" : undefined}>
                  <th scope="row">
                    <span className="demo-accounts__user">{account.username}</span>
                    <span className="table__sub">
                      {account.nation
                        ? t("demo.roleNation", { role: account.role, nation: account.nation })
                        : account.role}
                    </span>
                  </th>
                  <td>
                    <code className="demo-accounts__secret">{account.password}</code>
                  </td>
                  <td>
                    {account.totpSecret === null ? (
                      <span className="muted">{t("demo.noCode")}</span>
                    ) : !supported ? (
                      <span className="muted">{t("demo.noCrypto")}</span>
                    ) : code ? (
                      <span className="totp">
                        <code className="totp__code">{groupCode(code)}</code>
                        <span className="totp__left">
                          <span className="visually-hidden">{t("demo.expiresIn")} </span>
                          {t("demo.seconds", { count: secondsLeft })}
                        </span>
                      </span>
                    ) : (
                      <span className="muted">…</span>
                    )}
                  </td>
                  <td className="demo-accounts__action">
                    {onUse ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => onUse(account)}
                        aria-label={t("demo.useAria", { username: account.username })}
                      >
                        {t("demo.use")}
                      </button>
                    ) : isPending && code && onUseCode ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => onUseCode(code)}
                        aria-label={t("demo.fillCodeAria", { username: account.username })}
                      >
                        {t("demo.fillCode")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
