import type { Db } from "../../db/connect.js";
import type { MeetingStatus } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel, labelReader } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { findRecipients, noticesFor } from "../notifications/recipients.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { getMeeting } from "./meetings.js";
import { type TMeeting, type TMeetingActionInput, ZMeetingActionInput } from "./meetings.schema.js";
import { loadAdjustments, resolveParticipants } from "./participants.js";
import { loadCriteria } from "./present.js";
import { findReadableMeeting, type MeetingRow, type Trx } from "./rules.js";

// THE meeting workflow: every legal move. Staff actions here; the format decision's moves
// (planning → format-in-decision → format-agreed | planning) are applied by decision-effects.ts
// from FORMAT_DECISION_MOVES. Nothing else changes meeting.status.

type MeetingAction = TMeetingActionInput["action"];

export const TRANSITIONS: Readonly<Record<MeetingAction, { from: readonly MeetingStatus[]; to: MeetingStatus }>> = {
  // From planning only for Allies only, which needs no decision (checked below).
  "send-invitations": { from: ["planning", "format-agreed"], to: "invited" },
  "record-held": { from: ["invited"], to: "held" },
  cancel: { from: ["planning", "format-in-decision", "format-agreed", "invited"], to: "cancelled" },
};

/** The Council's decision on the format: opened, adopted, or returned (silence broken, no consensus, withdrawn). */
export const FORMAT_DECISION_MOVES = {
  open: { from: "planning", to: "format-in-decision" },
  adopted: { from: "format-in-decision", to: "format-agreed" },
  returned: { from: "format-in-decision", to: "planning" },
} as const satisfies Record<string, { from: MeetingStatus; to: MeetingStatus }>;

/** States in which criteria, start, duration, label and adjustments may change. */
export const EDITABLE: readonly MeetingStatus[] = ["planning", "format-agreed"];

const RECIPIENT_ROLES = ["partner", "delegation", "hq", "staff", "admin", "analyst"] as const;

type Checked = Pick<MeetingRow, "status" | "format" | "starts_at">;

function allowed(meeting: Checked, action: MeetingAction, now: Date): boolean {
  if (!TRANSITIONS[action].from.includes(meeting.status)) return false;
  if (action === "send-invitations" && meeting.status === "planning") return meeting.format === "allies-only";
  // A meeting is held once it has started, not before.
  if (action === "record-held") return Date.parse(meeting.starts_at) <= now.getTime();
  return true;
}

/** The staff actions legal now (the page's buttons). */
export function availableActions(meeting: Checked, now: Date): MeetingAction[] {
  return (Object.keys(TRANSITIONS) as MeetingAction[]).filter((a) => allowed(meeting, a, now));
}

/**
 * Sends invitations, records the meeting held, or cancels it (staff). INVALID_STATE for a move the
 * table does not allow (invitations before the format is agreed, unless Allies only). The update
 * is conditional on the state checked, so of two concurrent moves one fails.
 */
export async function actOnMeeting(
  db: Db,
  actor: Viewer,
  id: string,
  input: TMeetingActionInput,
  now: Date,
): Promise<TMeeting> {
  const meeting = await findReadableMeeting(db, actor, id, now);
  const parsed = parseInput(ZMeetingActionInput, input);
  await requireRole(db, actor, `meeting.${parsed.action}`, STAFF_ROLES, now);
  const transition = TRANSITIONS[parsed.action];
  if (!allowed(meeting, parsed.action, now)) {
    const why =
      parsed.action === "send-invitations" && ["planning", "format-in-decision"].includes(meeting.status)
        ? `the format (${meeting.format}) needs the Allies' agreement first: put it to the Council (decision subject meeting-format)`
        : parsed.action === "record-held" && meeting.status === "invited"
          ? `it starts at ${meeting.starts_local.replace("T", " ")} (${meeting.time_zone}) and can be recorded as held only from then`
          : `'${parsed.action}' applies only to a meeting that is ${transition.from.join(" or ")}`;
    throw new AppError(
      "INVALID_STATE",
      `Cannot ${parsed.action} for ${meeting.title}: it is ${meeting.status}; ${why}`,
      {
        status: meeting.status,
        action: parsed.action,
      },
    );
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("meeting")
      .set({ status: transition.to, updated_at: at })
      .where("id", "=", meeting.id)
      .where("status", "=", meeting.status)
      // An edit committed since the read (date, criteria, label) fails this move rather than
      // freezing a list resolved from the old row.
      .where("updated_at", "=", meeting.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", `Cannot ${parsed.action} for ${meeting.title}: it changed meanwhile`);
    }
    const invited =
      parsed.action === "send-invitations"
        ? await freezeInvitations(trx, meeting, now)
        : await invitedNations(trx, meeting.id);
    const notices =
      parsed.action === "send-invitations"
        ? await meetingNotices(
            trx,
            meeting,
            invited,
            "meeting-invitation",
            `Invitation: ${meeting.title}`,
            invitationText(meeting),
            now,
          )
        : parsed.action === "cancel"
          ? await meetingNotices(
              trx,
              meeting,
              invited,
              "meeting-changed",
              `Cancelled: ${meeting.title}`,
              `The meeting "${meeting.title}" of ${meeting.meeting_date} is cancelled.${parsed.note ? ` ${parsed.note}` : ""}`,
              now,
            )
          : [];
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: `meeting.${parsed.action}`,
        objectType: "meeting",
        objectId: meeting.id,
        objectLabel: await getLabel(trx, meeting.label_id),
        outcome: "success",
        details: {
          from: meeting.status,
          to: transition.to,
          note: parsed.note,
          invited: invited.length,
          notices: notices.length,
        },
      },
      now,
    );
  });
  return getMeeting(db, actor, meeting.id, now);
}

const invitationText = (m: MeetingRow) =>
  `You are invited to "${m.title}" on ${m.starts_local.replace("T", " ")} (${m.time_zone}), ${m.place}.`;

async function invitedNations(trx: Trx, meetingId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("meeting_invitation")
    .select("nation_code")
    .where("meeting_id", "=", meetingId)
    .execute();
  return rows.map((r) => r.nation_code);
}

/**
 * Resolves the list on the meeting date and freezes it into meeting_invitation. INVALID_STATE if
 * Allies + 1 does not have exactly one partner, or if an invited nation could not read the label.
 */
async function freezeInvitations(trx: Trx, meeting: MeetingRow, now: Date): Promise<string[]> {
  const resolved = await resolveParticipants(trx, {
    date: meeting.meeting_date,
    format: meeting.format,
    criteria: await loadCriteria(trx, meeting.id),
    adjustments: await loadAdjustments(trx, meeting.id),
  });
  const invited = resolved.participants.filter((p) => !p.removed);
  const others = invited.filter((p) => !p.reasons.some((r) => r.kind === "ally"));
  if (meeting.format === "allies-only" && others.length > 0) {
    throw new AppError(
      "INVALID_STATE",
      `An Allies-only meeting invites the Allies only; the list also has ${others.map((p) => p.nation.code).join(", ")}`,
      { partners: others.map((p) => p.nation.code) },
    );
  }
  if (meeting.format === "allies-plus-one" && others.length !== 1) {
    throw new AppError(
      "INVALID_STATE",
      `An Allies + 1 meeting invites exactly one partner; the list has ${others.length} (${others.map((p) => p.nation.code).join(", ") || "none"})`,
      { partners: others.map((p) => p.nation.code) },
    );
  }
  // Readable both today (the invitation and its notice) and on the meeting date.
  const label = await getLabel(trx, meeting.label_id);
  const readers = [await labelReader(trx, label, meeting.meeting_date), await labelReader(trx, label, today(now))];
  const blocked = invited
    .map((p) => p.nation.code)
    .filter((nation) =>
      readers.some(
        (reader) =>
          !reader({
            userId: null,
            username: null,
            organisation: null,
            nation,
            isAlliance: false,
            clearanceRank: 99,
            roles: [],
          }),
      ),
    );
  if (blocked.length > 0) {
    throw new AppError(
      "INVALID_STATE",
      `The meeting's label (${label.marking}) is not releasable to ${blocked.join(", ")}, invited on ${meeting.meeting_date}: widen the label or remove them`,
      { nations: blocked, marking: label.marking },
    );
  }
  const at = now.toISOString();
  await trx
    .insertInto("meeting_invitation")
    .values(
      invited.map((p) => ({
        meeting_id: meeting.id,
        nation_code: p.nation.code,
        reasons: JSON.stringify(p.reasons),
        invited_at: at,
        attended: null,
        representative: null,
      })),
    )
    .execute();
  return invited.map((p) => p.nation.code);
}

async function meetingNotices(
  trx: Trx,
  meeting: MeetingRow,
  nations: string[],
  kind: "meeting-invitation" | "meeting-changed",
  title: string,
  body: string,
  now: Date,
) {
  const recipients = await findRecipients(trx, { roles: RECIPIENT_ROLES, nations });
  return noticesFor(
    trx,
    recipients,
    { kind, subject: { type: "meeting", id: meeting.id }, title, body, labelId: meeting.label_id },
    today(now),
  );
}
