import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ProgrammeFilters, programmesApi } from "./api.ts";

// Every key starts with "user": what a programme shows depends on who is logged in (labels, nation).
export const PROGRAMMES_KEY = ["user", "programmes"] as const;
export const programmeKey = (programmeId: string) => ["user", "programme", programmeId] as const;

export const useProgrammes = (filters: ProgrammeFilters) =>
  useQuery({
    queryKey: [...PROGRAMMES_KEY, filters],
    queryFn: ({ signal }) => programmesApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useProgramme = (programmeId: string) =>
  useQuery({
    queryKey: programmeKey(programmeId),
    queryFn: ({ signal }) => programmesApi.get(programmeId, signal),
  });

/** The diff between two revisions (under the programme's key, so a new revision refreshes it). */
export const useProgrammeDiff = (programmeId: string, from: number, to: number, enabled: boolean) =>
  useQuery({
    queryKey: [...programmeKey(programmeId), "diff", from, to],
    queryFn: ({ signal }) => programmesApi.diff(programmeId, from, to, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

export const useProgrammeProgress = (programmeId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...programmeKey(programmeId), "progress"],
    queryFn: ({ signal }) => programmesApi.progress(programmeId, signal),
    enabled,
  });
