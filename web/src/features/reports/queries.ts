import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { reportsApi } from "./api.ts";

// "user" first: what a briefing holds depends on who reads it.
export const useBriefing = (nation: string, asOf: string | undefined) =>
  useQuery({
    queryKey: ["user", "briefing", nation, asOf ?? "today"],
    queryFn: ({ signal }) => reportsApi.briefing(nation, asOf, signal),
    placeholderData: keepPreviousData,
  });
