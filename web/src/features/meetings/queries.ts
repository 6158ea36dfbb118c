import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ActionItemQuery, type MeetingQuery, meetingsApi } from "./api.ts";
import type { Meeting, ResolveParticipantsInput } from "./types.ts";

// Keys start with "user": which meetings a user sees depends on who is logged in.
export const MEETINGS_KEY = ["user", "meetings"] as const;
export const meetingKey = (meetingId: string) => ["user", "meeting", meetingId] as const;
export const ACTION_ITEMS_KEY = ["user", "action-items"] as const;

export const useMeetings = (query: MeetingQuery) =>
  useQuery({
    queryKey: [...MEETINGS_KEY, query],
    queryFn: ({ signal }) => meetingsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

export const useMeeting = (meetingId: string) =>
  useQuery({ queryKey: meetingKey(meetingId), queryFn: ({ signal }) => meetingsApi.get(meetingId, signal) });

export const useActionItems = (query: ActionItemQuery) =>
  useQuery({
    queryKey: [...ACTION_ITEMS_KEY, query],
    queryFn: ({ signal }) => meetingsApi.actionItems(query, signal),
    placeholderData: keepPreviousData,
  });

export const useOperationsList = () =>
  useQuery({
    queryKey: ["operations-list"],
    queryFn: ({ signal }) => meetingsApi.operations(signal),
    staleTime: 60 * 60_000,
  });

export const useAreas = () =>
  useQuery({
    queryKey: ["areas"],
    queryFn: ({ signal }) => meetingsApi.areas(signal),
    staleTime: 60 * 60_000,
  });

/** The planner's live preview; `input` null while the form is not complete enough to ask. */
export const useResolvedParticipants = (input: ResolveParticipantsInput | null) =>
  useQuery({
    queryKey: ["user", "meeting-resolve", input],
    queryFn: ({ signal }) => meetingsApi.resolve(input as ResolveParticipantsInput, signal),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

/** A change to one meeting: the answer replaces the cached meeting, lists and the inbox are asked again. */
export function useMeetingChange<V>(fn: (v: V) => Promise<Meeting>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKey(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: MEETINGS_KEY });
      void queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["inbox"] });
    },
  });
}
