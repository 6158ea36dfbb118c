import { type FormEvent, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { errorMessage } from "../../ui/States.tsx";
import { meetingsApi } from "./api.ts";
import { useMeetingChange } from "./queries.ts";
import type { AttendanceInput, Meeting } from "./types.ts";

type Row = { attended: boolean; representative: string };

/** Staff record, after the invitations, who attended and who represented each participant. */
export function AttendanceSection({ meeting: m }: { meeting: Meeting }) {
  const id = useId();
  const invited = m.participants.participants.filter((p) => !p.removed);
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      invited.map((p) => [p.nation.code, { attended: p.attended === true, representative: p.representative ?? "" }]),
    ),
  );
  const save = useMeetingChange((input: AttendanceInput) => meetingsApi.attendance(m.id, input));
  const set = (code: string, change: Partial<Row>) =>
    setRows((r) => ({ ...r, [code]: { ...(r[code] ?? { attended: false, representative: "" }), ...change } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      rows: invited.map((p) => {
        const row = rows[p.nation.code] ?? { attended: false, representative: "" };
        const representative = row.representative.trim();
        return representative
          ? { nation: p.nation.code, attended: row.attended, representative }
          : { nation: p.nation.code, attended: row.attended };
      }),
    });
  };
  const present = invited.filter((p) => rows[p.nation.code]?.attended).length;
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.attendance.title")}</h2>
      <form onSubmit={submit}>
        <p role="status">{t("meetings.attendance.count", { count: present, total: invited.length })}</p>
        <div className="table-wrap">
          <table className="table attendance-table">
            <caption className="visually-hidden">{t("meetings.attendance.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.participants.col.participant")}</th>
                <th scope="col">{t("meetings.attendance.attended")}</th>
                <th scope="col">{t("meetings.attendance.representative")}</th>
              </tr>
            </thead>
            <tbody>
              {invited.map((p) => {
                const row = rows[p.nation.code] ?? { attended: false, representative: "" };
                return (
                  <tr key={p.nation.code}>
                    <th scope="row" id={`${id}-${p.nation.code}`}>
                      {p.nation.name}
                    </th>
                    <td>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={row.attended}
                          onChange={(e) => set(p.nation.code, { attended: e.target.checked })}
                        />
                        <span aria-hidden="true">
                          {row.attended ? t("meetings.attendance.yes") : t("meetings.attendance.no")}
                        </span>
                        <span className="visually-hidden">
                          {t("meetings.attendance.attendedBy", { nation: p.nation.name })}
                        </span>
                      </label>
                    </td>
                    <td>
                      <input
                        type="text"
                        aria-label={t("meetings.attendance.representativeOf", { nation: p.nation.name })}
                        value={row.representative}
                        onChange={(e) => set(p.nation.code, { representative: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {save.isError ? (
          <p className="field__error" role="alert">
            {errorMessage(save.error)}
          </p>
        ) : null}
        {save.isSuccess ? (
          <p className="notice notice--ok" role="status">
            {t("meetings.attendance.saved")}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={save.isPending}>
          {t("meetings.attendance.save")}
        </button>
      </form>
    </section>
  );
}
