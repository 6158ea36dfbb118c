import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { useMe } from "../auth/session.ts";
import { formatPeriod } from "./labels.ts";
import { useOperations } from "./queries.ts";

/** Every NATO-led operation, with its theatre and period, linking to its page. */
export function OperationsPage() {
  useDocumentTitle(t("operations.list.title"));
  const operations = useOperations();
  const me = useMe();
  const rows = operations.data?.operations ?? [];
  return (
    <>
      <PageHeader
        title={t("operations.list.title")}
        lead={t("operations.list.lead")}
        actions={
          me.user ? (
            <Link to="/postings" className="button button--secondary">
              {t("operations.postings.link")}
            </Link>
          ) : null
        }
      />
      <ListState query={operations} isEmpty={rows.length === 0} empty={t("operations.list.empty")}>
        <DataTable
          caption={t("operations.list.caption")}
          columns={[
            t("operations.col.operation"),
            t("operations.col.theatre"),
            t("operations.col.period"),
            t("operations.col.status"),
          ]}
          className="ops-table"
        >
          {rows.map((o) => (
            <tr key={o.code}>
              <th scope="row">
                <Link to={`/operations/${encodeURIComponent(o.code)}`}>{o.name}</Link>
                <span className="table__sub">{o.code}</span>
              </th>
              <td>{o.theatre}</td>
              <td>{formatPeriod(o.startDate, o.startPrecision, o.endDate, o.endPrecision)}</td>
              <td>
                {o.active ? (
                  <span className="badge badge--current">{t("operations.active")}</span>
                ) : (
                  <span className="badge badge--muted">{t("operations.ended")}</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
    </>
  );
}
