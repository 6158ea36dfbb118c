import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { operationsApi } from "./api.ts";
import type { ListContributionsQuery, ListPostingsQuery, ListRecognitionsQuery } from "./types.ts";

// Every key starts with "user": what these pages show depends on who is logged in (labels, nation).
export const OPERATIONS_KEY = ["user", "operations"] as const;

export const useOperations = (asOf?: string) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "list", asOf ?? null],
    queryFn: ({ signal }) => operationsApi.list(asOf, signal),
  });

export const useOperation = (code: string) =>
  useQuery({ queryKey: [...OPERATIONS_KEY, "one", code], queryFn: ({ signal }) => operationsApi.get(code, signal) });

export const usePlacemat = (code: string, asOf: string | undefined) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "placemat", code, asOf ?? null],
    queryFn: ({ signal }) => operationsApi.placemat(code, asOf, signal),
    placeholderData: keepPreviousData,
  });

export const useHistory = (code: string) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "history", code],
    queryFn: ({ signal }) => operationsApi.history(code, signal),
  });

export const useRecognitions = (q: ListRecognitionsQuery, enabled = true) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "recognitions", q],
    queryFn: ({ signal }) => operationsApi.recognitions(q, signal),
    enabled,
  });

export const useRecognition = (id: string) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "recognition", id],
    queryFn: ({ signal }) => operationsApi.recognition(id, signal),
  });

export const useContributions = (q: ListContributionsQuery) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "contributions", q],
    queryFn: ({ signal }) => operationsApi.contributions(q, signal),
  });

export const usePostings = (q: ListPostingsQuery, enabled = true) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "postings", q],
    queryFn: ({ signal }) => operationsApi.postings(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useBoard = (code: string) =>
  useQuery({
    queryKey: [...OPERATIONS_KEY, "board", code],
    queryFn: ({ signal }) => operationsApi.board(code, signal),
  });

/** After any write: every operations query may have changed (placemat, board, lists). */
export function useInvalidateOperations(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: OPERATIONS_KEY });
}
