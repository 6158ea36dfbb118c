// The new-decision form's fields, how the API names them, and the time zones it suggests.

export const FIELDS = [
  "reference",
  "title",
  "body",
  "format",
  "participants",
  "procedure",
  "subjectType",
  "subjectId",
  "subjectText",
  "decisionDate",
  "deadlineDate",
  "deadlineTime",
  "timeZone",
  "consensus",
  "alliesPresent",
  "note",
] as const;
export type FieldName = (typeof FIELDS)[number];

/** The API's field names ("deadline.timeZone", "participants.0") → this form's fields. */
const API_FIELDS: Record<string, FieldName> = {
  reference: "reference",
  title: "title",
  body: "body",
  format: "format",
  participants: "participants",
  procedure: "procedure",
  subject: "subjectId",
  "subject.type": "subjectType",
  "subject.id": "subjectId",
  "subject.text": "subjectText",
  decisionDate: "decisionDate",
  deadline: "deadlineDate",
  "deadline.date": "deadlineDate",
  "deadline.time": "deadlineTime",
  "deadline.timeZone": "timeZone",
  meeting: "consensus",
  "meeting.consensus": "consensus",
  "meeting.alliesPresent": "alliesPresent",
  note: "note",
};
export function toField(apiField: string): FieldName | null {
  const exact = API_FIELDS[apiField];
  if (exact) return exact;
  // "participants.3" and "meeting.alliesPresent.0" name one entry of a list.
  const parent = apiField.replace(/\.\d+$/, "");
  return API_FIELDS[parent] ?? null;
}

/** Time zones people use for Council deadlines; any IANA name is accepted. */
export const COMMON_ZONES = [
  "Europe/Brussels",
  "UTC",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Oslo",
  "Europe/Warsaw",
  "Europe/Istanbul",
  "America/New_York",
  "America/Toronto",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Sydney",
  "Pacific/Auckland",
];
export const DEFAULT_ZONE = "Europe/Brussels";
