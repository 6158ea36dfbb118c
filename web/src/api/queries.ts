import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";

// TanStack Query hooks, one per resource. Reference data barely changes, so it is kept fresh for
// a long time; date-dependent lookups keep showing the previous answer while the next loads.

const HOUR = 60 * 60 * 1000;

export const useNations = () =>
  useQuery({ queryKey: ["nations"], queryFn: ({ signal }) => api.nations(signal), staleTime: HOUR });

export const useSources = () =>
  useQuery({ queryKey: ["sources"], queryFn: ({ signal }) => api.sources(signal), staleTime: HOUR });

export const useProfile = (code: string) =>
  useQuery({ queryKey: ["profile", code], queryFn: ({ signal }) => api.profile(code, signal), staleTime: HOUR });

export const useTimeline = (code: string) =>
  useQuery({ queryKey: ["timeline", code], queryFn: ({ signal }) => api.timeline(code, signal), staleTime: HOUR });

export const useFrameworks = (asOf: string) =>
  useQuery({
    queryKey: ["frameworks", asOf],
    queryFn: ({ signal }) => api.frameworks(asOf, signal),
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  });

export const useMembers = (code: string, asOf: string) =>
  useQuery({
    queryKey: ["members", code, asOf],
    queryFn: ({ signal }) => api.members(code, asOf, signal),
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  });

export const useMembershipMap = (asOf: string) =>
  useQuery({
    queryKey: ["map", asOf],
    queryFn: ({ signal }) => api.map(asOf, signal),
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  });

export const useMilestones = (framework: string | undefined) =>
  useQuery({
    queryKey: ["milestones", framework ?? "all"],
    queryFn: ({ signal }) => api.milestones(framework, signal),
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  });

export type AccessQuery = { partner: string; audience: string; date: string };

export const useAccessDecision = (query: AccessQuery | null) =>
  useQuery({
    queryKey: ["access", query],
    queryFn: ({ signal }) => api.access(query as AccessQuery, signal),
    enabled: query !== null,
    staleTime: HOUR,
  });
