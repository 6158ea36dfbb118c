import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import type { AttendanceSheet } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ErrorState, errorMessage, Loading, NotFound } from "../../ui/States.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { feedbackApi } from "./api.ts";
import { attendanceKey, reportKey, useAttendance } from "./queries.ts";

type Mark = "yes" | "no" | "";

/** Owners and staff record who attended an iteration (after it is conducted). */
export function AttendancePage({ iterationId }: { iterationId: string }) {
  useDocumentTitle(t("attendance.title"));
  return <RequireAuth title={t("attendance.title")}>{() => <Attendance iterationId={iterationId} />}</RequireAuth>;
}

function Attendance({ iterationId }: { iterationId: string }) {
  const sheet = useAttendance(iterationId);
  if (sheet.isPending) return <Loading />;
  if (sheet.isError) {
    if (sheet.error instanceof ApiError && sheet.error.isNotFound) {
      return (
        <NotFound
          title={t("attendance.notFoundTitle")}
          message={t("attendance.notFoundMessage")}
          links={[{ to: "/activities", label: t("activity.backToMenu") }]}
        />
      );
    }
    return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;
  }
  return <AttendanceForm iterationId={iterationId} sheet={sheet.data} />;
}

function AttendanceForm({ iterationId, sheet }: { iterationId: string; sheet: AttendanceSheet }) {
  const queryClient = useQueryClient();
  const nationName = useNationName();
  const initial = () =>
    Object.fromEntries(
      sheet.records.map((r) => [r.nominationId, r.attended === null ? "" : r.attended ? "yes" : "no"]),
    ) as Record<string, Mark>;
  const [marks, setMarks] = useState<Record<string, Mark>>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh sheet from the server resets the marks
  useEffect(() => setMarks(initial()), [sheet]);
  const save = useMutation({
    mutationFn: () =>
      feedbackApi.recordAttendance(iterationId, {
        records: Object.entries(marks)
          .filter(([, m]) => m !== "")
          .map(([nominationId, m]) => ({ nominationId, attended: m === "yes" })),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(attendanceKey(iterationId), next);
      void queryClient.invalidateQueries({ queryKey: reportKey(iterationId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/activities">{t("menu.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("attendance.title")}</span>
      </p>
      <PageHeader
        title={t("attendance.title")}
        lead={sheet.canRecord ? t("attendance.lead") : t("attendance.readOnly")}
        actions={<Link to={`/iterations/${encodeURIComponent(iterationId)}/report`}>{t("iteration.report")}</Link>}
      />
      {sheet.records.length === 0 ? (
        <p className="state state--empty">{t("attendance.empty")}</p>
      ) : (
        <form onSubmit={onSubmit} aria-labelledby="page-title">
          <DataTable
            caption={t("attendance.caption")}
            columns={[
              t("nominations.col.participant"),
              t("nominations.col.nation"),
              t("attendance.col.attended"),
              t("attendance.col.feedback"),
            ]}
          >
            {sheet.records.map((r) => (
              <tr key={r.nominationId}>
                <th scope="row">
                  {r.name}
                  <span className="table__sub">{r.rank}</span>
                </th>
                <td>{nationName(r.nation)}</td>
                <td>
                  <fieldset className="attendance__choice">
                    <legend className="visually-hidden">{t("attendance.legend", { name: r.name })}</legend>
                    {(["yes", "no"] as const).map((m) => (
                      <label key={m} className="choice__option" htmlFor={`att-${r.nominationId}-${m}`}>
                        <input
                          id={`att-${r.nominationId}-${m}`}
                          type="radio"
                          name={`att-${r.nominationId}`}
                          checked={marks[r.nominationId] === m}
                          disabled={!sheet.canRecord}
                          onChange={() => setMarks((all) => ({ ...all, [r.nominationId]: m }))}
                        />
                        <span>{m === "yes" ? t("attendance.attended") : t("attendance.absent")}</span>
                      </label>
                    ))}
                  </fieldset>
                </td>
                <td>{r.feedbackSubmitted ? t("attendance.feedbackGiven") : t("attendance.feedbackNone")}</td>
              </tr>
            ))}
          </DataTable>
          {sheet.canRecord ? (
            <div className="form__actions form__actions--row">
              <button type="submit" className="button" disabled={save.isPending}>
                {save.isPending ? t("attendance.saving") : t("attendance.save")}
              </button>
              <span role="status">
                {save.isSuccess ? (
                  <span className="notice--inline">
                    <Icon name="check" /> {t("attendance.saved")}
                  </span>
                ) : null}
              </span>
            </div>
          ) : null}
          {save.isError ? (
            <p className="notice notice--warn" role="alert">
              {errorMessage(save.error)}
            </p>
          ) : null}
        </form>
      )}
    </>
  );
}
