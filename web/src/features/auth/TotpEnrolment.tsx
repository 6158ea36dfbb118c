import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import type { TotpConfirmation } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { ErrorSummary, Field, fieldErrorsOf } from "../../ui/Field.tsx";
import { ErrorState, errorMessage, Loading } from "../../ui/States.tsx";
import { useAuthConfig } from "./session.ts";
import { groupCode, useTotpCodes } from "./useTotpCodes.ts";

/** The server's QR code as an image: its SVG markup never enters this page's DOM. */
export function qrImageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP". */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

type Props = {
  onConfirmed: (result: TotpConfirmation) => void;
  onCancel?: () => void;
  /** Where the enrolment happens, for the heading level and wording. */
  headingLevel?: 2 | 3;
};

/**
 * TOTP enrolment: asks the server for a new secret (once), shows it as a QR code and as text,
 * and confirms it with a first code. The recovery codes come back in `onConfirmed`.
 */
export function TotpEnrolment({ onConfirmed, onCancel, headingLevel = 2 }: Props) {
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const [code, setCode] = useState("");
  const start = useMutation({ mutationFn: api.startEnrolment });
  const confirm = useMutation({ mutationFn: (c: string) => api.confirmEnrolment(c), onSuccess: onConfirmed });
  const started = useRef(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const config = useAuthConfig();
  const secret = start.data?.secret;
  const demo = useTotpCodes(config.data?.demo && secret ? [secret] : []);
  const demoCode = secret ? demo.codes.get(secret) : undefined;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate();
  }, [start]);

  const errors = fieldErrorsOf(confirm.error, (f) => (f === "code" ? "code" : null));
  const general = confirm.error && !errors.code ? errorMessage(confirm.error) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim().replace(/\s+/g, ""));
  };

  if (start.isPending || start.isIdle) return <Loading label={t("enrol.starting")} />;
  if (start.isError) return <ErrorState error={start.error} onRetry={() => start.mutate()} />;
  const { qrSvg, uri } = start.data;

  return (
    <div className="enrol">
      <Heading className="enrol__title">{t("enrol.title")}</Heading>
      <p>{t("enrol.lead")}</p>
      <ol className="enrol__steps">
        <li>
          <p className="enrol__step-title">{t("enrol.step1")}</p>
          <img className="enrol__qr" src={qrImageSrc(qrSvg)} alt={t("enrol.qrAlt")} width={184} height={184} />
        </li>
        <li>
          <p className="enrol__step-title">{t("enrol.step2")}</p>
          <p className="enrol__secret">
            <code>{groupSecret(secret ?? "")}</code>
            <CopyButton text={secret ?? ""} label={t("enrol.copySecret")} />
          </p>
          <details className="enrol__uri">
            <summary>{t("enrol.showUri")}</summary>
            <code>{uri}</code>
          </details>
        </li>
        <li>
          <p className="enrol__step-title">{t("enrol.step3")}</p>
          <form onSubmit={onSubmit} noValidate>
            <ErrorSummary
              items={errors.code ? [{ id: `${id}-code`, label: t("enrol.codeLabel"), message: errors.code }] : []}
              message={general}
              trigger={confirm.error}
            />
            <Field id={`${id}-code`} label={t("enrol.codeLabel")} hint={t("enrol.codeHint")} error={errors.code}>
              {(control) => (
                <input
                  {...control}
                  ref={codeRef}
                  type="text"
                  className="input--code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
            {demoCode ? (
              <p className="demo-hint">
                <span>{t("enrol.demoCode", { code: groupCode(demoCode) })}</span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    setCode(demoCode);
                    codeRef.current?.focus();
                  }}
                >
                  {t("demo.fillCode")}
                </button>
              </p>
            ) : null}
            <div className="form__actions form__actions--row">
              <button type="submit" className="button" disabled={confirm.isPending}>
                {confirm.isPending ? t("enrol.confirming") : t("enrol.confirm")}
              </button>
              {onCancel ? (
                <button type="button" className="button button--secondary" onClick={onCancel}>
                  {t("dialog.cancel")}
                </button>
              ) : null}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
