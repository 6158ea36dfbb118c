import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { activitiesApi } from "../activities/api.ts";
import { activityKey } from "../activities/queries.ts";
import { useCreateAccessRequest } from "./queries.ts";
import type { AccessRequest } from "./types.ts";

type FieldName = "activityId" | "nation" | "reason";
const FIELDS: FieldName[] = ["activityId", "nation", "reason"];
const toField = (f: string): FieldName | null => ((FIELDS as string[]).includes(f) ? (f as FieldName) : null);

/** The activity the request is about, as the menu names it; looked up once its id is entered. */
function ActivityPreview({ activityId, id }: { activityId: string; id: string }) {
  const activity = useQuery({
    queryKey: activityKey(activityId),
    queryFn: ({ signal }) => activitiesApi.get(activityId, signal),
    enabled: activityId !== "",
    retry: false,
  });
  if (activityId === "") return null;
  return (
    <p className="access-request__activity" id={id} aria-live="polite">
      {activity.isPending ? (
        t("state.loading")
      ) : activity.isError ? (
        activity.error instanceof ApiError && activity.error.isNotFound ? (
          t("accessRequests.form.noActivity")
        ) : (
          errorMessage(activity.error)
        )
      ) : (
        <>
          <span className="visually-hidden">{t("accessRequests.form.activityFound")} </span>
          <strong className="access-request__ref">{activity.data.reference}</strong>{" "}
          <Link to={`/activities/${encodeURIComponent(activity.data.id)}`}>{activity.data.title}</Link>
        </>
      )}
    </p>
  );
}

/** A partner asks the Council for access to one activity; staff may file for a nation. */
export function AccessRequestForm({
  initialActivity,
  askNation,
  onDone,
}: {
  initialActivity: string;
  askNation: boolean;
  onDone: (request: AccessRequest) => void;
}) {
  const id = useId();
  const nations = useNations();
  const create = useCreateAccessRequest();
  const [activityId, setActivityId] = useState(initialActivity);
  const [lookup, setLookup] = useState(initialActivity.trim());
  const [nation, setNation] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<{ errors: Partial<Record<FieldName, string>>; attempt: number }>({
    errors: {},
    attempt: 0,
  });
  const server = useFieldErrors<FieldName>(create.error, toField);
  const errors: Partial<Record<FieldName, string>> = { ...server.errors, ...local.errors };
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const ids: Record<FieldName, string> = {
    activityId: `${id}-activity`,
    nation: `${id}-nation`,
    reason: `${id}-reason`,
  };
  const labels: Record<FieldName, string> = {
    activityId: t("accessRequests.form.activity"),
    nation: t("accessRequests.form.nation"),
    reason: t("accessRequests.form.reason"),
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    if (!activityId.trim()) found.activityId = t("form.required");
    if (askNation && !nation) found.nation = t("form.required");
    if (!reason.trim()) found.reason = t("form.required");
    setLocal({ errors: found, attempt: local.attempt + 1 });
    if (Object.keys(found).length > 0) return;
    setLookup(activityId.trim());
    create.mutate(
      { activityId: activityId.trim(), reason: reason.trim(), ...(askNation ? { nation } : {}) },
      {
        onSuccess: (request) => {
          setReason("");
          onDone(request);
        },
      },
    );
  };

  const previewId = `${id}-preview`;
  return (
    <form className="card form access-request-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="form__title">
        {t("accessRequests.form.title")}
      </h2>
      <p className="section-lead">{askNation ? t("accessRequests.form.leadStaff") : t("accessRequests.form.lead")}</p>
      <ErrorSummary
        items={summary}
        message={general}
        trigger={create.error ?? (local.attempt > 0 && summary.length > 0 ? local.attempt : null)}
      />
      <div className="form-grid">
        <Field
          id={ids.activityId}
          label={labels.activityId}
          hint={t("accessRequests.form.activityHint")}
          error={errors.activityId}
          className="form-grid__wide"
        >
          {(control) => (
            <>
              <input
                {...control}
                aria-describedby={[control["aria-describedby"], lookup ? previewId : null].filter(Boolean).join(" ")}
                type="text"
                className="input--mono"
                value={activityId}
                onChange={(e) => {
                  setActivityId(e.target.value);
                  edited("activityId");
                }}
                onBlur={() => setLookup(activityId.trim())}
                autoComplete="off"
                spellCheck={false}
              />
              <ActivityPreview activityId={lookup} id={previewId} />
            </>
          )}
        </Field>
        {askNation ? (
          <Field id={ids.nation} label={labels.nation} error={errors.nation}>
            {(control) => (
              <select
                {...control}
                value={nation}
                onChange={(e) => {
                  setNation(e.target.value);
                  edited("nation");
                }}
              >
                <option value="">{t("accessRequests.form.chooseNation")}</option>
                {(nations.data?.nations ?? [])
                  .filter((n) => n.kind === "state")
                  .map((n) => (
                    <option key={n.code} value={n.code}>
                      {n.name} ({n.code})
                    </option>
                  ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field
          id={ids.reason}
          label={labels.reason}
          hint={t("accessRequests.form.reasonHint")}
          error={errors.reason}
          className="form-grid__wide"
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={2000}
              value={reason}
              required
              aria-required="true"
              onChange={(e) => {
                setReason(e.target.value);
                edited("reason");
              }}
            />
          )}
        </Field>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t("accessRequests.form.sending") : t("accessRequests.form.submit")}
        </button>
      </div>
    </form>
  );
}
