import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { localTimeText, zonedTimeToInstant } from "../decisions/time-zones.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { createLabelAs, getLabel, getLabels } from "../labels/labels.js";
import type { TLabelInput } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { contributorsToken } from "../operations/recognition-sql.js";
import { searchTextOf, searchWords } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  type TCriterion,
  type TListMeetingsQuery,
  type TMeeting,
  type TMeetingInput,
  type TMeetingList,
  type TMeetingUpdate,
  ZListMeetingsQuery,
  ZMeetingInput,
  ZMeetingUpdate,
} from "./meetings.schema.js";
import { checkCriteria } from "./participants.js";
import { participantCounts, presentMeeting, presentSummary } from "./present.js";
import { type DbOrTrx, findReadableMeeting, type MeetingRow, type Trx, visibleMeeting } from "./rules.js";
import { EDITABLE } from "./workflow.js";

// Meetings in flexible formats: create, edit while planning, read and list within the viewer's
// sight (visibleMeeting). Participants: participants.ts; moves: workflow.ts.

/** NATO UNCLASSIFIED releasable to NATO and every group or nation the criteria name. */
export function defaultMeetingLabel(criteria: readonly TCriterion[]): TLabelInput {
  const tokens = criteria.flatMap((c) =>
    c.kind === "framework" || c.kind === "nation"
      ? [c.value]
      : c.kind === "contributors"
        ? [contributorsToken(c.value)]
        : [],
  );
  return { classification: "NU", releasableTo: [...new Set(["NATO", ...tokens])].slice(0, 60) };
}

function startOf(start: { date: string; time: string; timeZone: string }) {
  const instant = zonedTimeToInstant(start.date, start.time, start.timeZone, "start");
  return {
    starts_at: instant.toISOString(),
    starts_local: localTimeText(start.date, start.time),
    time_zone: start.timeZone,
    meeting_date: start.date,
  };
}

async function writeCriteria(trx: Trx, meetingId: string, criteria: readonly TCriterion[]) {
  await trx.deleteFrom("meeting_criterion").where("meeting_id", "=", meetingId).execute();
  if (criteria.length > 0) {
    await trx
      .insertInto("meeting_criterion")
      .values(criteria.map((c) => ({ meeting_id: meetingId, kind: c.kind, value: c.value })))
      .execute();
  }
}

/** A new meeting, planning (staff). The label defaults to NU releasable to NATO + the criteria's tokens. */
export async function createMeeting(db: Db, actor: Viewer, input: TMeetingInput, now: Date): Promise<TMeeting> {
  await requireRole(db, actor, "meeting.create", STAFF_ROLES, now);
  const parsed = parseInput(ZMeetingInput, input);
  const criteria = await checkCriteria(db, parsed.format, parsed.criteria);
  const start = startOf(parsed.start);
  const at = now.toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const label = await createLabelAs(trx, actor, parsed.label ?? defaultMeetingLabel(criteria), at, "label");
    const row: MeetingRow = {
      id,
      title: parsed.title,
      topic: parsed.topic,
      body: parsed.body,
      level: parsed.level,
      format: parsed.format,
      ...start,
      duration_minutes: parsed.durationMinutes,
      place: parsed.place,
      status: "planning",
      format_decision_id: null,
      outcome: "",
      label_id: label.id,
      created_by: actor.userId ?? "",
      created_at: at,
      updated_at: at,
      search_text: searchTextOf(parsed.title, parsed.topic, parsed.place),
    };
    await trx.insertInto("meeting").values(row).execute();
    await writeCriteria(trx, id, criteria);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "meeting.create",
        objectType: "meeting",
        objectId: id,
        objectLabel: label,
        outcome: "success",
        details: { title: row.title, format: row.format, meetingDate: row.meeting_date, criteria },
      },
      now,
    );
  });
  return getMeeting(db, actor, id, now);
}

/**
 * Edits a meeting (staff). Criteria, start, duration and label only while planning or once the
 * format is agreed (INVALID_STATE after invitations or while the format is before the Council);
 * the other fields until it is cancelled.
 */
export async function updateMeeting(
  db: Db,
  actor: Viewer,
  id: string,
  input: TMeetingUpdate,
  now: Date,
): Promise<TMeeting> {
  const meeting = await findReadableMeeting(db, actor, id, now);
  await requireRole(db, actor, "meeting.update", STAFF_ROLES, now);
  const parsed = parseInput(ZMeetingUpdate, input);
  const structural = ["criteria", "start", "durationMinutes", "label"].filter(
    (k) => parsed[k as keyof typeof parsed] !== undefined,
  );
  if (structural.length > 0 && !EDITABLE.includes(meeting.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot change the ${structural.join(", ")} of ${meeting.title}: it is ${meeting.status}; these change only while planning or once the format is agreed`,
      { status: meeting.status, fields: structural },
    );
  }
  if (meeting.status === "cancelled") {
    throw new AppError("INVALID_STATE", `Cannot edit ${meeting.title}: it is cancelled`, { status: meeting.status });
  }
  const criteria = parsed.criteria === undefined ? undefined : await checkCriteria(db, meeting.format, parsed.criteria);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const label = parsed.label === undefined ? undefined : await createLabelAs(trx, actor, parsed.label, at, "label");
    // Who is invited changed after the Allies agreed the format: the agreement no longer covers it.
    const lapses = meeting.status === "format-agreed" && (criteria !== undefined || parsed.start !== undefined);
    const title = parsed.title ?? meeting.title;
    const topic = parsed.topic ?? meeting.topic;
    const place = parsed.place ?? meeting.place;
    const result = await trx
      .updateTable("meeting")
      .set({
        title,
        topic,
        place,
        level: parsed.level ?? meeting.level,
        duration_minutes: parsed.durationMinutes ?? meeting.duration_minutes,
        outcome: parsed.outcome ?? meeting.outcome,
        ...(parsed.start === undefined ? {} : startOf(parsed.start)),
        label_id: label?.id ?? meeting.label_id,
        search_text: searchTextOf(title, topic, place),
        updated_at: at,
        ...(lapses ? { status: "planning" as const, format_decision_id: null } : {}),
      })
      .where("id", "=", meeting.id)
      .where("status", "=", meeting.status)
      // Unchanged since read: two concurrent edits cannot overwrite each other's fields.
      .where("updated_at", "=", meeting.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", `Cannot edit ${meeting.title}: it changed meanwhile`);
    }
    if (criteria !== undefined) await writeCriteria(trx, meeting.id, criteria);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "meeting.update",
        objectType: "meeting",
        objectId: meeting.id,
        objectLabel: label ?? (await getLabel(trx, meeting.label_id)),
        outcome: "success",
        details: {
          fields: Object.keys(parsed).filter((k) => parsed[k as keyof typeof parsed] !== undefined),
          ...(lapses ? { from: meeting.status, to: "planning", formatAgreementLapsed: true } : {}),
        },
      },
      now,
    );
  });
  return getMeeting(db, actor, meeting.id, now);
}

/** One meeting as `viewer` may see it; NOT_FOUND if missing or not visible. */
export async function getMeeting(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<TMeeting> {
  return presentMeeting(db, viewer, await findReadableMeeting(db, viewer, id, now), now);
}

/** The meetings `viewer` sees, by start; filters and the count apply after visibility, in SQL. */
export async function listMeetings(
  db: Db,
  viewer: Viewer,
  query: TListMeetingsQuery,
  now: Date,
): Promise<TMeetingList> {
  const f = parseInput(ZListMeetingsQuery, query);
  const words = searchWords(f.q);
  const base = db
    .selectFrom("meeting")
    .where(visibleMeeting(db, viewer, today(now)))
    .$if(f.from !== undefined, (q) => q.where("meeting.meeting_date", ">=", f.from ?? ""))
    .$if(f.to !== undefined, (q) => q.where("meeting.meeting_date", "<=", f.to ?? ""))
    .$if(f.status !== undefined, (q) => q.where("meeting.status", "=", f.status ?? "planning"))
    .$if(f.nation !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("meeting_invitation")
            .select("meeting_invitation.meeting_id")
            .whereRef("meeting_invitation.meeting_id", "=", "meeting.id")
            .where("meeting_invitation.nation_code", "=", f.nation ?? ""),
        ),
      ),
    )
    .$if(words.length > 0, (q) =>
      q.where((eb) => eb.and(words.map((w) => eb("meeting.search_text", "like", `%${w}%`)))),
    );
  const [rows, total] = await Promise.all([
    base
      .selectAll("meeting")
      .orderBy("meeting.starts_at")
      .orderBy("meeting.id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  const counts = await participantCounts(db, rows);
  const meetings = rows.map((r) => presentSummary(r, counts.get(r.id) ?? 0, labels.get(r.label_id)?.marking ?? ""));
  return { meetings, total: Number(total.n) };
}
