import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "../../api/client.ts";
import type { LoginStage, MeResponse, Role, User } from "../../api/types.ts";

/** Query key of GET /api/auth/me. */
export const ME_KEY = ["session", "me"] as const;
/** Every query whose answer depends on who is logged in starts with this key. */
export const USER_DATA_KEY = ["user"] as const;

export type Me = {
  /** The logged-in user, once every factor is given. */
  user: User | null;
  /** A user who has given a password but still owes a second factor or its enrolment. */
  pendingUser: User | null;
  stage: LoginStage | null;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => void;
};

/** Who is logged in, from GET /api/auth/me (shared by the header, the guards and every page). */
export function useMe(): Me {
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => api.me(signal),
    staleTime: 60_000,
    refetchOnWindowFocus: true,
  });
  const data = query.data;
  const authenticated = data?.stage === "authenticated";
  return {
    user: authenticated ? (data?.user ?? null) : null,
    pendingUser: !authenticated && data?.user ? data.user : null,
    stage: data?.stage ?? null,
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

export function hasAnyRole(user: User | null, roles: readonly Role[]): boolean {
  return (user?.roles ?? []).some((r) => roles.includes(r));
}

/** Forgets everything that was fetched as the previous user, then records the new session state. */
export function switchUser(queryClient: QueryClient, me: MeResponse): void {
  queryClient.removeQueries({ queryKey: USER_DATA_KEY });
  queryClient.setQueryData(ME_KEY, me);
}

/** A callback that ends the session on the server and forgets the user's data in the browser. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await api.logout();
    } finally {
      switchUser(queryClient, { user: null, stage: null });
    }
  }, [queryClient]);
}

export const useAuthConfig = () =>
  useQuery({ queryKey: ["auth-config"], queryFn: ({ signal }) => api.authConfig(signal), staleTime: 60 * 60_000 });
