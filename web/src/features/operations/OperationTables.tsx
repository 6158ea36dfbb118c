import { ApiError } from "../../api/client.ts";
import { formatDate } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { kindName, lastDay, recognitionStatusName } from "./labels.ts";
import { useContributions, useRecognitions } from "./queries.ts";

/** The recognition cases the viewer may see for an operation (staff: all; a partner: its own). */
export function RecognitionsTable({ operation }: { operation: string }) {
  const recognitions = useRecognitions({ operation });
  const rows = recognitions.data?.recognitions ?? [];
  return (
    <ListState query={recognitions} isEmpty={rows.length === 0} empty={t("operations.recognitions.empty")}>
      <DataTable
        caption={t("operations.recognitions.title")}
        columns={[
          t("operations.col.nation"),
          t("operations.col.status"),
          t("operations.col.recognisedFrom"),
          t("operations.col.recognisedTo"),
          t("operations.col.case"),
        ]}
      >
        {rows.map((r) => {
          const to = lastDay(r.recognisedTo);
          return (
            <tr key={r.id}>
              <th scope="row">{r.nation.name}</th>
              <td>
                <span className={`badge ops-rec ops-rec--${r.status}`}>{recognitionStatusName(r.status)}</span>
              </td>
              <td>{r.recognisedFrom ? formatDate(r.recognisedFrom) : "—"}</td>
              <td>{to ? formatDate(to) : "—"}</td>
              <td>
                <Link to={`/recognitions/${encodeURIComponent(r.id)}`}>
                  {t("operations.recognitions.open")}
                  <span className="visually-hidden"> {r.nation.name}</span>
                </Link>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </ListState>
  );
}

/** Contributions other than troops (funding, projects, medical, equipment, training). */
export function ContributionsTable({ operation }: { operation: string }) {
  const contributions = useContributions({ operation });
  const rows = (contributions.data?.contributions ?? []).filter((c) => c.kind !== "troops");
  if (contributions.isError && contributions.error instanceof ApiError && contributions.error.status === 401) {
    return <p className="muted">{t("operations.loginToSee")}</p>;
  }
  return (
    <ListState query={contributions} isEmpty={rows.length === 0} empty={t("operations.contributions.empty")}>
      <DataTable
        caption={t("operations.contributions.title")}
        columns={[
          t("operations.col.nation"),
          t("operations.col.kind"),
          t("operations.col.date"),
          t("operations.col.amount"),
          t("operations.col.description"),
          t("operations.col.marking"),
        ]}
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.nation.name}</th>
            <td>{kindName(c.kind)}</td>
            <td>{formatDate(c.asOf)}</td>
            <td className="ops-num">
              {c.amount === null ? "—" : `${formatNumber(c.amount)}${c.currency ? ` ${c.currency}` : ""}`}
            </td>
            <td>{c.description || "—"}</td>
            <td>
              <LabelBadge marking={c.marking} />
            </td>
          </tr>
        ))}
      </DataTable>
    </ListState>
  );
}
