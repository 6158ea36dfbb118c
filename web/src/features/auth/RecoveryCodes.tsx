import { useEffect, useId, useRef } from "react";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { Icon } from "../../ui/Icon.tsx";

/** The recovery codes, shown once after enrolment, with copy and download. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel: string;
}) {
  const id = useId();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const text = `${codes.join("\n")}\n`;
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="recovery" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={ref}>
        {t("recovery.title")}
      </h2>
      <p className="notice notice--warn">
        <Icon name="alert" />
        <span>{t("recovery.warning")}</span>
      </p>
      <ol className="recovery__codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="form__actions form__actions--row">
        <CopyButton text={text} label={t("recovery.copy")} />
        <a className="button button--secondary button--small" href={href} download="entente-recovery-codes.txt">
          <Icon name="download" />
          {t("recovery.download")}
        </a>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
