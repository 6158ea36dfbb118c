import { apiUrl, code as id, send } from "../../api/client.ts";
import type {
  ActionItem,
  ActionItemInput,
  ActionItemUpdate,
  AdjustmentInput,
  AgendaItemInput,
  AgendaItemUpdate,
  Area,
  AttendanceInput,
  Meeting,
  MeetingActionInput,
  MeetingInput,
  MeetingList,
  MeetingUpdate,
  OperationSummary,
  ResolvedParticipants,
  ResolveParticipantsInput,
} from "./types.ts";

export type MeetingQuery = {
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  limit?: string | undefined;
};
export type ActionItemQuery = { status?: string | undefined; owner?: string | undefined; dueBy?: string | undefined };

const patch = <T>(path: string, body: unknown) => send<T>(path, { method: "PATCH", body });

/** The meetings endpoints (src/http/routes/meetings.ts). */
export const meetingsApi = {
  list: (query: MeetingQuery, signal?: AbortSignal) => send<MeetingList>("/meetings", { query, signal }),
  get: (meetingId: string, signal?: AbortSignal) => send<Meeting>(`/meetings/${id(meetingId)}`, { signal }),
  create: (input: MeetingInput) => send<Meeting>("/meetings", { method: "POST", body: input }),
  update: (meetingId: string, input: MeetingUpdate) => patch<Meeting>(`/meetings/${id(meetingId)}`, input),
  resolve: (input: ResolveParticipantsInput, signal?: AbortSignal) =>
    send<ResolvedParticipants>("/meetings/resolve", { method: "POST", body: input, signal }),
  adjust: (meetingId: string, input: AdjustmentInput) =>
    send<Meeting>(`/meetings/${id(meetingId)}/adjustments`, { method: "POST", body: input }),
  act: (meetingId: string, input: MeetingActionInput) =>
    send<Meeting>(`/meetings/${id(meetingId)}/actions`, { method: "POST", body: input }),
  addAgendaItem: (meetingId: string, input: AgendaItemInput) =>
    send<Meeting>(`/meetings/${id(meetingId)}/agenda`, { method: "POST", body: input }),
  updateAgendaItem: (meetingId: string, itemId: string, input: AgendaItemUpdate) =>
    patch<Meeting>(`/meetings/${id(meetingId)}/agenda/${id(itemId)}`, input),
  removeAgendaItem: (meetingId: string, itemId: string) =>
    send<Meeting>(`/meetings/${id(meetingId)}/agenda/${id(itemId)}`, { method: "DELETE" }),
  attendance: (meetingId: string, input: AttendanceInput) =>
    send<Meeting>(`/meetings/${id(meetingId)}/attendance`, { method: "PUT", body: input }),
  addActionItem: (meetingId: string, input: ActionItemInput) =>
    send<Meeting>(`/meetings/${id(meetingId)}/action-items`, { method: "POST", body: input }),
  updateActionItem: (itemId: string, input: ActionItemUpdate) =>
    patch<ActionItem>(`/action-items/${id(itemId)}`, input),
  actionItems: (query: ActionItemQuery, signal?: AbortSignal) =>
    send<{ actionItems: ActionItem[] }>("/action-items", { query, signal }),
  icsUrl: (meetingId: string) => apiUrl(`/meetings/${id(meetingId)}/invitation.ics`),
  operations: (signal?: AbortSignal) => send<{ operations: OperationSummary[] }>("/operations", { signal }),
  areas: (signal?: AbortSignal) => send<{ areas: Area[] }>("/areas", { signal }),
};
