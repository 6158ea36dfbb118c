import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";

export const SESSIONS_KEY = ["user", "sessions"] as const;
export const TOKENS_KEY = ["user", "tokens"] as const;

export const useSessions = () => useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => api.sessions(signal) });
export const useTokens = () => useQuery({ queryKey: TOKENS_KEY, queryFn: ({ signal }) => api.tokens(signal) });
