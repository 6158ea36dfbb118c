import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/connect.js";
import type { ClearanceCode, NotificationKind, OrganisationTable, Role } from "../../src/db/schema.js";
import type { TDecisionInput } from "../../src/domain/decisions/decisions.schema.js";
import { rankOf, type Viewer } from "../../src/domain/labels/viewer.js";

// Builders for the decisions module's tests: users in real organisations (the objection rule
// and the notices read the organisation from the database), and decision inputs.

let sequence = 0;

/** A user (and its own organisation) in the database, as the Viewer the domain receives. */
export async function insertMember(
  db: Db,
  options: {
    kind: OrganisationTable["kind"];
    nation: string | null;
    roles: Role[];
    clearance?: ClearanceCode;
    name?: string;
  },
): Promise<Viewer> {
  sequence += 1;
  const organisationId = randomUUID();
  const organisation =
    options.name ?? `${options.kind} ${options.nation ?? "alliance"} ${sequence} ${organisationId.slice(0, 6)}`;
  const at = "2000-01-01T00:00:00.000Z";
  await db
    .insertInto("organisation")
    .values({ id: organisationId, name: organisation, kind: options.kind, nation_code: options.nation, created_at: at })
    .execute();
  const userId = randomUUID();
  const username = `user${sequence}.${userId.slice(0, 6)}`;
  const clearance = options.clearance ?? "NS";
  await db
    .insertInto("app_user")
    .values({
      id: userId,
      username,
      display_name: username,
      organisation_id: organisationId,
      clearance,
      is_poc: 0,
      password_hash: "x",
      disabled: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      created_at: at,
    })
    .execute();
  await db
    .insertInto("user_role")
    .values(options.roles.map((role) => ({ user_id: userId, role })))
    .execute();
  return Object.freeze({
    userId,
    username,
    organisation,
    nation: options.nation,
    isAlliance: options.nation === null,
    clearanceRank: rankOf(clearance),
    roles: Object.freeze([...options.roles]),
  });
}

/** A user of an Ally's (or any nation's) delegation to NATO, role 'delegation'. */
export const insertDelegate = (db: Db, nation: string) =>
  insertMember(db, { kind: "delegation", nation, roles: ["delegation"] });

/** Alliance staff (International Staff), role 'staff'. */
export const insertStaff = (db: Db) => insertMember(db, { kind: "alliance-staff", nation: null, roles: ["staff"] });

/** An administrator of the alliance. */
export const insertAdmin = (db: Db) => insertMember(db, { kind: "alliance-staff", nation: null, roles: ["admin"] });

/** A partner's user (the nation's mission to NATO), role 'partner'. */
export const insertPartnerUser = (db: Db, nation: string) =>
  insertMember(db, { kind: "mission", nation, roles: ["partner"], clearance: "NR" });

let references = 0;

/** A unique document reference such as C-M(2012)0014. */
export function nextReference(year = 2012): string {
  references += 1;
  return `C-M(${year})${String(references).padStart(4, "0")}-${randomUUID().slice(0, 4)}`;
}

/** A silence procedure on a free-text subject, deadline as given (Brussels). */
export function silenceInput(
  deadline: { date: string; time: string; timeZone?: string },
  overrides: Partial<TDecisionInput> = {},
): TDecisionInput {
  return {
    reference: nextReference(Number(deadline.date.slice(0, 4))),
    title: "Statement on counter-piracy cooperation",
    procedure: "silence",
    subject: { type: "free-text", text: "A statement on counter-piracy cooperation with partners" },
    deadline,
    ...overrides,
  };
}

/** A decision taken in a meeting, on a free-text subject. */
export function meetingInput(
  meeting: { consensus: boolean; alliesPresent: string[] },
  overrides: Partial<TDecisionInput> = {},
): TDecisionInput {
  return {
    reference: nextReference(),
    title: "Meeting format for the counter-piracy partners",
    procedure: "meeting",
    subject: { type: "free-text", text: "Allies + n consultations on counter-piracy" },
    meeting,
    ...overrides,
  };
}

/** Audit events, optionally of one action and/or one object. */
export async function countAudit(db: Db, where: { action?: string; objectId?: string } = {}): Promise<number> {
  const row = await db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll().as("n"))
    .$if(where.action !== undefined, (q) => q.where("action", "=", where.action ?? ""))
    .$if(where.objectId !== undefined, (q) => q.where("object_id", "=", where.objectId ?? ""))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Notifications, optionally about one subject and/or of one kind. */
export async function countNotices(
  db: Db,
  where: { subjectId?: string; kind?: NotificationKind } = {},
): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll().as("n"))
    .$if(where.subjectId !== undefined, (q) => q.where("subject_id", "=", where.subjectId ?? ""))
    .$if(where.kind !== undefined, (q) => q.where("kind", "=", where.kind ?? "decision-ended"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
