import { apiUrl, code as id, send } from "../../api/client.ts";
import type {
  Programme,
  ProgrammeAction,
  ProgrammeCommentInput,
  ProgrammeDiff,
  ProgrammeInput,
  ProgrammeList,
  ProgrammeProgress,
  ProgrammeRevisionContent,
  ProgrammeRevisionInput,
  ProgrammeStatus,
  ProgrammeType,
} from "./types.ts";

/** The list's filters, exactly as the address's query string carries them. */
export type ProgrammeFilters = {
  q?: string | undefined;
  status?: ProgrammeStatus | undefined;
  type?: ProgrammeType | undefined;
};

const toQuery = (f: ProgrammeFilters): Record<string, string | undefined> => ({
  q: f.q,
  status: f.status,
  type: f.type,
});

/** The programme endpoints (src/http/routes/programmes.ts). */
export const programmesApi = {
  list: (filters: ProgrammeFilters, signal?: AbortSignal) =>
    send<ProgrammeList>("/programmes", { query: { ...toQuery(filters), limit: "200" }, signal }),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (filters: ProgrammeFilters) => apiUrl("/programmes/export.csv", toQuery(filters)),
  get: (programmeId: string, signal?: AbortSignal) => send<Programme>(`/programmes/${id(programmeId)}`, { signal }),
  create: (input: ProgrammeInput) => send<Programme>("/programmes", { method: "POST", body: input }),
  revise: (programmeId: string, input: ProgrammeRevisionInput) =>
    send<Programme>(`/programmes/${id(programmeId)}/revisions`, { method: "POST", body: input }),
  revision: (programmeId: string, number: number, signal?: AbortSignal) =>
    send<ProgrammeRevisionContent>(`/programmes/${id(programmeId)}/revisions/${number}`, { signal }),
  diff: (programmeId: string, from: number, to: number, signal?: AbortSignal) =>
    send<ProgrammeDiff>(`/programmes/${id(programmeId)}/diff`, {
      query: { from: String(from), to: String(to) },
      signal,
    }),
  act: (programmeId: string, action: ProgrammeAction) =>
    send<Programme>(`/programmes/${id(programmeId)}/actions`, { method: "POST", body: { action } }),
  comment: (programmeId: string, input: ProgrammeCommentInput) =>
    send<unknown>(`/programmes/${id(programmeId)}/comments`, { method: "POST", body: input }),
  progress: (programmeId: string, signal?: AbortSignal) =>
    send<ProgrammeProgress>(`/programmes/${id(programmeId)}/progress`, { signal }),
};
