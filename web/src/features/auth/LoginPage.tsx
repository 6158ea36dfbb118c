import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ApiError, api } from "../../api/client.ts";
import type { DemoAccount, LoginResponse, TotpConfirmation } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useSearchParam } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf } from "../../ui/Field.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, errorMessage, Loading } from "../../ui/States.tsx";
import { DemoAccounts } from "./DemoAccounts.tsx";
import { RecoveryCodes } from "./RecoveryCodes.tsx";
import { switchUser, useAuthConfig, useLogout, useMe } from "./session.ts";
import { TotpEnrolment } from "./TotpEnrolment.tsx";

const DEFAULT_TARGET = "/documents";

/** Only a path inside this app is a place to return to after logging in. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return DEFAULT_TARGET;
  return next;
}

/** Login: password, then the second factor or its enrolment, then (after enrolment) the recovery codes. */
export function LoginPage() {
  useDocumentTitle(t("login.title"));
  const me = useMe();
  const config = useAuthConfig();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [nextParam] = useSearchParam("next");
  const [loggedOut] = useSearchParam("loggedOut");
  const target = safeNext(nextParam);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [fill, setFill] = useState<{ account: DemoAccount; n: number } | null>(null);
  const [codeFill, setCodeFill] = useState<{ code: string; n: number } | null>(null);

  const afterLogin = (result: LoginResponse) => {
    switchUser(queryClient, { user: result.user, stage: result.stage });
    if (result.stage === "authenticated") navigate(target, { replace: true });
  };
  const afterEnrolment = (result: TotpConfirmation) => {
    switchUser(queryClient, { user: result.user, stage: "authenticated" });
    setRecoveryCodes(result.recoveryCodes);
  };
  const startOver = async () => {
    await logout();
    setRecoveryCodes(null);
  };

  const demoAccounts = config.data?.demo ? config.data.demoAccounts : [];
  const step = recoveryCodes
    ? "recovery"
    : me.user
      ? "done"
      : me.stage === "totp-required"
        ? "totp"
        : me.stage === "totp-enrolment-required"
          ? "enrol"
          : "password";

  let body: ReactNode;
  if (me.isPending) body = <Loading />;
  else if (me.isError) body = <ErrorState error={me.error} onRetry={me.refetch} />;
  else if (step === "recovery" && recoveryCodes)
    body = (
      <RecoveryCodes
        codes={recoveryCodes}
        doneLabel={t("recovery.continue")}
        onDone={() => navigate(target, { replace: true })}
      />
    );
  else if (step === "done" && me.user)
    body = (
      <div className="login-done">
        <h2>{t("login.alreadyTitle")}</h2>
        <p>
          {t("login.alreadyAs", {
            name: me.user.displayName,
            organisation: me.user.organisation.name,
            clearance: classificationName(me.user.clearance),
          })}
        </p>
        <div className="form__actions form__actions--row">
          <Link to={target} className="button">
            {t("login.continue")}
          </Link>
          <button type="button" className="button button--secondary" onClick={() => void startOver()}>
            {t("login.switchAccount")}
          </button>
        </div>
      </div>
    );
  else if (step === "totp" && me.pendingUser)
    body = (
      <SecondFactorForm
        username={me.pendingUser.username}
        fill={codeFill}
        onSuccess={afterLogin}
        onStartOver={() => void startOver()}
      />
    );
  else if (step === "enrol")
    body = (
      <>
        <p className="notice notice--info">{t("login.mustEnrol")}</p>
        <TotpEnrolment onConfirmed={afterEnrolment} onCancel={() => void startOver()} />
      </>
    );
  else body = <PasswordForm fill={fill} onSuccess={afterLogin} loggedOut={loggedOut === "1"} />;

  const showDemo = demoAccounts.length > 0 && (step === "password" || step === "totp");

  return (
    <>
      <PageHeader title={t("login.title")} lead={t("login.lead")} />
      <div className={showDemo ? "login-layout" : "login-layout login-layout--single"}>
        <div className="card form login-card">{body}</div>
        {showDemo ? (
          <DemoAccounts
            accounts={demoAccounts}
            onUse={step === "password" ? (account) => setFill((f) => ({ account, n: (f?.n ?? 0) + 1 })) : undefined}
            pendingUsername={me.pendingUser?.username}
            onUseCode={(code) => setCodeFill((f) => ({ code, n: (f?.n ?? 0) + 1 }))}
          />
        ) : null}
      </div>
    </>
  );
}

type PasswordFormProps = {
  fill: { account: DemoAccount; n: number } | null;
  onSuccess: (result: LoginResponse) => void;
  loggedOut: boolean;
};

function PasswordForm({ fill, onSuccess, loggedOut }: PasswordFormProps) {
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submitRef = useRef<HTMLButtonElement>(null);
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => api.login(v.username, v.password),
    onSuccess,
  });

  // A demo account chosen in the side panel fills the form; the button is next.
  useEffect(() => {
    if (!fill) return;
    setUsername(fill.account.username);
    setPassword(fill.account.password);
    submitRef.current?.focus();
  }, [fill]);

  type F = "username" | "password";
  const errors = fieldErrorsOf<F>(login.error, (f) => (f === "username" || f === "password" ? f : null));
  const general =
    login.error && Object.keys(errors).length === 0
      ? login.error instanceof ApiError && login.error.status === 401
        ? login.error.message
        : errorMessage(login.error)
      : undefined;
  const labels: Record<F, string> = { username: t("login.username"), password: t("login.password") };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="form__title">
        {t("login.passwordTitle")}
      </h2>
      {loggedOut && !login.error ? (
        <p className="notice notice--ok" role="status">
          {t("login.loggedOut")}
        </p>
      ) : null}
      <ErrorSummary
        items={(["username", "password"] as const).flatMap((f) =>
          errors[f] ? [{ id: `${id}-${f}`, label: labels[f], message: errors[f] }] : [],
        )}
        message={general}
        trigger={login.error}
      />
      <Field id={`${id}-username`} label={labels.username} error={errors.username}>
        {(control) => (
          <input
            {...control}
            type="text"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-password`} label={labels.password} error={errors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--wide" ref={submitRef} disabled={login.isPending}>
          {login.isPending ? t("login.submitting") : t("login.submit")}
        </button>
      </div>
    </form>
  );
}

type SecondFactorProps = {
  username: string;
  fill: { code: string; n: number } | null;
  onSuccess: (result: LoginResponse) => void;
  onStartOver: () => void;
};

function SecondFactorForm({ username, fill, onSuccess, onStartOver }: SecondFactorProps) {
  const id = useId();
  const [code, setCode] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const verify = useMutation({ mutationFn: (c: string) => api.secondFactor(c), onSuccess });

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    if (!fill) return;
    setCode(fill.code);
    inputRef.current?.focus();
  }, [fill]);

  const errors = fieldErrorsOf(verify.error, (f) => (f === "code" ? "code" : null));
  const general = verify.error && !errors.code ? errorMessage(verify.error) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate(code.trim().replace(/\s+/g, ""));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="form__title">
        {t("totp.title")}
      </h2>
      <p>{t("totp.lead", { username })}</p>
      <ErrorSummary
        items={errors.code ? [{ id: `${id}-code`, label: t("totp.codeLabel"), message: errors.code }] : []}
        message={general}
        trigger={verify.error}
      />
      <Field id={`${id}-code`} label={t("totp.codeLabel")} hint={t("totp.codeHint")} error={errors.code}>
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            type="text"
            name="code"
            className="input--code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={11}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={verify.isPending}>
          {verify.isPending ? t("totp.verifying") : t("totp.submit")}
        </button>
        <button type="button" className="button button--link" onClick={onStartOver}>
          {t("login.otherAccount")}
        </button>
      </div>
    </form>
  );
}
