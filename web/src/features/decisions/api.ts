import { code as id, send } from "../../api/client.ts";
import type { Decision, DecisionInput, DecisionList, ListDecisionsQuery } from "./types.ts";

/** The register's filters as query-string values (undefined ones are left out). */
export type DecisionQuery = { [K in keyof ListDecisionsQuery]?: string | undefined };

/** The decisions endpoints (src/http/routes/decisions.ts). */
export const decisionsApi = {
  list: (query: DecisionQuery, signal?: AbortSignal) => send<DecisionList>("/decisions", { query, signal }),
  get: (decisionId: string, signal?: AbortSignal) => send<Decision>(`/decisions/${id(decisionId)}`, { signal }),
  create: (input: DecisionInput) => send<Decision>("/decisions", { method: "POST", body: input }),
  object: (decisionId: string, reason: string) =>
    send<Decision>(`/decisions/${id(decisionId)}/objection`, { method: "POST", body: { reason } }),
  withdraw: (decisionId: string) =>
    send<Decision>(`/decisions/${id(decisionId)}/withdraw`, { method: "POST", body: {} }),
};
