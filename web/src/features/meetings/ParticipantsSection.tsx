import { type FormEvent, useId, useState } from "react";
import { useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import { errorMessage } from "../../ui/States.tsx";
import { meetingsApi } from "./api.ts";
import { countsSentence, ParticipantCounts, ParticipantTable } from "./ParticipantList.tsx";
import { useMeetingChange } from "./queries.ts";
import type { AdjustmentInput, Meeting, Participant } from "./types.ts";

/** The resolved (or, after invitations, the invited) participants; staff adjust them while planning. */
export function ParticipantsSection({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  const id = useId();
  const [showAllies, setShowAllies] = useState(false);
  const adjust = useMeetingChange((input: AdjustmentInput) => meetingsApi.adjust(m.id, input));
  const canAdjust = isStaff && m.canEdit;
  const control = (p: Participant) => {
    const added = p.reasons.some((r) => r.kind === "added");
    const allyOnly = p.reasons.every((r) => r.kind === "ally");
    if (p.removed || added) {
      return (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={adjust.isPending}
          onClick={() => adjust.mutate({ nation: p.nation.code, action: "clear" })}
        >
          {p.removed
            ? t("meetings.adjust.restore", { nation: p.nation.name })
            : t("meetings.adjust.undoAdd", { nation: p.nation.name })}
        </button>
      );
    }
    if (allyOnly) return <span className="muted">{t("meetings.adjust.allyAlways")}</span>;
    return (
      <button
        type="button"
        className="button button--danger-outline button--small"
        disabled={adjust.isPending}
        onClick={() => adjust.mutate({ nation: p.nation.code, action: "remove" })}
      >
        {t("meetings.adjust.remove", { nation: p.nation.name })}
      </button>
    );
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.participants.title")}</h2>
      <p className="section-lead">
        {m.status === "invited" || m.status === "held"
          ? t("meetings.participants.frozen")
          : t("meetings.participants.live")}
      </p>
      <p role="status">
        <strong>{countsSentence(m.participants)}</strong>
      </p>
      <ParticipantCounts participants={m.participants} />
      {adjust.isError ? (
        <div className="notice notice--warn" role="alert">
          <p>{errorMessage(adjust.error)}</p>
        </div>
      ) : null}
      <div className="field field--inline">
        <input
          id={`${id}-allies`}
          type="checkbox"
          checked={showAllies}
          onChange={(e) => setShowAllies(e.target.checked)}
        />
        <label htmlFor={`${id}-allies`}>
          {t("meetings.participants.showAllies", { count: m.participants.allies })}
        </label>
      </div>
      <ParticipantTable
        participants={m.participants}
        caption={t("meetings.participants.title")}
        showAllies={showAllies}
        {...(canAdjust ? { extra: { heading: t("meetings.adjust.column"), render: control } } : {})}
      />
      {canAdjust ? <AddParticipant meeting={m} adjust={adjust} /> : null}
    </section>
  );
}

function AddParticipant({
  meeting: m,
  adjust,
}: {
  meeting: Meeting;
  adjust: ReturnType<typeof useMeetingChange<AdjustmentInput>>;
}) {
  const id = useId();
  const nations = useNations();
  const [nation, setNation] = useState("");
  const [note, setNote] = useState("");
  const present = new Set(m.participants.participants.filter((p) => !p.removed).map((p) => p.nation.code));
  const choices = (nations.data?.nations ?? []).filter((n) => !present.has(n.code));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nation) return;
    adjust.mutate(
      { nation, action: "add", note: note.trim() },
      {
        onSuccess: () => {
          setNation("");
          setNote("");
        },
      },
    );
  };
  return (
    <form className="card form meeting-inline-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("meetings.adjust.addTitle")}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-nation`}>{t("meetings.adjust.nation")}</label>
          <select id={`${id}-nation`} value={nation} onChange={(e) => setNation(e.target.value)} required>
            <option value="">{t("meetings.criteria.choose")}</option>
            {choices.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("meetings.adjust.note")}</label>
          <input id={`${id}-note`} type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="button" disabled={adjust.isPending || !nation}>
        {t("meetings.adjust.add")}
      </button>
    </form>
  );
}
