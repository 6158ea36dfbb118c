import { isStaff } from "../identity/authorize.js";
import { getLabel, getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { listActionItemsOfMeeting } from "./action-items.js";
import type {
  TAgendaItem,
  TMeeting,
  TMeetingSummary,
  TParticipant,
  TParticipantReason,
  TResolvedParticipants,
} from "./meetings.schema.js";
import { loadAdjustments, resolveParticipants, summariseParticipants } from "./participants.js";
import type { DbOrTrx, MeetingRow } from "./rules.js";
import { availableActions, EDITABLE } from "./workflow.js";

// A meeting as the API shows it to one viewer: agenda documents only if readable by that viewer.

/** Before invitations: the criteria resolved live on the meeting date; after: the frozen list. */
export async function participantsOf(db: DbOrTrx, meeting: MeetingRow): Promise<TResolvedParticipants> {
  const invitations = await db
    .selectFrom("meeting_invitation")
    .innerJoin("nation", "nation.code", "meeting_invitation.nation_code")
    .select([
      "nation.code",
      "nation.name",
      "nation.kind",
      "meeting_invitation.reasons",
      "meeting_invitation.attended",
      "meeting_invitation.representative",
    ])
    .where("meeting_invitation.meeting_id", "=", meeting.id)
    .orderBy("nation.code")
    .execute();
  if (invitations.length > 0) {
    const participants: TParticipant[] = invitations.map((r) => ({
      nation: { code: r.code, name: r.name, kind: r.kind },
      reasons: JSON.parse(r.reasons) as TParticipantReason[],
      removed: false,
      attended: r.attended === null ? null : r.attended === 1,
      representative: r.representative,
    }));
    const allies = new Set(
      participants.filter((p) => p.reasons.some((x) => x.kind === "ally")).map((p) => p.nation.code),
    );
    return summariseParticipants(meeting.meeting_date, participants, allies);
  }
  return resolveParticipants(db, {
    date: meeting.meeting_date,
    format: meeting.format,
    criteria: await loadCriteria(db, meeting.id),
    adjustments: await loadAdjustments(db, meeting.id),
  });
}

/**
 * How many take part in each meeting of a list: invitations counted in one query; only meetings
 * without invitations yet (still planning) are resolved live, one by one (docs/performance.md).
 */
export async function participantCounts(db: DbOrTrx, meetings: readonly MeetingRow[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (meetings.length === 0) return counts;
  const invited = await db
    .selectFrom("meeting_invitation")
    .select(["meeting_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where(
      "meeting_id",
      "in",
      meetings.map((m) => m.id),
    )
    .groupBy("meeting_id")
    .execute();
  for (const row of invited) counts.set(row.meeting_id, Number(row.n));
  for (const meeting of meetings) {
    if (!counts.has(meeting.id)) counts.set(meeting.id, (await participantsOf(db, meeting)).count);
  }
  return counts;
}

export async function loadCriteria(db: DbOrTrx, meetingId: string) {
  return db
    .selectFrom("meeting_criterion")
    .select(["kind", "value"])
    .where("meeting_id", "=", meetingId)
    .orderBy("kind")
    .orderBy("value")
    .execute();
}

export function presentSummary(meeting: MeetingRow, participantCount: number, marking: string): TMeetingSummary {
  return {
    id: meeting.id,
    title: meeting.title,
    body: meeting.body,
    level: meeting.level,
    format: meeting.format,
    startsAt: meeting.starts_at,
    startsLocal: meeting.starts_local,
    timeZone: meeting.time_zone,
    meetingDate: meeting.meeting_date,
    durationMinutes: meeting.duration_minutes,
    place: meeting.place,
    status: meeting.status,
    participantCount,
    marking,
  };
}

/** The agenda, with only the documents `viewer` may read today (others are not mentioned). */
export async function agendaOf(db: DbOrTrx, viewer: Viewer, meetingId: string, now: Date): Promise<TAgendaItem[]> {
  const items = await db
    .selectFrom("agenda_item")
    .leftJoin("operation", "operation.code", "agenda_item.operation_code")
    .select([
      "agenda_item.id",
      "agenda_item.position",
      "agenda_item.title",
      "agenda_item.description",
      "agenda_item.outcome",
      "operation.code as operation_code",
      "operation.name as operation_name",
    ])
    .where("agenda_item.meeting_id", "=", meetingId)
    .orderBy("agenda_item.position")
    .orderBy("agenda_item.id")
    .execute();
  const documents = items.length
    ? await db
        .selectFrom("agenda_document")
        .innerJoin("document", "document.id", "agenda_document.document_id")
        .select([
          "agenda_document.agenda_item_id",
          "document.id",
          "document.reference",
          "document.title",
          "document.label_id",
        ])
        .where(
          "agenda_document.agenda_item_id",
          "in",
          items.map((i) => i.id),
        )
        .where(readableLabel(db, viewer, today(now), "document.label_id"))
        .orderBy("document.reference")
        .execute()
    : [];
  const labels = await getLabels(
    db,
    documents.map((d) => d.label_id),
  );
  return items.map((i) => ({
    id: i.id,
    position: i.position,
    title: i.title,
    description: i.description,
    outcome: i.outcome,
    operation:
      i.operation_code === null ? null : { code: i.operation_code, name: i.operation_name ?? i.operation_code },
    documents: documents
      .filter((d) => d.agenda_item_id === i.id)
      .map((d) => ({
        id: d.id,
        reference: d.reference,
        title: d.title,
        marking: labels.get(d.label_id)?.marking ?? "",
      })),
  }));
}

export async function presentMeeting(db: DbOrTrx, viewer: Viewer, meeting: MeetingRow, now: Date): Promise<TMeeting> {
  const staff = isStaff(viewer);
  const [label, criteria, participants, agenda, actionItems] = await Promise.all([
    getLabel(db, meeting.label_id),
    loadCriteria(db, meeting.id),
    participantsOf(db, meeting),
    agendaOf(db, viewer, meeting.id, now),
    listActionItemsOfMeeting(db, meeting.id, now),
  ]);
  const adjustments = staff
    ? await db
        .selectFrom("meeting_adjustment")
        .innerJoin("nation", "nation.code", "meeting_adjustment.nation_code")
        .select([
          "nation.code",
          "nation.name",
          "nation.kind",
          "meeting_adjustment.action",
          "meeting_adjustment.note",
          "meeting_adjustment.adjusted_at",
        ])
        .where("meeting_adjustment.meeting_id", "=", meeting.id)
        .orderBy("nation.code")
        .execute()
    : [];
  const decision =
    meeting.format_decision_id === null
      ? undefined
      : await db
          .selectFrom("decision")
          .select(["id", "reference", "status"])
          .where("id", "=", meeting.format_decision_id)
          // The decision keeps its own label: shown only if the viewer may read it.
          .where(readableLabel(db, viewer, today(now), "decision.label_id"))
          .executeTakeFirst();
  return {
    ...presentSummary(meeting, participants.count, label.marking),
    topic: meeting.topic,
    outcome: meeting.outcome,
    criteria,
    adjustments: adjustments.map((a) => ({
      nation: { code: a.code, name: a.name, kind: a.kind },
      action: a.action,
      note: a.note,
      at: a.adjusted_at,
    })),
    participants,
    formatDecision: decision ?? null,
    formatNeedsDecision: meeting.format !== "allies-only",
    agenda,
    actionItems,
    actions: staff ? availableActions(meeting, now) : [],
    canEdit: staff && EDITABLE.includes(meeting.status),
    canPutFormatToCouncil: staff && meeting.status === "planning" && meeting.format !== "allies-only",
    label,
    updatedAt: meeting.updated_at,
  };
}
