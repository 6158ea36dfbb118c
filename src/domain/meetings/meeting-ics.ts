import type { Db } from "../../db/connect.js";
import { type IcsEvent, serializeCalendar } from "../calendar/ics.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { findReadableMeeting, type MeetingRow } from "./rules.js";

// iCalendar for meetings: one VEVENT per meeting, UID stable per meeting, start and end in UTC.

export const meetingUid = (id: string) => `meeting-${id}@entente`;

/** A meeting as an event (startsAt/durationMinutes give it its UTC times). */
export function meetingEvent(meeting: MeetingRow, marking: string, baseUrl: string): IcsEvent {
  return {
    uid: meetingUid(meeting.id),
    startDate: meeting.meeting_date,
    endDate: meeting.meeting_date,
    summary: meeting.title,
    location: meeting.place,
    description: [
      meeting.topic,
      `Format: ${meeting.format}; level: ${meeting.level}; status: ${meeting.status.replaceAll("-", " ")}`,
      `Local time: ${meeting.starts_local.replace("T", " ")} (${meeting.time_zone})`,
      `Marking: ${marking}`,
    ]
      .filter((l) => l !== "")
      .join("\n"),
    url: `${baseUrl}/meetings/${meeting.id}`,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
  };
}

/** The meeting's .ics (the invitation): same visibility as the meeting itself (NOT_FOUND otherwise). */
export async function renderMeetingIcs(
  db: Db,
  viewer: Viewer,
  id: string,
  baseUrl: string,
  now: Date,
): Promise<string> {
  const meeting = await findReadableMeeting(db, viewer, id, now);
  const label = await getLabel(db, meeting.label_id);
  return serializeCalendar({ name: meeting.title, events: [meetingEvent(meeting, label.marking, baseUrl)] }, now);
}
