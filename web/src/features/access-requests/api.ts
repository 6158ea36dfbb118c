import { code as id, send } from "../../api/client.ts";
import type { AccessRequest, AccessRequestInput, AccessRequestList, ListAccessRequestsQuery } from "./types.ts";

export type AccessRequestQuery = { [K in keyof ListAccessRequestsQuery]?: string | undefined };

/** The access request endpoints (src/http/routes/access-requests.ts). */
export const accessRequestsApi = {
  list: (query: AccessRequestQuery, signal?: AbortSignal) =>
    send<AccessRequestList>("/access-requests", { query, signal }),
  get: (requestId: string, signal?: AbortSignal) =>
    send<AccessRequest>(`/access-requests/${id(requestId)}`, { signal }),
  create: (input: AccessRequestInput) => send<AccessRequest>("/access-requests", { method: "POST", body: input }),
  withdraw: (requestId: string) =>
    send<AccessRequest>(`/access-requests/${id(requestId)}/withdraw`, { method: "POST", body: {} }),
};
