import { useId, useState } from "react";
import { formatDateTime } from "../../i18n/dates.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { DataTable, ErrorState, Loading } from "../../ui/States.tsx";
import { useProgrammeDiff } from "./queries.ts";
import type { Programme, ProgrammeDiff } from "./types.ts";

const KIND: Record<ProgrammeDiff["changes"][number]["kind"], MessageKey> = {
  added: "programmeDiff.added",
  removed: "programmeDiff.removed",
  changed: "programmeDiff.changed",
};

/** Every revision kept, and the difference between any two of them. */
export function RevisionsPanel({ programme: p }: { programme: Programme }) {
  const revisions = [...p.revisions].sort((a, b) => b.number - a.number);
  return (
    <section className="section" aria-labelledby="programme-revisions-title">
      <div className="section__head">
        <h2 id="programme-revisions-title">{t("programme.revisions")}</h2>
      </div>
      <DataTable
        caption={t("programme.revisionsCaption")}
        columns={[
          t("programme.rev.number"),
          t("programme.rev.title"),
          t("programme.rev.note"),
          t("programme.rev.by"),
          t("programme.rev.at"),
        ]}
      >
        {revisions.map((r) => (
          <tr key={r.number}>
            <td className="programme-num">
              {r.number}
              {r.number === p.currentRevision ? (
                <span className="badge badge--current programme-rev__current">{t("programme.rev.current")}</span>
              ) : null}
            </td>
            <td>{r.title}</td>
            <td>{r.note || <span className="muted">{t("programme.rev.noNote")}</span>}</td>
            <td>{r.createdBy.displayName}</td>
            <td className="nowrap">
              <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
            </td>
          </tr>
        ))}
      </DataTable>
      {p.revisions.length >= 2 ? <DiffView programme={p} /> : <p className="muted">{t("programmeDiff.onlyOne")}</p>}
    </section>
  );
}

function DiffView({ programme: p }: { programme: Programme }) {
  const id = useId();
  const numbers = p.revisions.map((r) => r.number).sort((a, b) => a - b);
  const [from, setFrom] = useState(numbers[numbers.length - 2] ?? 1);
  const [to, setTo] = useState(numbers[numbers.length - 1] ?? 1);
  const diff = useProgrammeDiff(p.id, from, to, from !== to);
  const select = (label: string, value: number, set: (n: number) => void, key: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={String(value)} onChange={(e) => set(Number(e.target.value))}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            {t("programmeDiff.revisionN", { n })}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="programme-diff">
      <h3>{t("programmeDiff.title")}</h3>
      <div className="toolbar programme-diff__pick">
        {select(t("programmeDiff.from"), from, setFrom, "from")}
        {select(t("programmeDiff.to"), to, setTo, "to")}
      </div>
      <p className="muted programme-diff__legend">
        {t("programmeDiff.legend")} <ins>{t("programmeDiff.inserted")}</ins> <del>{t("programmeDiff.deleted")}</del>
      </p>
      <div aria-live="polite" aria-busy={diff.isFetching}>
        {from === to ? (
          <p className="muted">{t("programmeDiff.same")}</p>
        ) : diff.isPending ? (
          <Loading />
        ) : diff.isError ? (
          <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
        ) : diff.data.changes.length === 0 ? (
          <p className="muted">{t("programmeDiff.none", { from: diff.data.from, to: diff.data.to })}</p>
        ) : (
          <>
            <p>
              {t("programmeDiff.summary", { count: diff.data.changes.length, from: diff.data.from, to: diff.data.to })}
            </p>
            <ul className="programme-diff__changes">
              {diff.data.changes.map((c) => (
                <li key={c.section} className={`programme-diff__change programme-diff__change--${c.kind}`}>
                  <h4>
                    {c.heading} <span className="badge badge--muted">{t(KIND[c.kind])}</span>
                  </h4>
                  <p className="programme-text programme-diff__text">
                    {c.parts.map((part, i) =>
                      part.added ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <ins key={i}>
                          <span className="visually-hidden">{t("programmeDiff.insStart")}</span>
                          {part.value}
                          <span className="visually-hidden">{t("programmeDiff.insEnd")}</span>
                        </ins>
                      ) : part.removed ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <del key={i}>
                          <span className="visually-hidden">{t("programmeDiff.delStart")}</span>
                          {part.value}
                          <span className="visually-hidden">{t("programmeDiff.delEnd")}</span>
                        </del>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their order
                        <span key={i}>{part.value}</span>
                      ),
                    )}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
