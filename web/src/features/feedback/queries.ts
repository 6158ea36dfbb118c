import { useQuery } from "@tanstack/react-query";
import { feedbackApi } from "./api.ts";

export const FEEDS_KEY = ["user", "calendar-feeds"] as const;
export const attendanceKey = (iterationId: string) => ["user", "attendance", iterationId] as const;
export const reportKey = (iterationId: string) => ["user", "feedback-report", iterationId] as const;

export const useQuestionnaire = () =>
  useQuery({
    queryKey: ["feedback-questionnaire"],
    queryFn: ({ signal }) => feedbackApi.questionnaire(signal),
    staleTime: 60 * 60_000,
  });

export const useFeedbackReport = (iterationId: string) =>
  useQuery({ queryKey: reportKey(iterationId), queryFn: ({ signal }) => feedbackApi.report(iterationId, signal) });

export const useAttendance = (iterationId: string) =>
  useQuery({
    queryKey: attendanceKey(iterationId),
    queryFn: ({ signal }) => feedbackApi.attendance(iterationId, signal),
  });

export const useCalendarFeeds = () =>
  useQuery({ queryKey: FEEDS_KEY, queryFn: ({ signal }) => feedbackApi.feeds(signal), retry: false });
