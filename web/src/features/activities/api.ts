import { apiUrl, code as id, send } from "../../api/client.ts";
import type {
  ActivityAction,
  ActivityDetail,
  ActivityInput,
  ActivityPage,
  ActivityRecord,
  IterationInput,
  IterationView,
  NominationListItem,
  NominationStatus,
  NominationView,
  ParticipantInput,
} from "../../api/types.ts";
import { type ActivityFilters, filtersToQuery } from "./filters.ts";

export type NominationsQuery = {
  iteration?: string | undefined;
  status?: NominationStatus | undefined;
  nation?: string | undefined;
  from?: string | undefined;
};

/** The cooperation menu's endpoints (src/http/routes/activities.ts). */
export const activitiesApi = {
  list: (filters: ActivityFilters, cursor: string | undefined, signal?: AbortSignal) =>
    send<ActivityPage>("/activities", { query: { ...filtersToQuery(filters), cursor }, signal }),
  get: (activityId: string, signal?: AbortSignal) => send<ActivityDetail>(`/activities/${id(activityId)}`, { signal }),
  create: (input: ActivityInput) => send<ActivityRecord>("/activities", { method: "POST", body: input }),
  addIteration: (activityId: string, input: IterationInput) =>
    send<IterationView>(`/activities/${id(activityId)}/iterations`, { method: "POST", body: input }),
  transition: (activityId: string, action: ActivityAction) =>
    send<ActivityRecord>(`/activities/${id(activityId)}/transitions`, { method: "POST", body: { action } }),
  nominate: (iterationId: string, input: ParticipantInput) =>
    send<NominationView>(`/iterations/${id(iterationId)}/nominations`, { method: "POST", body: input }),
  iterationNominations: (iterationId: string, signal?: AbortSignal) =>
    send<{ nominations: NominationView[] }>(`/iterations/${id(iterationId)}/nominations`, { signal }),
  nominations: (q: NominationsQuery, signal?: AbortSignal) =>
    send<{ nominations: NominationListItem[] }>("/nominations", { query: q, signal }),
  withdraw: (nominationId: string) =>
    send<NominationView>(`/nominations/${id(nominationId)}/withdraw`, { method: "POST", body: {} }),
  decide: (nominationId: string, answer: "accept" | "decline") =>
    send<NominationView>(`/nominations/${id(nominationId)}/decision`, { method: "POST", body: { answer } }),
  cancelIteration: (iterationId: string) =>
    send<IterationView>(`/iterations/${id(iterationId)}/cancel`, { method: "POST", body: {} }),
  changeSeats: (iterationId: string, seats: number) =>
    send<{ seats: number; promoted: string[] }>(`/iterations/${id(iterationId)}/seats`, {
      method: "PUT",
      body: { seats },
    }),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (format: "csv" | "xlsx", filters: ActivityFilters) =>
    apiUrl(`/activities/export.${format}`, filtersToQuery(filters)),
};
