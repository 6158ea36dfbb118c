import type { IterationDetail } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { DataTable, ListState } from "../../ui/States.tsx";
import { useNationName } from "./AccessOutcome.tsx";
import { NominationActions } from "./NominationActions.tsx";
import { NominationStatusBadge } from "./NominationStatusBadge.tsx";
import { useIterationNominations } from "./queries.ts";

/**
 * An iteration's nominations as the viewer may see them (owner and staff: every nation's;
 * partners: their own). Reviewers accept or decline two-step nominations; anyone listed may be
 * withdrawn.
 */
export function IterationNominations({
  activityId,
  iteration,
  canReview,
}: {
  activityId: string;
  iteration: IterationDetail;
  canReview: boolean;
}) {
  const nominations = useIterationNominations(iteration.id, true);
  const nationName = useNationName();
  const rows = nominations.data?.nominations ?? [];
  return (
    <div className="iteration-nominations">
      <h4>{t("iterationNominations.title", { code: iteration.code })}</h4>
      <ListState query={nominations} isEmpty={rows.length === 0} empty={t("iterationNominations.empty")}>
        <DataTable
          caption={t("iterationNominations.caption", { code: iteration.code })}
          columns={[
            t("nominations.col.participant"),
            t("nominations.col.nation"),
            t("nominations.col.status"),
            t("nominations.col.submitted"),
          ]}
          actions
          className="table--compact"
          busy={nominations.isFetching}
        >
          {rows.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                {n.name}
                <span className="table__sub">
                  {n.rank} · {n.email}
                </span>
              </th>
              <td>{nationName(n.nation)}</td>
              <td>
                <NominationStatusBadge status={n.status} position={n.waitlistPosition} />
              </td>
              <td>
                <time dateTime={n.createdAt}>{n.createdAt.slice(0, 10)}</time>
              </td>
              <td className="table__actions">
                <NominationActions nomination={n} activityId={activityId} canReview={canReview} canWithdraw />
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
    </div>
  );
}
