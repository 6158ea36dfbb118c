import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { useDebounced } from "../../ui/hooks.ts";
import { activitiesApi } from "../activities/api.ts";
import { ACTIVITIES_KEY } from "../activities/queries.ts";
import type { ActivityRef } from "./draft.ts";
import { moveItem } from "./draft.ts";
import { describedBy, type EditorProps, ErrorFor, ItemTools, ListFieldset, ObjectiveSelect } from "./ItemEditors.tsx";

type PickerProps = EditorProps & {
  /** Reference and title of the activities already named, for display. */
  known: Record<string, ActivityRef>;
  onKnown: (id: string, ref: ActivityRef) => void;
};

/** The activities of the programme (the means): searched on the menu, picked, each with its planned participants. */
export function ActivitiesEditor({ draft, update, errors, itpp, known, onKnown }: PickerProps) {
  return (
    <ListFieldset
      errors={errors}
      path="content.activities"
      legend={itpp ? t("programmeForm.activitiesItpp") : t("programmeForm.activities")}
      hint={t("programmeForm.activitiesHint")}
    >
      <MenuSearch
        picked={draft.activities.map((a) => a.activityId)}
        onPick={(id, ref) => {
          onKnown(id, ref);
          update((d) => ({
            ...d,
            activities: [...d.activities, { activityId: id, objectiveId: null, plannedParticipants: "1" }],
          }));
        }}
      />
      {draft.activities.length === 0 ? (
        <p className="muted">{t("programmeForm.noActivities")}</p>
      ) : (
        <ol className="programme-items" aria-label={t("programmeForm.pickedActivities")}>
          {draft.activities.map((a, i) => {
            const ref = known[a.activityId];
            const name = ref ? `${ref.reference} ${ref.title}` : a.activityId;
            const plannedPath = `content.activities.${i}.plannedParticipants`;
            const idPath = `content.activities.${i}.activityId`;
            const set = (change: Partial<typeof a>) =>
              update((d) => ({
                ...d,
                activities: d.activities.map((x) => (x.activityId === a.activityId ? { ...x, ...change } : x)),
              }));
            return (
              <li key={a.activityId} className="programme-item programme-activity">
                <p className="programme-activity__name">
                  <span className="activity-card__ref">{ref?.reference ?? a.activityId}</span>{" "}
                  <a href={`/activities/${encodeURIComponent(a.activityId)}`} target="_blank" rel="noopener">
                    {ref?.title ?? t("programmeForm.activityUnknown")}
                    <span className="visually-hidden"> {t("programmeForm.newTab")}</span>
                  </a>
                </p>
                <ErrorFor errors={errors} path={idPath} />
                <div className="programme-item__fields programme-item__fields--row">
                  <div className={errors.of(plannedPath) ? "field field--error" : "field"}>
                    <label htmlFor={errors.idOf(plannedPath)}>{t("programmeForm.plannedParticipants", { name })}</label>
                    <ErrorFor errors={errors} path={plannedPath} />
                    <input
                      id={errors.idOf(plannedPath)}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={500}
                      className="input--narrow"
                      value={a.plannedParticipants}
                      {...describedBy(errors, plannedPath)}
                      onChange={(e) => {
                        set({ plannedParticipants: e.target.value });
                        errors.edited(plannedPath);
                        errors.edited(idPath);
                      }}
                    />
                  </div>
                  <ObjectiveSelect
                    draft={draft}
                    errors={errors}
                    path={`content.activities.${i}.objectiveId`}
                    label={t("programmeForm.servesObjective", { name })}
                    value={a.objectiveId}
                    onChange={(objectiveId) => set({ objectiveId })}
                  />
                </div>
                <ItemTools
                  index={i}
                  count={draft.activities.length}
                  focusAfterRemove={errors.idOf("content.activities")}
                  name={name}
                  onMove={(by) => update((d) => ({ ...d, activities: moveItem(d.activities, i, by) }))}
                  onRemove={() =>
                    update((d) => ({ ...d, activities: d.activities.filter((x) => x.activityId !== a.activityId) }))
                  }
                />
              </li>
            );
          })}
        </ol>
      )}
    </ListFieldset>
  );
}

/** Type to search the menu; each result has an "Add" button (already picked ones say so). */
function MenuSearch({ picked, onPick }: { picked: string[]; onPick: (id: string, ref: ActivityRef) => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const settled = useDebounced(q.trim(), 300);
  const results = useQuery({
    queryKey: [...ACTIVITIES_KEY, "programme-picker", settled],
    queryFn: ({ signal }) => activitiesApi.list({ q: settled }, undefined, signal),
    enabled: settled.length >= 2,
    placeholderData: keepPreviousData,
  });
  const rows = settled.length >= 2 ? (results.data?.activities ?? []) : [];
  const status =
    settled.length < 2
      ? ""
      : results.isPending
        ? t("state.loading")
        : results.isError
          ? t("programmeForm.searchFailed")
          : t("programmeForm.searchCount", { count: rows.length, q: settled });
  return (
    <div className="programme-picker">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t("programmeForm.searchMenu")}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("programmeForm.searchMenuHint")}
        </p>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          aria-describedby={`${id}-hint ${id}-status`}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here; it must not submit the whole programme.
            if (e.key === "Enter") e.preventDefault();
          }}
        />
      </div>
      <p id={`${id}-status`} role="status" className="toolbar__count">
        {status}
      </p>
      {rows.length > 0 ? (
        <ul className="programme-picker__results" aria-label={t("programmeForm.searchResults")}>
          {rows.slice(0, 20).map((r) => {
            const already = picked.includes(r.id);
            return (
              <li key={r.id} className="programme-picker__result">
                <span>
                  <span className="activity-card__ref">{r.reference}</span> {r.title}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  // aria-disabled keeps focus on the button once it is used (disabled would drop it).
                  aria-disabled={already || undefined}
                  aria-label={
                    already
                      ? t("programmeForm.alreadyAdded", { name: r.title })
                      : t("programmeForm.addActivityNamed", { name: r.title })
                  }
                  onClick={() => {
                    if (!already) onPick(r.id, { reference: r.reference, title: r.title });
                  }}
                >
                  {already ? t("programmeForm.added") : t("programmeForm.add")}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
