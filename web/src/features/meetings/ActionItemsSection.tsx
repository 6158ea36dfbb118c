import { type FormEvent, type ReactNode, useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useNations } from "../../api/queries.ts";
import { t } from "../../i18n/index.ts";
import { EmptyState, errorMessage } from "../../ui/States.tsx";
import { ActionItemTable } from "./ActionItemTable.tsx";
import { meetingsApi } from "./api.ts";
import { useMeetingChange } from "./queries.ts";
import type { ActionItemInput, Meeting } from "./types.ts";

/** The meeting's action items; staff add them. */
export function ActionItemsSection({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.items.title")}</h2>
      {m.actionItems.length === 0 ? (
        <EmptyState>{t("meetings.items.emptyMeeting")}</EmptyState>
      ) : (
        <ActionItemTable items={m.actionItems} canUpdate={isStaff} showMeeting={false} />
      )}
      {isStaff && m.status !== "cancelled" ? <AddActionItem meeting={m} /> : null}
    </section>
  );
}

function AddActionItem({ meeting: m }: { meeting: Meeting }) {
  const id = useId();
  const nations = useNations();
  const [text, setText] = useState("");
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [agendaItemId, setAgendaItemId] = useState("");
  const add = useMeetingChange((input: ActionItemInput) => meetingsApi.addActionItem(m.id, input));
  const errorOf = (field: string) =>
    add.error instanceof ApiError ? add.error.fields.find((f) => f.field === field)?.message : undefined;
  const participants = m.participants.participants.filter((p) => !p.removed).map((p) => p.nation);
  const others = (nations.data?.nations ?? []).filter((n) => !participants.some((p) => p.code === n.code));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ActionItemInput = { text: text.trim(), owner, dueDate };
    if (agendaItemId) input.agendaItemId = agendaItemId;
    add.mutate(input, {
      onSuccess: () => {
        setText("");
        setOwner("");
        setDueDate("");
        setAgendaItemId("");
      },
    });
  };
  const field = (name: string, label: string, control: (describedBy: string | undefined) => ReactNode) => {
    const error = errorOf(name);
    return (
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {error ? (
          <p className="field__error" id={`${id}-${name}-error`}>
            {error}
          </p>
        ) : null}
        {control(error ? `${id}-${name}-error` : undefined)}
      </div>
    );
  };
  const hasFieldErrors = add.error instanceof ApiError && add.error.fields.length > 0;
  return (
    <form className="card form meeting-inline-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("meetings.items.addTitle")}</h3>
      {add.isError ? (
        <p className="field__error" role="alert">
          {hasFieldErrors ? t("meetings.items.fixErrors") : errorMessage(add.error)}
        </p>
      ) : null}
      {field("text", t("meetings.item.col.text"), (d) => (
        <textarea
          id={`${id}-text`}
          rows={2}
          value={text}
          aria-describedby={d}
          aria-invalid={d ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      ))}
      <div className="form-grid">
        {field("owner", t("meetings.item.col.owner"), (d) => (
          <select
            id={`${id}-owner`}
            value={owner}
            aria-describedby={d}
            aria-invalid={d ? true : undefined}
            onChange={(e) => setOwner(e.target.value)}
          >
            <option value="">{t("meetings.criteria.choose")}</option>
            <optgroup label={t("meetings.items.participants")}>
              {participants.map((n) => (
                <option key={n.code} value={n.code}>
                  {n.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("meetings.items.others")}>
              {others.map((n) => (
                <option key={n.code} value={n.code}>
                  {n.name}
                </option>
              ))}
            </optgroup>
          </select>
        ))}
        {field("dueDate", t("meetings.item.col.due"), (d) => (
          <input
            id={`${id}-dueDate`}
            type="date"
            value={dueDate}
            aria-describedby={d}
            aria-invalid={d ? true : undefined}
            onChange={(e) => setDueDate(e.target.value)}
          />
        ))}
        {m.agenda.length > 0
          ? field("agendaItemId", t("meetings.items.agendaItem"), (d) => (
              <select
                id={`${id}-agendaItemId`}
                value={agendaItemId}
                aria-describedby={d}
                onChange={(e) => setAgendaItemId(e.target.value)}
              >
                <option value="">{t("meetings.items.noAgendaItem")}</option>
                {m.agenda.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.position}. {a.title}
                  </option>
                ))}
              </select>
            ))
          : null}
      </div>
      <button type="submit" className="button" disabled={add.isPending}>
        {t("meetings.items.add")}
      </button>
    </form>
  );
}
