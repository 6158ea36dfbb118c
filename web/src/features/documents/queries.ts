import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { LabelInput } from "../../api/types.ts";

export const PAGE_SIZE = 20;

/** The documents the caller may read, newest first, a page at a time (keyset cursor). */
export const useDocuments = (q: string) =>
  useInfiniteQuery({
    queryKey: ["user", "documents", q],
    queryFn: ({ pageParam, signal }) =>
      api.documents({ q: q || undefined, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useDocument = (id: string) =>
  useQuery({ queryKey: ["user", "document", id], queryFn: ({ signal }) => api.document(id, signal) });

/** The marking and XML of a label being edited (nothing is stored); null pauses it. */
export const useLabelPreview = (label: LabelInput | null) =>
  useQuery({
    queryKey: ["label-preview", label],
    queryFn: ({ signal }) => api.previewLabel(label as LabelInput, signal),
    enabled: label !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
