import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { DataTable, errorMessage } from "../../ui/States.tsx";
import { meetingsApi } from "./api.ts";
import { ITEM_STATUSES, itemStatusName } from "./labels.tsx";
import { ACTION_ITEMS_KEY, MEETINGS_KEY } from "./queries.ts";
import type { ActionItem, ActionItemStatus } from "./types.ts";

/** Overdue said in words and shown in colour: the words carry it, the colour only repeats it. */
export function OverdueFlag({ item }: { item: ActionItem }) {
  if (!item.overdue) return null;
  return <span className="badge badge--suspended action-item__overdue">{t("meetings.item.overdue")}</span>;
}

function StatusControl({ item }: { item: ActionItem }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ActionItemStatus>(item.status);
  const update = useMutation({
    mutationFn: (s: ActionItemStatus) => meetingsApi.updateActionItem(item.id, { status: s }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
      void queryClient.invalidateQueries({ queryKey: MEETINGS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["user", "meeting", item.meeting.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(status);
  };
  const selectId = `item-status-${item.id}`;
  return (
    <form className="action-item__status-form" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        {t("meetings.item.statusOf", { text: item.text })}
      </label>
      <select id={selectId} value={status} onChange={(e) => setStatus(e.target.value as ActionItemStatus)}>
        {ITEM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {itemStatusName(s)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--secondary button--small"
        disabled={update.isPending || status === item.status}
      >
        {t("meetings.item.update")}
      </button>
      {update.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </form>
  );
}

/** Action items with owner, due date, status and the overdue flag; staff change statuses. */
export function ActionItemTable({
  items,
  canUpdate,
  showMeeting,
  busy,
}: {
  items: ActionItem[];
  canUpdate: boolean;
  showMeeting: boolean;
  busy?: boolean;
}) {
  const columns = [
    t("meetings.item.col.text"),
    ...(showMeeting ? [t("meetings.item.col.meeting")] : []),
    t("meetings.item.col.owner"),
    t("meetings.item.col.due"),
    t("meetings.item.col.status"),
  ];
  return (
    <DataTable
      caption={t("meetings.items.title")}
      columns={columns}
      actions={canUpdate}
      className="action-items-table"
      busy={busy ?? false}
    >
      {items.map((item) => (
        <tr key={item.id} className={item.overdue ? "action-item--overdue" : undefined}>
          <th scope="row" className="meetings-row-head">
            {item.text}
          </th>
          {showMeeting ? (
            <td>
              <Link to={`/meetings/${encodeURIComponent(item.meeting.id)}`}>{item.meeting.title}</Link>
              <span className="table__sub">
                <DateText date={item.meeting.meetingDate} />
              </span>
            </td>
          ) : null}
          <td>
            {item.owner.name}
            <span className="table__sub">{item.owner.code}</span>
          </td>
          <td>
            <DateText date={item.dueDate} /> <OverdueFlag item={item} />
          </td>
          <td>{itemStatusName(item.status)}</td>
          {canUpdate ? (
            <td>
              <StatusControl item={item} />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
