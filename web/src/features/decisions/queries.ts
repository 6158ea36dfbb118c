import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DecisionQuery, decisionsApi } from "./api.ts";
import type { Decision, DecisionInput } from "./types.ts";

// Keys start with "user": what the register shows depends on who is logged in (labels, nation).
export const DECISIONS_KEY = ["user", "decisions"] as const;
export const decisionKey = (decisionId: string) => ["user", "decision", decisionId] as const;

export const useDecisions = (query: DecisionQuery) =>
  useQuery({
    queryKey: [...DECISIONS_KEY, query],
    queryFn: ({ signal }) => decisionsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

/** A procedure past its deadline but still open waits for the server's scheduler: ask again every 3 s until it ends. */
const AWAITING_SCHEDULER_MS = 3000;

export const useDecision = (decisionId: string) =>
  useQuery({
    queryKey: decisionKey(decisionId),
    queryFn: ({ signal }) => decisionsApi.get(decisionId, signal),
    refetchInterval: (query) => {
      const d = query.state.data;
      return d?.status === "open" && d.deadline !== null && Date.parse(d.deadline.at) <= Date.now()
        ? AWAITING_SCHEDULER_MS
        : false;
    },
  });

/** After any change to a decision, its subject (programme, access request) and the inbox change too. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return (decision: Decision) => {
    queryClient.setQueryData(decisionKey(decision.id), decision);
    void queryClient.invalidateQueries({ queryKey: DECISIONS_KEY });
    void queryClient.invalidateQueries({ queryKey: ["user"] });
    void queryClient.invalidateQueries({ queryKey: ["inbox"] });
  };
}

export function useCreateDecision() {
  const refresh = useRefreshAfterChange();
  return useMutation({ mutationFn: (input: DecisionInput) => decisionsApi.create(input), onSuccess: refresh });
}

/** A refusal (409: the deadline passed, silence already broken) means the page is out of date: ask again. */
function useRefreshAfterRefusal(decisionId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: decisionKey(decisionId) });
}

export function useBreakSilence(decisionId: string) {
  const refresh = useRefreshAfterChange();
  const reload = useRefreshAfterRefusal(decisionId);
  return useMutation({
    mutationFn: (reason: string) => decisionsApi.object(decisionId, reason),
    onSuccess: refresh,
    onError: reload,
  });
}

export function useWithdrawDecision(decisionId: string) {
  const refresh = useRefreshAfterChange();
  const reload = useRefreshAfterRefusal(decisionId);
  return useMutation({ mutationFn: () => decisionsApi.withdraw(decisionId), onSuccess: refresh, onError: reload });
}
