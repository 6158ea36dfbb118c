import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { Clearance, IterationDetail, NominationView, ParticipantInput } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "./api.ts";
import { activityKey, NOMINATIONS_KEY } from "./queries.ts";

type FieldName = "nation" | "name" | "rank" | "email" | "clearance" | "languageLevel";
const FIELDS: FieldName[] = ["nation", "name", "rank", "email", "clearance", "languageLevel"];
const CLEARANCES: Clearance[] = ["NU", "NR", "NC", "NS"];
const LEVELS = [0, 1, 2, 3, 4, 5] as const;
const toField = (f: string): FieldName | null => ((FIELDS as string[]).includes(f) ? (f as FieldName) : null);

type TextField = "name" | "rank" | "email";
/** The participant's name, rank and e-mail, in the order the form shows them. */
const TEXT_FIELDS: { field: TextField; hint?: MessageKey; email?: boolean }[] = [
  { field: "name" },
  { field: "rank", hint: "nominate.rankHint" },
  { field: "email", email: true },
];

// A light check before sending, so the obvious mistakes show at once; the API checks again.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = {
  activityId: string;
  iteration: IterationDetail;
  /** The activity's requirements, the form's starting values. */
  requiredClearance: Clearance;
  languageLevel: number;
  language: string;
  /** Staff nominate for a nation they name; partners for their own. */
  askNation: boolean;
  onDone: (nomination: NominationView) => void;
  onCancel: () => void;
};

/** Nominate one participant for an iteration; field errors appear next to their fields. */
export function NominateForm({
  activityId,
  iteration,
  requiredClearance,
  languageLevel: requiredLevel,
  language,
  askNation,
  onDone,
  onCancel,
}: Props) {
  const id = useId();
  const queryClient = useQueryClient();
  const [nation, setNation] = useState("");
  const [text, setText] = useState<Record<TextField, string>>({ name: "", rank: "", email: "" });
  const { name, rank, email } = text;
  const [clearance, setClearance] = useState<Clearance>(requiredClearance);
  const [languageLevel, setLanguageLevel] = useState(requiredLevel);
  const [local, setLocal] = useState<{ errors: Partial<Record<FieldName, string>>; attempt: number }>({
    errors: {},
    attempt: 0,
  });

  const nominate = useMutation({
    mutationFn: (input: ParticipantInput) => activitiesApi.nominate(iteration.id, input),
    onSuccess: (nomination) => {
      // The seat count and waitlist on this page, and every nominations list, change.
      void queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
      void queryClient.invalidateQueries({ queryKey: NOMINATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["user", "activities"] });
      onDone(nomination);
    },
  });

  const server = useFieldErrors<FieldName>(nominate.error, toField);
  const errors: Partial<Record<FieldName, string>> = { ...server.errors, ...local.errors };
  const general =
    nominate.error && Object.keys(fieldErrorsOf(nominate.error, toField)).length === 0
      ? errorMessage(nominate.error)
      : undefined;

  const ids: Record<FieldName, string> = {
    nation: `${id}-nation`,
    name: `${id}-name`,
    rank: `${id}-rank`,
    email: `${id}-email`,
    clearance: `${id}-clearance`,
    languageLevel: `${id}-level`,
  };
  const labels: Record<FieldName, string> = {
    nation: t("nominate.nation"),
    name: t("nominate.name"),
    rank: t("nominate.rank"),
    email: t("nominate.email"),
    clearance: t("nominate.clearance"),
    languageLevel: t("nominate.languageLevel"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });

  const edited = (field: FieldName) => {
    server.edited(field);
    if (local.errors[field] !== undefined) {
      const { [field]: _gone, ...rest } = local.errors;
      setLocal({ errors: rest, attempt: local.attempt });
    }
  };

  const check = (): Partial<Record<FieldName, string>> => {
    const out: Partial<Record<FieldName, string>> = {};
    if (askNation && !/^[A-Za-z]{3}$/.test(nation.trim())) out.nation = t("nominate.nationInvalid");
    if (!name.trim()) out.name = t("form.required");
    if (!rank.trim()) out.rank = t("form.required");
    if (!email.trim()) out.email = t("form.required");
    else if (!EMAIL.test(email.trim())) out.email = t("nominate.emailInvalid");
    return out;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setLocal({ errors: found, attempt: local.attempt + 1 });
    if (Object.keys(found).length > 0) return;
    nominate.mutate({
      ...(askNation ? { nation: nation.trim().toUpperCase() } : {}),
      name: name.trim(),
      rank: rank.trim(),
      email: email.trim(),
      clearance,
      languageLevel,
    });
  };

  const titleId = `${id}-title`;
  return (
    <form className="card form nominate-form" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} className="form__title">
        {t("nominate.title", { code: iteration.code })}
      </h4>
      <p className="section-lead">
        {iteration.twoStep ? t("nominate.leadTwoStep") : t("nominate.lead")}{" "}
        {t("nominate.requirements", {
          clearance: classificationName(requiredClearance),
          language,
          level: requiredLevel,
        })}
      </p>
      <ErrorSummary
        items={summary}
        message={general}
        trigger={nominate.error ?? (local.attempt > 0 && summary.length > 0 ? local.attempt : null)}
      />
      <div className="form-grid">
        {askNation ? (
          <Field id={ids.nation} label={labels.nation} hint={t("nominate.nationHint")} error={errors.nation}>
            {(control) => (
              <input
                {...control}
                type="text"
                className="input--code input--short"
                value={nation}
                maxLength={3}
                onChange={(e) => {
                  setNation(e.target.value);
                  edited("nation");
                }}
                autoComplete="off"
              />
            )}
          </Field>
        ) : null}
        {TEXT_FIELDS.map(({ field, hint, email: isEmail }) => (
          <Field
            key={field}
            id={ids[field]}
            label={labels[field]}
            hint={hint ? t(hint) : undefined}
            error={errors[field]}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode={isEmail ? "email" : undefined}
                spellCheck={isEmail ? false : undefined}
                value={text[field]}
                onChange={(e) => {
                  setText((all) => ({ ...all, [field]: e.target.value }));
                  edited(field);
                }}
                autoComplete="off"
                required
                aria-required="true"
              />
            )}
          </Field>
        ))}
        <Field id={ids.clearance} label={labels.clearance} error={errors.clearance}>
          {(control) => (
            <select
              {...control}
              value={clearance}
              onChange={(e) => {
                setClearance(e.target.value as Clearance);
                edited("clearance");
              }}
            >
              {CLEARANCES.map((c) => (
                <option key={c} value={c}>
                  {classificationName(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={ids.languageLevel}
          label={labels.languageLevel}
          hint={t("nominate.levelHint", { language })}
          error={errors.languageLevel}
        >
          {(control) => (
            <select
              {...control}
              value={String(languageLevel)}
              onChange={(e) => {
                setLanguageLevel(Number(e.target.value));
                edited("languageLevel");
              }}
            >
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t("nominate.level", { level })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button" disabled={nominate.isPending}>
          {nominate.isPending ? t("nominate.submitting") : t("nominate.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}
