import { randomUUID } from "node:crypto";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, RecognitionStatus } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { isUniqueViolation } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { ALLIANCE_FRAMEWORK, isAllyAt } from "../decisions/allies.js";
import { membershipInForceAt } from "../frameworks/membership-sql.js";
import { refuse } from "../identity/authorize.js";
import { getLabel, getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import {
  type TListRecognitionsQuery,
  type TOfferRecognitionInput,
  type TRecognition,
  type TRecognitionActionInput,
  ZListRecognitionsQuery,
  ZOfferRecognitionInput,
  type ZRecognitionAction,
  ZRecognitionActionInput,
} from "./operations.schema.js";
import { type DbOrTrx, isStaff, nationOfField, requireOperation, speaksFor, storeLabel } from "./rules.js";

// A non-NATO nation's way to recognition as a contributor to an operation: offer → advice →
// the Council (a decision on subject contributor-recognition, see decision-effects.ts) →
// recognised from the adoption date; withdraw before, end after.

type Action = (typeof ZRecognitionAction)["options"][number];
type Who = "staff" | "nation-or-staff";
type Transition = Readonly<{ from: readonly RecognitionStatus[]; to: RecognitionStatus; who: Who }>;

/** THE recognition workflow's moves by action (the Council's moves are in decision-effects.ts). */
export const RECOGNITION_TRANSITIONS: Readonly<Record<Action, Transition>> = {
  advise: { from: ["offered"], to: "advised", who: "staff" },
  withdraw: { from: ["offered", "advised"], to: "withdrawn", who: "nation-or-staff" },
  end: { from: ["recognised"], to: "ended", who: "staff" },
};

const mayAct = (viewer: Viewer, who: Who, nation: string) =>
  isStaff(viewer) || (who === "nation-or-staff" && speaksFor(viewer, nation));

/**
 * Who sees a case: its label must be readable, and besides the alliance's staff only the nation
 * itself and the Allies (as of `at`) do; another partner never sees it, whatever its label says.
 */
export function visibleRecognition(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: ExpressionBuilder<Database, "contributor_recognition">): Expression<SqlBool> => {
    const label = readableLabel(db, viewer, at, "contributor_recognition.label_id")(eb);
    if (viewer.isAlliance) return label;
    if (viewer.nation === null) return sql<SqlBool>`1 = 0`;
    const nation = viewer.nation;
    return eb.and([
      label,
      eb.or([
        eb("contributor_recognition.nation_code", "=", nation),
        eb.exists(
          eb
            .selectFrom("membership")
            .select("membership.id")
            .where("membership.framework_code", "=", ALLIANCE_FRAMEWORK)
            .where("membership.nation_code", "=", nation)
            .where(membershipInForceAt(at)),
        ),
      ]),
    ]);
  };
}

function baseQuery(db: DbOrTrx) {
  return db
    .selectFrom("contributor_recognition")
    .innerJoin("operation", "operation.code", "contributor_recognition.operation_code")
    .innerJoin("nation", "nation.code", "contributor_recognition.nation_code")
    .leftJoin("decision", "decision.id", "contributor_recognition.decision_id")
    .selectAll("contributor_recognition")
    .select([
      "operation.name as operation_name",
      "nation.name as nation_name",
      "decision.reference as decision_reference",
      "decision.status as decision_status",
    ]);
}

type RecognitionRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

async function presentAll(db: DbOrTrx, viewer: Viewer, rows: readonly RecognitionRow[]): Promise<TRecognition[]> {
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return rows.map((r) => {
    const label = labels.get(r.label_id);
    if (!label) throw notFound("label", r.label_id);
    const actions = (Object.keys(RECOGNITION_TRANSITIONS) as Action[]).filter((a) => {
      const t = RECOGNITION_TRANSITIONS[a];
      return t.from.includes(r.status) && mayAct(viewer, t.who, r.nation_code);
    });
    return {
      id: r.id,
      operation: { code: r.operation_code, name: r.operation_name },
      nation: { code: r.nation_code, name: r.nation_name },
      status: r.status,
      offer: r.offer,
      offeredOn: r.offered_on,
      advice: r.advice,
      advisedAt: r.advised_at,
      decision:
        r.decision_id === null
          ? null
          : { id: r.decision_id, reference: r.decision_reference ?? "", status: r.decision_status ?? "" },
      recognisedFrom: r.recognised_from,
      recognisedTo: r.recognised_to,
      actions,
      canPutToCouncil: isStaff(viewer) && r.status === "advised",
      label,
    };
  });
}

/** The case if `viewer` may see it today; NOT_FOUND otherwise, exactly like a missing one. */
async function findVisible(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<RecognitionRow> {
  const row = await baseQuery(db)
    .where("contributor_recognition.id", "=", id)
    .where(visibleRecognition(db, viewer, today(now)))
    .executeTakeFirst();
  if (!row) throw notFound("recognition", id);
  return row;
}

export async function getRecognition(db: Db, viewer: Viewer, id: string, now: Date): Promise<TRecognition> {
  const [view] = await presentAll(db, viewer, [await findVisible(db, viewer, id, now)]);
  if (!view) throw notFound("recognition", id);
  return view;
}

/** The cases the viewer may see, newest offers first. */
export async function listRecognitions(
  db: Db,
  viewer: Viewer,
  query: TListRecognitionsQuery,
  now: Date,
): Promise<TRecognition[]> {
  const f = parseInput(ZListRecognitionsQuery, query);
  const rows = await baseQuery(db)
    .where(visibleRecognition(db, viewer, today(now)))
    .$if(f.operation !== undefined, (q) => q.where("contributor_recognition.operation_code", "=", f.operation ?? ""))
    .$if(f.nation !== undefined, (q) => q.where("contributor_recognition.nation_code", "=", f.nation ?? ""))
    .$if(f.status !== undefined, (q) => q.where("contributor_recognition.status", "=", f.status ?? "offered"))
    .orderBy("contributor_recognition.offered_on", "desc")
    .orderBy("contributor_recognition.id")
    .limit(500)
    .execute();
  return presentAll(db, viewer, rows);
}

/**
 * Records a partner's offer to contribute: by the partner's own mission for its nation, or by the
 * staff for any non-NATO nation. An Ally (on offeredOn) cannot be offered (VALIDATION on nation).
 */
export async function offerRecognition(
  db: Db,
  actor: Viewer,
  input: TOfferRecognitionInput,
  now: Date,
): Promise<TRecognition> {
  const parsed = parseInput(ZOfferRecognitionInput, input);
  const nationCode = parsed.nation ?? actor.nation;
  if (!isStaff(actor)) {
    if (actor.userId === null || nationCode === null || !speaksFor(actor, nationCode)) {
      await refuse(
        db,
        actor,
        {
          action: "recognition.offer",
          objectType: "operation",
          objectId: parsed.operation,
          details: { nation: nationCode },
        },
        "Only a partner's own mission (for its nation) or the staff can offer a contribution",
        now,
      );
    }
  }
  if (nationCode === null) throw fieldError("nation", "is required");
  const nation = await nationOfField(db, nationCode);
  const operation = await requireOperation(db, parsed.operation);
  const offeredOn = parsed.offeredOn ?? today(now);
  if (await isAllyAt(db, nation.code, offeredOn)) {
    throw fieldError("nation", `${nation.name} is an Ally on ${offeredOn}: only non-NATO nations are recognised`);
  }
  if (operation.end_date !== null && operation.end_date <= offeredOn) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot offer to contribute to ${operation.name}: it ended before ${offeredOn}`,
      { operation: operation.code, endDate: operation.end_date },
    );
  }
  const live = async () =>
    db
      .selectFrom("contributor_recognition")
      .select(["id", "status"])
      .where("operation_code", "=", operation.code)
      .where("nation_code", "=", nation.code)
      .where("status", "in", ["offered", "advised", "in-decision", "recognised"])
      .executeTakeFirst();
  const liveError = (status: string) =>
    new AppError(
      "INVALID_STATE",
      `${nation.name} already has a case for ${operation.code} that is ${status}: one live case per nation and operation`,
      { status },
    );
  const existing = await live();
  if (existing) throw liveError(existing.status);
  const at = now.toISOString();
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      const label = await storeLabel(
        trx,
        actor,
        parsed.label ?? { classification: "NR", releasableTo: ["NATO", nation.code] },
        at,
      );
      await trx
        .insertInto("contributor_recognition")
        .values({
          id,
          operation_code: operation.code,
          nation_code: nation.code,
          status: "offered",
          offer: parsed.offer,
          offered_on: offeredOn,
          advice: null,
          advised_by: null,
          advised_at: null,
          decision_id: null,
          recognised_from: null,
          recognised_to: null,
          label_id: label.id,
          created_by: actor.userId ?? "unknown",
          created_at: at,
          updated_at: at,
        })
        .execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "recognition.offer",
          objectType: "recognition",
          objectId: id,
          objectLabel: label,
          outcome: "success",
          details: { operation: operation.code, nation: nation.code, offeredOn },
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw liveError((await live())?.status ?? "live");
    throw error;
  }
  return getRecognition(db, actor, id, now);
}

/**
 * Moves a case by one action of RECOGNITION_TRANSITIONS: NOT_FOUND if hidden, INVALID_STATE if
 * illegal from its state, FORBIDDEN (audited) if the actor may not. Conditional on the state
 * checked, so a concurrent move makes this one fail, never both.
 */
export async function actOnRecognition(
  db: Db,
  actor: Viewer,
  id: string,
  input: TRecognitionActionInput,
  now: Date,
): Promise<TRecognition> {
  const parsed = parseInput(ZRecognitionActionInput, input);
  const row = await findVisible(db, actor, id, now);
  const transition = RECOGNITION_TRANSITIONS[parsed.action];
  const what = `${row.nation_name}'s case for ${row.operation_code}`;
  if (!transition.from.includes(row.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot ${parsed.action} ${what}: it is ${row.status}, and '${parsed.action}' applies only to a case that is ${transition.from.join(" or ")}`,
      { status: row.status, action: parsed.action, allowedFrom: transition.from },
    );
  }
  if (!mayAct(actor, transition.who, row.nation_code)) {
    await refuse(
      db,
      actor,
      { action: `recognition.${parsed.action}`, objectType: "recognition", objectId: row.id },
      transition.who === "staff"
        ? `Only the staff can ${parsed.action} a recognition case`
        : `Only ${row.nation_name}'s own users or the staff can ${parsed.action} this case`,
      now,
    );
  }
  const at = now.toISOString();
  const set: {
    status: RecognitionStatus;
    updated_at: string;
    advice?: string;
    advised_by?: string | null;
    advised_at?: string;
    recognised_to?: string;
  } = { status: transition.to, updated_at: at };
  if (parsed.action === "advise") {
    if (parsed.note === "") throw fieldError("note", "the political-military advice must not be empty");
    Object.assign(set, { advice: parsed.note, advised_by: actor.userId, advised_at: at });
  }
  if (parsed.action === "end") {
    const date = parsed.date ?? today(now);
    if (row.recognised_from !== null && date <= row.recognised_from) {
      throw fieldError("date", `must be after the recognition date ${row.recognised_from}`);
    }
    set.recognised_to = date;
  }
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("contributor_recognition")
      .set(set)
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", `Cannot ${parsed.action} ${what}: it changed meanwhile`, {
        action: parsed.action,
      });
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: `recognition.${parsed.action}`,
        objectType: "recognition",
        objectId: row.id,
        objectLabel: await getLabel(trx, row.label_id),
        outcome: "success",
        details: {
          operation: row.operation_code,
          nation: row.nation_code,
          from: row.status,
          to: transition.to,
          note: parsed.note,
          ...(set.recognised_to === undefined ? {} : { recognisedTo: set.recognised_to }),
        },
      },
      now,
    );
  });
  return getRecognition(db, actor, row.id, now);
}
