import { code as id, send } from "../../api/client.ts";
import type {
  AttendanceInput,
  AttendanceSheet,
  CalendarFeed,
  CreateCalendarFeed,
  CreatedCalendarFeed,
  FeedbackReceipt,
  FeedbackReport,
  FeedbackSubmission,
  Questionnaire,
} from "../../api/types.ts";

/** Feedback, attendance and calendar feeds (src/http/routes/feedback.ts and calendar). */
export const feedbackApi = {
  questionnaire: (signal?: AbortSignal) => send<Questionnaire>("/feedback/questionnaire", { signal }),
  submit: (nominationId: string, submission: FeedbackSubmission) =>
    send<FeedbackReceipt>(`/nominations/${id(nominationId)}/feedback`, { method: "POST", body: submission }),
  report: (iterationId: string, signal?: AbortSignal) =>
    send<FeedbackReport>(`/iterations/${id(iterationId)}/feedback-report`, { signal }),
  attendance: (iterationId: string, signal?: AbortSignal) =>
    send<AttendanceSheet>(`/iterations/${id(iterationId)}/attendance`, { signal }),
  recordAttendance: (iterationId: string, input: AttendanceInput) =>
    send<AttendanceSheet>(`/iterations/${id(iterationId)}/attendance`, { method: "PUT", body: input }),
  feeds: (signal?: AbortSignal) => send<{ feeds: CalendarFeed[] }>("/calendar/feeds", { signal }),
  createFeed: (input: CreateCalendarFeed) =>
    send<CreatedCalendarFeed>("/calendar/feeds", { method: "POST", body: input }),
  revokeFeed: (feedId: string) => send<void>(`/calendar/feeds/${id(feedId)}`, { method: "DELETE" }),
};
