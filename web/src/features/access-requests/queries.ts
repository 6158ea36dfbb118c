import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type AccessRequestQuery, accessRequestsApi } from "./api.ts";
import type { AccessRequestInput } from "./types.ts";

// Keys start with "user": a partner sees its own nation's requests, staff see all.
export const ACCESS_REQUESTS_KEY = ["user", "access-requests"] as const;

export const useAccessRequests = (query: AccessRequestQuery) =>
  useQuery({
    queryKey: [...ACCESS_REQUESTS_KEY, query],
    queryFn: ({ signal }) => accessRequestsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

/** A request changes the policy engine's answer on the activity's pages too: refresh what the user sees. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["user"] });
}

export function useCreateAccessRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: AccessRequestInput) => accessRequestsApi.create(input),
    onSuccess: refresh,
  });
}

export function useWithdrawAccessRequest() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (requestId: string) => accessRequestsApi.withdraw(requestId), onSuccess: refresh });
}
