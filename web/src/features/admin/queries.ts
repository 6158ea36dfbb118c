import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";

export const USERS_KEY = ["user", "admin", "users"] as const;
export const ORGANISATIONS_KEY = ["user", "admin", "organisations"] as const;

export const useUsers = () => useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => api.users(signal) });
export const useOrganisations = () =>
  useQuery({ queryKey: ORGANISATIONS_KEY, queryFn: ({ signal }) => api.organisations(signal) });
