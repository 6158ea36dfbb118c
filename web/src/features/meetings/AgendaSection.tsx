import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "../../api/client.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { EmptyState, errorMessage } from "../../ui/States.tsx";
import { meetingsApi } from "./api.ts";
import { useMeetingChange } from "./queries.ts";
import type { AgendaItem, Meeting } from "./types.ts";

/** "DOC-1, 3f2a…" → document ids: each entry is an id, or else a reference looked up in the register. */
async function resolveDocuments(text: string): Promise<string[]> {
  const tokens = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const ids: string[] = [];
  for (const token of tokens) {
    try {
      ids.push((await api.document(token)).id);
      continue;
    } catch (error) {
      if (!(error instanceof ApiError && error.isNotFound)) throw error;
    }
    const found = (await api.documents({ q: token, limit: 10 })).documents.find(
      (d) => d.reference.toLowerCase() === token.toLowerCase(),
    );
    if (!found) throw new ApiError(404, "NOT_FOUND", t("meetings.agenda.noDocument", { token }));
    ids.push(found.id);
  }
  return ids;
}

const editable = (m: Meeting) => m.status !== "cancelled";

/** The ordered agenda with its documents; staff add, edit and remove items. */
export function AgendaSection({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  const id = useId();
  const canEdit = isStaff && editable(m);
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.agenda.title")}</h2>
      {m.agenda.length === 0 ? (
        <EmptyState>{t("meetings.agenda.empty")}</EmptyState>
      ) : (
        <ol className="agenda">
          {[...m.agenda]
            .sort((a, b) => a.position - b.position)
            .map((item) => (
              <AgendaEntry key={item.id} meeting={m} item={item} canEdit={canEdit} />
            ))}
        </ol>
      )}
      {canEdit ? <AgendaItemForm meeting={m} /> : null}
    </section>
  );
}

function DocumentList({ item }: { item: AgendaItem }) {
  if (item.documents.length === 0) return null;
  return (
    <ul className="agenda__documents" aria-label={t("meetings.agenda.documents")}>
      {item.documents.map((d) => (
        <li key={d.id}>
          <Link to={`/documents/${encodeURIComponent(d.id)}`}>
            {d.reference} – {d.title}
          </Link>{" "}
          <LabelBadge marking={d.marking} />
        </li>
      ))}
    </ul>
  );
}

function AgendaEntry({ meeting: m, item, canEdit }: { meeting: Meeting; item: AgendaItem; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useMeetingChange(() => meetingsApi.removeAgendaItem(m.id, item.id));
  return (
    <li className="agenda__item card">
      <h3>{item.title}</h3>
      {item.description ? <p className="agenda__description">{item.description}</p> : null}
      {item.operation ? (
        <p>
          {t("meetings.agenda.operation")}{" "}
          <Link to={`/operations/${encodeURIComponent(item.operation.code)}/force-generation`}>
            {item.operation.name}
          </Link>
        </p>
      ) : null}
      <DocumentList item={item} />
      {item.outcome ? (
        <p>
          <strong>{t("meetings.agenda.outcome")}</strong> {item.outcome}
        </p>
      ) : null}
      {remove.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      {canEdit && !editing ? (
        <span className="button-row">
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
            {t("meetings.agenda.edit", { title: item.title })}
          </button>
          <button
            type="button"
            className="button button--danger-outline button--small"
            onClick={() => setRemoving(true)}
          >
            {t("meetings.agenda.remove", { title: item.title })}
          </button>
        </span>
      ) : null}
      {editing ? <AgendaItemForm meeting={m} item={item} onDone={() => setEditing(false)} /> : null}
      <ConfirmDialog
        open={removing}
        title={t("meetings.agenda.removeTitle", { title: item.title })}
        confirmLabel={t("meetings.agenda.removeConfirm")}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate(undefined, { onSettled: () => setRemoving(false) })}
        onCancel={() => setRemoving(false)}
      >
        <p>{t("meetings.agenda.removeBody")}</p>
      </ConfirmDialog>
    </li>
  );
}

type Draft = { title: string; description: string; outcome: string; documents: string };

/** Adds an item (no `item`) or edits one; documents are given by id or reference. */
function AgendaItemForm({ meeting: m, item, onDone }: { meeting: Meeting; item?: AgendaItem; onDone?: () => void }) {
  const id = useId();
  const empty: Draft = { title: "", description: "", outcome: "", documents: "" };
  const [draft, setDraft] = useState<Draft>(
    item
      ? {
          title: item.title,
          description: item.description,
          outcome: item.outcome,
          documents: item.documents.map((d) => d.reference).join(", "),
        }
      : empty,
  );
  const save = useMeetingChange(async (d: Draft) => {
    const documentIds = await resolveDocuments(d.documents);
    if (item) {
      return meetingsApi.updateAgendaItem(m.id, item.id, {
        title: d.title.trim(),
        description: d.description.trim(),
        outcome: d.outcome.trim(),
        documentIds,
      });
    }
    return meetingsApi.addAgendaItem(m.id, { title: d.title.trim(), description: d.description.trim(), documentIds });
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError
      ? save.error.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))?.message
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft, {
      onSuccess: () => {
        if (!item) setDraft(empty);
        onDone?.();
      },
    });
  };
  const set = (k: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [k]: value }));
  const titleError = fieldError("title");
  const docsError = fieldError("documentIds");
  return (
    <form className="card form meeting-inline-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {item ? t("meetings.agenda.editTitle", { title: item.title }) : t("meetings.agenda.addTitle")}
      </h3>
      {save.isError && !titleError && !docsError ? (
        <p className="field__error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <div className={titleError ? "field field--error" : "field"}>
        <label htmlFor={`${id}-t`}>{t("meetings.agenda.itemTitle")}</label>
        {titleError ? (
          <p className="field__error" id={`${id}-t-error`} role="alert">
            {titleError}
          </p>
        ) : null}
        <input
          id={`${id}-t`}
          type="text"
          value={draft.title}
          required
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? `${id}-t-error` : undefined}
          onChange={(e) => set("title")(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-d`}>{t("meetings.agenda.description")}</label>
        <textarea
          id={`${id}-d`}
          rows={2}
          value={draft.description}
          onChange={(e) => set("description")(e.target.value)}
        />
      </div>
      {item ? (
        <div className="field">
          <label htmlFor={`${id}-o`}>{t("meetings.agenda.outcome")}</label>
          <textarea id={`${id}-o`} rows={2} value={draft.outcome} onChange={(e) => set("outcome")(e.target.value)} />
        </div>
      ) : null}
      <div className={docsError ? "field field--error" : "field"}>
        <label htmlFor={`${id}-docs`}>{t("meetings.agenda.documentsField")}</label>
        <p className="field__hint" id={`${id}-docs-hint`}>
          {t("meetings.agenda.documentsHint")}
        </p>
        {docsError ? (
          <p className="field__error" id={`${id}-docs-error`} role="alert">
            {docsError}
          </p>
        ) : null}
        <input
          id={`${id}-docs`}
          type="text"
          className="input--mono"
          value={draft.documents}
          aria-describedby={docsError ? `${id}-docs-hint ${id}-docs-error` : `${id}-docs-hint`}
          onChange={(e) => set("documents")(e.target.value)}
        />
      </div>
      <span className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {item ? t("meetings.agenda.save") : t("meetings.agenda.add")}
        </button>
        {onDone ? (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t("dialog.cancel")}
          </button>
        ) : null}
      </span>
    </form>
  );
}
