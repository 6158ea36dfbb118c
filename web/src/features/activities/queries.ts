import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { activitiesApi } from "./api.ts";
import type { ActivityFilters } from "./filters.ts";

// Every key starts with "user": what the menu shows depends on who is logged in (labels, nation).
export const ACTIVITIES_KEY = ["user", "activities"] as const;
export const activityKey = (activityId: string) => ["user", "activity", activityId] as const;
export const NOMINATIONS_KEY = ["user", "nominations"] as const;

/** The menu, a page at a time (keyset cursor), with facet counts for the current filters. */
export const useActivities = (filters: ActivityFilters) =>
  useInfiniteQuery({
    queryKey: [...ACTIVITIES_KEY, filters],
    queryFn: ({ pageParam, signal }) => activitiesApi.list(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useActivity = (activityId: string) =>
  useQuery({ queryKey: activityKey(activityId), queryFn: ({ signal }) => activitiesApi.get(activityId, signal) });

/** One iteration's nominations (owners and staff see all nations', partners their own). */
export const useIterationNominations = (iterationId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...NOMINATIONS_KEY, "iteration", iterationId],
    queryFn: ({ signal }) => activitiesApi.iterationNominations(iterationId, signal),
    enabled,
  });
