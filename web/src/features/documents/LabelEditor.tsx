import { useMutation } from "@tanstack/react-query";
import { type ClipboardEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { ApiError, api } from "../../api/client.ts";
import { useFrameworks, useNations } from "../../api/queries.ts";
import type { Classification, Clearance, LabelInput } from "../../api/types.ts";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { FieldErrorText } from "../../ui/Field.tsx";
import { useDebounced } from "../../ui/hooks.ts";
import { CLASSIFICATION_ORDER, classificationName, LabelBadge } from "../../ui/LabelBadge.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { useLabelPreview } from "./queries.ts";

/** Group tokens a label may be released to, in the order markings list them. */
export const GROUP_TOKENS = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE"] as const;
const TOKEN_SYNTAX = /^[A-Z]{2,12}$/;

export type LabelDraft = { classification: Classification; releasableTo: string[] };
export type LabelErrors = { classification?: string | undefined; releasableTo?: string | undefined };

/** Splits what a user types or pastes ("PfP, MD and jpn") into upper-case tokens. */
export function splitTokens(text: string): string[] {
  return text
    .replace(/\band\b/gi, ",")
    .split(/[\s,;/+]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

const rank = (c: Classification) => CLASSIFICATION_ORDER.indexOf(c);

type Props = {
  value: LabelDraft;
  onChange: (next: LabelDraft) => void;
  /** The highest classification the user may mark (their clearance). */
  clearance: Clearance;
  errors?: LabelErrors;
  /** Ids the form's error summary links to. */
  classificationId: string;
  releasableId: string;
  /** Told about a problem the editor finds itself (a malformed or unknown code), for the form's summary. */
  onProblem?: (message: string | undefined) => void;
};

/**
 * The label editor: classification, releasable-to chips (group tokens and nation codes), a live
 * marking preview from the API, and import from STANAG 4774 XML.
 */
export function LabelEditor({
  value,
  onChange,
  clearance,
  errors = {},
  classificationId,
  releasableId,
  onProblem,
}: Props) {
  const id = useId();
  const nations = useNations();
  const frameworks = useFrameworks(todayIso());
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const n of nations.data?.nations ?? []) map.set(n.code, n.name);
    for (const f of frameworks.data?.frameworks ?? []) map.set(f.code, f.name);
    return map;
  }, [nations.data, frameworks.data]);
  const known = (token: string) =>
    (GROUP_TOKENS as readonly string[]).includes(token) || names.size === 0 || names.has(token);

  const isPublic = value.classification === "PUBLIC";
  const tokens = isPublic ? [] : value.releasableTo;
  const badSyntax = tokens.filter((tok) => !TOKEN_SYNTAX.test(tok));
  const unknown = tokens.filter((tok) => TOKEN_SYNTAX.test(tok) && !known(tok));

  // Live preview: the marking as the API renders it, once the draft has settled.
  const draftKey = JSON.stringify({ classification: value.classification, releasableTo: tokens });
  const settledKey = useDebounced(draftKey, 300);
  const settled = useMemo(() => JSON.parse(settledKey) as LabelInput, [settledKey]);
  const previewable = settled.releasableTo.every((tok) => TOKEN_SYNTAX.test(tok));
  const preview = useLabelPreview(previewable ? settled : null);
  const previewUnknown =
    preview.error instanceof ApiError && typeof preview.error.details.token === "string"
      ? preview.error.details.token
      : null;

  const localError =
    badSyntax.length > 0
      ? t("labelEditor.badToken", { token: badSyntax.join(", ") })
      : unknown.length > 0
        ? t("labelEditor.unknownToken", { token: unknown.join(", ") })
        : previewUnknown
          ? t("labelEditor.unknownToken", { token: previewUnknown })
          : undefined;
  const releaseError = errors.releasableTo ?? localError;
  useEffect(() => onProblem?.(localError), [localError, onProblem]);

  const setTokens = (next: string[]) => onChange({ ...value, releasableTo: [...new Set(next)] });

  return (
    <fieldset className="label-editor">
      <legend className="label-editor__legend">{t("labelEditor.legend")}</legend>
      <p className="field__hint">{t("labelEditor.lead")}</p>

      <div className={`field${errors.classification ? " field--error" : ""}`}>
        <label htmlFor={classificationId}>{t("labelEditor.classification")}</label>
        <p className="field__hint" id={`${id}-class-hint`}>
          {t("labelEditor.classificationHint", { clearance: classificationName(clearance) })}
        </p>
        {errors.classification ? <FieldErrorText id={`${id}-class-error`} message={errors.classification} /> : null}
        <select
          id={classificationId}
          value={value.classification}
          onChange={(e) => onChange({ ...value, classification: e.target.value as Classification })}
          aria-describedby={`${id}-class-hint${errors.classification ? ` ${id}-class-error` : ""}`}
          aria-invalid={errors.classification ? true : undefined}
        >
          {CLASSIFICATION_ORDER.map((c) => (
            <option key={c} value={c} disabled={rank(c) > rank(clearance)}>
              {classificationName(c)}
              {rank(c) > rank(clearance) ? ` ${t("labelEditor.aboveClearance")}` : ""}
            </option>
          ))}
        </select>
      </div>

      <ReleasabilityInput
        inputId={releasableId}
        tokens={tokens}
        onChange={setTokens}
        disabled={isPublic}
        error={releaseError}
        invalid={new Set([...badSyntax, ...unknown, ...(previewUnknown ? [previewUnknown] : [])])}
        nameOf={(tok) => names.get(tok) ?? null}
        nationOptions={nations.data?.nations ?? []}
      />

      <section className="label-preview" aria-labelledby={`${id}-preview-title`}>
        <h3 id={`${id}-preview-title`} className="label-preview__title">
          {t("labelEditor.previewTitle")}
        </h3>
        <div className="label-preview__marking" aria-live="polite" aria-busy={preview.isFetching}>
          {preview.data && previewable && !preview.isError ? (
            <LabelBadge label={preview.data.label} variant="banner" />
          ) : preview.isError && !previewUnknown ? (
            <p className="field__error">{errorMessage(preview.error)}</p>
          ) : (
            <p className="muted">{localError ? t("labelEditor.previewBlocked") : t("labelEditor.previewPending")}</p>
          )}
        </div>
        {preview.data && !preview.isError ? (
          <details className="label-preview__xml">
            <summary>{t("labelEditor.showXml")}</summary>
            <pre>
              <code>{preview.data.xml}</code>
            </pre>
          </details>
        ) : null}
      </section>

      <XmlImport onLabel={(label) => onChange(label)} />
    </fieldset>
  );
}

type ReleasabilityProps = {
  inputId: string;
  tokens: string[];
  onChange: (tokens: string[]) => void;
  disabled: boolean;
  error: string | undefined;
  invalid: Set<string>;
  nameOf: (token: string) => string | null;
  nationOptions: { code: string; name: string }[];
};

/** Chips for the releasable-to list: type a code and press Enter (or comma); Backspace removes the last. */
function ReleasabilityInput({
  inputId,
  tokens,
  onChange,
  disabled,
  error,
  invalid,
  nameOf,
  nationOptions,
}: ReleasabilityProps) {
  const id = useId();
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState("");

  const add = (raw: string) => {
    const next = splitTokens(raw).filter((tok) => !tokens.includes(tok));
    if (next.length === 0) return;
    onChange([...tokens, ...next]);
    setAnnouncement(t("labelEditor.added", { tokens: next.join(", ") }));
    setText("");
  };
  const remove = (token: string) => {
    onChange(tokens.filter((tok) => tok !== token));
    setAnnouncement(t("labelEditor.removed", { token }));
    inputRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && text === "" && tokens.length > 0) {
      const last = tokens[tokens.length - 1];
      if (last) remove(last);
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData("text");
    if (/[\s,;]/.test(pasted.trim())) {
      event.preventDefault();
      add(`${text} ${pasted}`);
    }
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className={`field releasability${error ? " field--error" : ""}${disabled ? " is-disabled" : ""}`}>
      <label htmlFor={inputId}>{t("labelEditor.releasableTo")}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {disabled ? t("labelEditor.publicHint") : t("labelEditor.releasableHint")}
      </p>
      {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
      <div className="chip-input">
        {tokens.length > 0 ? (
          <ul className="chip-input__list" aria-label={t("labelEditor.chosen")}>
            {tokens.map((token) => {
              const name = nameOf(token);
              const bad = invalid.has(token);
              return (
                <li key={token} className={`token-chip${bad ? " token-chip--invalid" : ""}`}>
                  <span className="token-chip__code">{token}</span>
                  {name ? <span className="token-chip__name">{name}</span> : null}
                  {bad ? <span className="visually-hidden"> {t("labelEditor.invalidChip")}</span> : null}
                  <button
                    type="button"
                    className="token-chip__remove"
                    onClick={() => remove(token)}
                    aria-label={t("labelEditor.remove", { token })}
                  >
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                      <path d="M18 6L6 18M6 6l12 12" />
                    </svg>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <div className="chip-input__entry">
          <input
            id={inputId}
            ref={inputRef}
            type="text"
            list={`${id}-nations`}
            value={text}
            disabled={disabled}
            onChange={(e) => {
              const v = e.target.value;
              // A datalist choice arrives as "JPN — Japan": keep the code.
              const picked = /^([A-Za-z]{2,12}) — /.exec(v);
              if (picked?.[1]) add(picked[1]);
              else setText(v);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              if (text.trim()) add(text);
            }}
            placeholder={disabled ? "" : t("labelEditor.placeholder")}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => add(text)}
            disabled={disabled || text.trim() === ""}
          >
            {t("labelEditor.add")}
          </button>
        </div>
        <datalist id={`${id}-nations`}>
          {nationOptions.map((n) => (
            <option key={n.code} value={`${n.code} — ${n.name}`} />
          ))}
        </datalist>
      </div>
      <fieldset className="group-tokens">
        <legend className="group-tokens__label">{t("labelEditor.groups")}</legend>
        {GROUP_TOKENS.map((g) => {
          const chosen = tokens.includes(g);
          return (
            <button
              key={g}
              type="button"
              className={`group-token${chosen ? " is-chosen" : ""}`}
              aria-pressed={chosen}
              disabled={disabled}
              title={nameOf(g) ?? undefined}
              onClick={() => (chosen ? onChange(tokens.filter((tok) => tok !== g)) : add(g))}
            >
              {g}
            </button>
          );
        })}
      </fieldset>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

/** Paste a STANAG 4774 XML label; the API reads it into the structured label. */
function XmlImport({ onLabel }: { onLabel: (label: LabelDraft) => void }) {
  const id = useId();
  const [xml, setXml] = useState("");
  const [done, setDone] = useState(false);
  const read = useMutation({
    mutationFn: (text: string) => api.labelFromXml(text),
    onSuccess: ({ label }) => {
      onLabel({ classification: label.classification, releasableTo: label.releasableTo ?? [] });
      setDone(true);
    },
  });
  useEffect(() => {
    if (!done) return;
    const timer = window.setTimeout(() => setDone(false), 4000);
    return () => window.clearTimeout(timer);
  }, [done]);
  const error = read.error ? errorMessage(read.error) : undefined;
  return (
    <details className="xml-import">
      <summary>{t("labelEditor.xmlSummary")}</summary>
      <div className={`field${error ? " field--error" : ""}`}>
        <label htmlFor={`${id}-xml`}>{t("labelEditor.xmlLabel")}</label>
        <p className="field__hint" id={`${id}-xml-hint`}>
          {t("labelEditor.xmlHint")}
        </p>
        {error ? <FieldErrorText id={`${id}-xml-error`} message={error} /> : null}
        <textarea
          id={`${id}-xml`}
          rows={7}
          value={xml}
          onChange={(e) => setXml(e.target.value)}
          spellCheck={false}
          aria-describedby={`${id}-xml-hint${error ? ` ${id}-xml-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="form__actions form__actions--row">
        <button
          type="button"
          className="button button--secondary"
          disabled={xml.trim() === "" || read.isPending}
          onClick={() => read.mutate(xml)}
        >
          {t("labelEditor.xmlRead")}
        </button>
        <span role="status" className="xml-import__status">
          {done ? t("labelEditor.xmlDone") : ""}
        </span>
      </div>
    </details>
  );
}
