import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { code, send } from "../../api/client.ts";
import type { NotificationList } from "../../api/types.ts";

export const INBOX_KEY = ["inbox"] as const;

export const inboxApi = {
  list: (unread: boolean, signal?: AbortSignal) =>
    send<NotificationList>("/notifications", { query: { unread: unread ? "true" : undefined }, signal }),
  markRead: (id: string) => send<void>(`/notifications/${code(id)}/read`, { method: "POST", body: {} }),
};

/** The caller's inbox (unread only, or everything). */
export const useInbox = (unread: boolean, enabled = true) =>
  useQuery({
    queryKey: [...INBOX_KEY, { unread }],
    queryFn: ({ signal }) => inboxApi.list(unread, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inboxApi.markRead,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
