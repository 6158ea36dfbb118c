import type { Db } from "../../db/connect.js";
import type { DecisionFormat, MeetingCriterionKind } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { listAlliesAt } from "../decisions/allies.js";
import { type ResolvedTokens, tokenMembersQuery } from "../frameworks/tokens.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { getMeeting } from "./meetings.js";
import {
  type TAdjustmentInput,
  type TCriterion,
  type TMeeting,
  type TParticipant,
  type TParticipantReason,
  type TResolvedParticipants,
  type TResolveParticipantsInput,
  ZAdjustmentInput,
  ZResolveParticipantsInput,
} from "./meetings.schema.js";
import { type DbOrTrx, findReadableMeeting } from "./rules.js";

// Who is invited: the Allies on the meeting date, plus every nation or organisation a criterion
// matches on that date (framework members in force, recognised contributors, partners working in
// an area, named ones), then the staff's adjustments. Each participant carries its reasons.

export type Adjustment = Readonly<{ nation: string; action: "add" | "remove" }>;

const noTokens = (): ResolvedTokens => ({ frameworks: [], nations: [], special: [], operations: [] });

/** A criterion's value as stored: codes upper case, areas of cooperation lower case. */
export function normaliseCriterion(c: TCriterion): TCriterion {
  return { kind: c.kind, value: c.kind === "area" ? c.value.toLowerCase() : c.value.toUpperCase() };
}

/**
 * Checks criteria against the registries and returns them normalised and without repeats.
 * VALIDATION on `criteria` for Allies only (it has no criteria), on `criteria.N.value` for an unknown code.
 */
export async function checkCriteria(
  db: DbOrTrx,
  format: DecisionFormat,
  criteria: readonly TCriterion[],
): Promise<TCriterion[]> {
  if (format === "allies-only" && criteria.length > 0) {
    throw fieldError("criteria", "an Allies-only meeting takes no criteria: the Allies are always invited");
  }
  const out: TCriterion[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of criteria.entries()) {
    const c = normaliseCriterion(raw);
    const known = await describeCriterion(db, c.kind, c.value);
    if (known === null) throw fieldError(`criteria.${i}.value`, `'${raw.value}' is not a known ${KIND_WORDS[c.kind]}`);
    const key = `${c.kind}:${c.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

const KIND_WORDS: Record<MeetingCriterionKind, string> = {
  framework: "framework code",
  contributors: "operation code",
  area: "area of cooperation",
  nation: "nation or organisation code",
};

/** The reason's words for a criterion, or null if its code is unknown. */
async function describeCriterion(db: DbOrTrx, kind: MeetingCriterionKind, value: string): Promise<string | null> {
  switch (kind) {
    case "framework": {
      const f = await db.selectFrom("framework").select("name").where("code", "=", value).executeTakeFirst();
      return f ? `Member of the ${f.name}` : null;
    }
    case "contributors": {
      const o = await db.selectFrom("operation").select("name").where("code", "=", value).executeTakeFirst();
      return o ? `Recognised contributor to ${o.name}` : null;
    }
    case "area": {
      const a = await db.selectFrom("area").select("name").where("code", "=", value).executeTakeFirst();
      return a ? `Works with NATO on ${a.name.charAt(0).toLowerCase()}${a.name.slice(1)}` : null;
    }
    case "nation": {
      const n = await db.selectFrom("nation").select("code").where("code", "=", value).executeTakeFirst();
      return n ? "Invited by name" : null;
    }
  }
}

/** The nation codes one criterion matches on `date`. */
async function criterionMembers(db: DbOrTrx, c: TCriterion, date: string): Promise<string[]> {
  if (c.kind === "area") {
    const rows = await db.selectFrom("partner_area").select("nation_code").where("area_code", "=", c.value).execute();
    return rows.map((r) => r.nation_code);
  }
  const tokens = noTokens();
  if (c.kind === "framework") tokens.frameworks.push(c.value);
  else if (c.kind === "contributors") tokens.operations.push(c.value);
  else tokens.nations.push(c.value);
  const rows = await tokenMembersQuery(db, tokens, date).execute();
  return rows.map((r) => r.code);
}

/**
 * The participant list on `date`: the Allies (reason ally), each criterion's matches with its
 * reason, then adjustments (add: reason "added"; remove: kept in the list, marked removed; an
 * Ally cannot be removed). Sorted by code.
 */
export async function resolveParticipants(
  db: DbOrTrx,
  input: {
    date: string;
    format: DecisionFormat;
    criteria: readonly TCriterion[];
    adjustments?: readonly Adjustment[];
  },
): Promise<TResolvedParticipants> {
  const criteria = await checkCriteria(db, input.format, input.criteria);
  const reasons = new Map<string, TParticipantReason[]>();
  const add = (code: string, reason: TParticipantReason) => {
    const list = reasons.get(code) ?? [];
    if (!list.some((r) => r.kind === reason.kind && r.value === reason.value)) list.push(reason);
    reasons.set(code, list);
  };
  const allies = new Set(await listAlliesAt(db, input.date));
  for (const code of allies) add(code, { kind: "ally", value: "NATO", text: "Ally" });
  for (const c of criteria) {
    const text = (await describeCriterion(db, c.kind, c.value)) ?? c.value;
    for (const code of await criterionMembers(db, c, input.date)) add(code, { kind: c.kind, value: c.value, text });
  }
  const removed = new Set<string>();
  for (const a of input.adjustments ?? []) {
    if (a.action === "add") add(a.nation, { kind: "added", value: a.nation, text: "Added by the staff" });
    else if (!allies.has(a.nation) && reasons.has(a.nation)) removed.add(a.nation);
  }
  const codes = [...reasons.keys()].sort();
  const nations = codes.length
    ? await db.selectFrom("nation").select(["code", "name", "kind"]).where("code", "in", codes).execute()
    : [];
  const byCode = new Map(nations.map((n) => [n.code, n]));
  const participants: TParticipant[] = codes.map((code) => ({
    nation: byCode.get(code) ?? { code, name: code, kind: "state" },
    reasons: reasons.get(code) ?? [],
    removed: removed.has(code),
    attended: null,
    representative: null,
  }));
  return summariseParticipants(input.date, participants, allies);
}

/** Counts of a participant list (only those not removed count). */
export function summariseParticipants(
  date: string,
  participants: TParticipant[],
  allies: ReadonlySet<string>,
): TResolvedParticipants {
  const invited = participants.filter((p) => !p.removed);
  return {
    date,
    participants,
    count: invited.length,
    allies: invited.filter((p) => allies.has(p.nation.code)).length,
    partners: invited.filter((p) => !allies.has(p.nation.code) && p.nation.kind === "state").length,
    organisations: invited.filter((p) => p.nation.kind === "organisation").length,
  };
}

/** The planner's live preview (staff): the criteria resolved on a date, before any meeting exists. */
export async function previewParticipants(
  db: Db,
  actor: Viewer,
  input: TResolveParticipantsInput,
  now: Date,
): Promise<TResolvedParticipants> {
  await requireRole(db, actor, "meeting.resolve", STAFF_ROLES, now);
  const parsed = parseInput(ZResolveParticipantsInput, input);
  return resolveParticipants(db, { date: parsed.date, format: parsed.format, criteria: parsed.criteria });
}

/** The meeting's adjustments, for resolution. */
export async function loadAdjustments(db: DbOrTrx, meetingId: string): Promise<Adjustment[]> {
  const rows = await db
    .selectFrom("meeting_adjustment")
    .select(["nation_code", "action"])
    .where("meeting_id", "=", meetingId)
    .orderBy("nation_code")
    .execute();
  return rows.map((r) => ({ nation: r.nation_code, action: r.action }));
}

/**
 * Adds or removes one nation or organisation by hand, or clears that adjustment (staff; before
 * invitations go out). Removing an Ally is VALIDATION on `nation`: the Allies are always invited.
 */
export async function adjustParticipants(
  db: Db,
  actor: Viewer,
  meetingId: string,
  input: TAdjustmentInput,
  now: Date,
): Promise<TMeeting> {
  const meeting = await findReadableMeeting(db, actor, meetingId, now);
  await requireRole(db, actor, "meeting.adjust", STAFF_ROLES, now);
  const parsed = parseInput(ZAdjustmentInput, input);
  const nation = await db.selectFrom("nation").select("code").where("code", "=", parsed.nation).executeTakeFirst();
  if (!nation) throw fieldError("nation", `'${parsed.nation}' is not a known nation or organisation code`);
  if (parsed.action === "add" && meeting.format === "allies-only") {
    throw fieldError(
      "nation",
      "an Allies-only meeting invites the Allies only: choose another format to invite a partner",
    );
  }
  if (parsed.action === "remove" && (await listAlliesAt(db, meeting.meeting_date)).includes(parsed.nation)) {
    throw fieldError("nation", `${parsed.nation} is an Ally on ${meeting.meeting_date}: the Allies are always invited`);
  }
  if (!["planning", "format-agreed"].includes(meeting.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot adjust the participants of ${meeting.title}: it is ${meeting.status}; the list can change only while planning or once the format is agreed`,
      { status: meeting.status },
    );
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Widening the list after the Allies agreed the format (adding someone, or undoing a
    // removal) goes beyond what they agreed: back to planning for a new decision. Narrowing it does not.
    const previous = await trx
      .selectFrom("meeting_adjustment")
      .select("action")
      .where("meeting_id", "=", meeting.id)
      .where("nation_code", "=", parsed.nation)
      .executeTakeFirst();
    const widens = parsed.action === "add" || (parsed.action === "clear" && previous?.action === "remove");
    const lapses = meeting.status === "format-agreed" && widens;
    const moved = await trx
      .updateTable("meeting")
      .set({ updated_at: at, ...(lapses ? { status: "planning" as const, format_decision_id: null } : {}) })
      .where("id", "=", meeting.id)
      .where("status", "=", meeting.status)
      .where("updated_at", "=", meeting.updated_at)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", `Cannot adjust the participants of ${meeting.title}: it changed meanwhile`);
    }
    await trx
      .deleteFrom("meeting_adjustment")
      .where("meeting_id", "=", meeting.id)
      .where("nation_code", "=", parsed.nation)
      .execute();
    if (parsed.action !== "clear") {
      await trx
        .insertInto("meeting_adjustment")
        .values({
          meeting_id: meeting.id,
          nation_code: parsed.nation,
          action: parsed.action,
          note: parsed.note,
          adjusted_by: actor.userId ?? "",
          adjusted_at: at,
        })
        .execute();
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "meeting.adjust",
        objectType: "meeting",
        objectId: meeting.id,
        objectLabel: await getLabel(trx, meeting.label_id),
        outcome: "success",
        details: {
          nation: parsed.nation,
          adjustment: parsed.action,
          note: parsed.note,
          ...(lapses ? { from: meeting.status, to: "planning", formatAgreementLapsed: true } : {}),
        },
      },
      now,
    );
  });
  return getMeeting(db, actor, meeting.id, now);
}
