import type { Expression, ExpressionBuilder, Selectable, SqlBool, Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, ProgrammeStatus, ProgrammeTable, ProgrammeType, Role } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { isStaff } from "../identity/authorize.js";
import { readableLabel } from "../labels/labels.js";
import { hasRole, type Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { fieldError } from "../shared/validation.js";
import type { TProgrammeAction } from "./programmes.schema.js";

// The programme's fixed rules: its type by period, who sees it, and THE workflow table.

export type DbOrTrx = Db | Transaction<Database>;
export type ProgrammeRow = Selectable<ProgrammeTable>;

/**
 * The type follows the period's start: annual work programmes ("Individual Tailored Cooperation
 * Packages of Activities") before 2012, the two-year IPCP from 2012, the ITPP from 2021.
 */
export function programmeTypeOf(periodStart: string): ProgrammeType {
  if (periodStart < "2012-01-01") return "annual-work-programme";
  if (periodStart < "2021-01-01") return "ipcp";
  return "itpp";
}

/**
 * The longest period per type, in months. Annual: 12; IPCP: two years, 24. The ITPP has no fixed
 * length in any source we hold (it is "multi-year"); 60 months is our own cap, not policy.
 */
export const MAX_MONTHS: Readonly<Record<ProgrammeType, number>> = {
  "annual-work-programme": 12,
  ipcp: 24,
  itpp: 60,
};

/** The last day a period starting on `start` may end on, for a length of `months`. */
export function lastAllowedDay(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // Clamp to the month's length (31 January + 1 month is the end of February).
  const lastOfMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastOfMonth));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Checks a period and returns its type; VALIDATION naming periodEnd when it ends too early or too late. */
export function checkPeriod(periodStart: string, periodEnd: string): ProgrammeType {
  const type = programmeTypeOf(periodStart);
  if (periodEnd < periodStart) throw fieldError("periodEnd", "must not be before periodStart");
  const last = lastAllowedDay(periodStart, MAX_MONTHS[type]);
  if (periodEnd > last) {
    throw fieldError(
      "periodEnd",
      `a programme of type ${type} lasts at most ${MAX_MONTHS[type]} months: it must end on or before ${last}`,
    );
  }
  return type;
}

/**
 * Statuses in which a programme has been before the Council, so that any reader of its label
 * (an Ally's delegation) may see it. A withdrawn programme is visible to them only if a Council
 * procedure was ever opened on it (they saw it then); one withdrawn before that stays hidden.
 */
export const SUBMITTED_STATUSES: readonly ProgrammeStatus[] = [
  "submitted",
  "agreed",
  "in-force",
  "under-review",
  "completed",
  "superseded",
];

/**
 * THE rule for seeing a programme, as SQL on `programme`: its label is readable on `at` and the
 * viewer is alliance staff, of the partner's own nation, or the programme has gone to the Council
 * (SUBMITTED_STATUSES, or withdrawn after a Council procedure was opened on it). Every read, list,
 * count, search and export composes it before any LIMIT.
 */
export function visibleProgramme(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: ExpressionBuilder<Database, "programme">): Expression<SqlBool> => {
    const label = readableLabel(db, viewer, at, "programme.label_id")(eb);
    if (viewer.isAlliance) return label;
    const own: Expression<SqlBool>[] = [eb("programme.status", "in", SUBMITTED_STATUSES)];
    if (viewer.nation !== null) own.unshift(eb("programme.nation_code", "=", viewer.nation));
    own.push(
      eb.and([
        eb("programme.status", "=", "withdrawn"),
        eb.exists(
          eb
            .selectFrom("decision")
            .select("decision.id")
            .where("decision.subject_type", "=", "programme")
            .whereRef("decision.subject_id", "=", "programme.id"),
        ),
      ]),
    );
    return eb.and([label, eb.or(own)]);
  };
}

/** The programme if `viewer` may see it on `now`'s date; NOT_FOUND otherwise (hidden = missing). */
export async function findReadableProgramme(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<ProgrammeRow> {
  const row = await db
    .selectFrom("programme")
    .selectAll()
    .where("programme.id", "=", id)
    .where(visibleProgramme(db, viewer, today(now)))
    .executeTakeFirst();
  if (!row) throw notFound("programme", id);
  return row;
}

/** The partner's own users: role partner, of the programme's nation. */
export const isPartnerOf = (viewer: Viewer, nationCode: string) =>
  viewer.userId !== null && hasRole(viewer, "partner") && viewer.nation === nationCode;

/** Who may do a move: the partner's users ("partner") and/or alliance staff and admins ("staff"). */
export type Actor = "partner" | "staff";

type Transition = Readonly<{
  from: readonly ProgrammeStatus[];
  to: ProgrammeStatus;
  by: readonly Actor[];
  /** Refused while a Council procedure is open on the programme. */
  notWhileProcedureOpen?: boolean;
  /** Refused once the Council adopted it. */
  notOnceAdopted?: boolean;
  /** Only once the Council adopted it. */
  onlyOnceAdopted?: boolean;
}>;

/** THE programme workflow: every move a user may ask for, from which states, to which, by whom. */
export const PROGRAMME_TRANSITIONS: Readonly<Record<TProgrammeAction, Transition>> = {
  "open-consultation": { from: ["draft"], to: "consultation", by: ["partner", "staff"] },
  submit: { from: ["consultation"], to: "submitted", by: ["partner"] },
  "return-to-consultation": {
    from: ["submitted"],
    to: "consultation",
    by: ["partner", "staff"],
    notWhileProcedureOpen: true,
    notOnceAdopted: true,
  },
  accept: { from: ["submitted"], to: "agreed", by: ["partner"], onlyOnceAdopted: true },
  "enter-into-force": { from: ["agreed"], to: "in-force", by: ["staff"] },
  "start-review": { from: ["in-force"], to: "under-review", by: ["staff"] },
  "end-review": { from: ["under-review"], to: "in-force", by: ["staff"] },
  complete: { from: ["in-force", "under-review"], to: "completed", by: ["staff"] },
  withdraw: {
    from: ["draft", "consultation", "submitted"],
    to: "withdrawn",
    by: ["partner"],
    // A partner may still decline a programme the Council adopted (before accepting it).
    notWhileProcedureOpen: true,
  },
};

/** The roles requireRole checks for a move (the nation check for "partner" is separate). */
export function rolesFor(by: readonly Actor[]): Role[] {
  return by.flatMap((a): Role[] => (a === "staff" ? ["staff", "admin"] : ["partner"]));
}

/** Whether `viewer` is one of the actors a move allows, for this programme's nation. */
export function mayAct(viewer: Viewer, by: readonly Actor[], nationCode: string): boolean {
  return (by.includes("staff") && isStaff(viewer)) || (by.includes("partner") && isPartnerOf(viewer, nationCode));
}

/** Whether a Council procedure is open on the programme now (other than `exceptDecisionId`). */
export async function hasOpenProcedure(db: DbOrTrx, programmeId: string, exceptDecisionId?: string): Promise<boolean> {
  const row = await db
    .selectFrom("decision")
    .select("id")
    .where("subject_type", "=", "programme")
    .where("subject_id", "=", programmeId)
    .where("status", "=", "open")
    .$if(exceptDecisionId !== undefined, (q) => q.where("id", "<>", exceptDecisionId ?? ""))
    .executeTakeFirst();
  return row !== undefined;
}

/** "IPCP Japan 2012-01-01–2013-12-31": the title decisions and notices use. */
export async function programmeTitle(db: DbOrTrx, programme: ProgrammeRow): Promise<string> {
  const nation = await db
    .selectFrom("nation")
    .select("name")
    .where("code", "=", programme.nation_code)
    .executeTakeFirst();
  const type = programme.type === "annual-work-programme" ? "AWP" : programme.type.toUpperCase();
  return `${type} ${nation?.name ?? programme.nation_code} ${programme.period_start}/${programme.period_end}`;
}
