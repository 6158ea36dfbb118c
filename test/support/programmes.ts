import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Db } from "../../src/db/connect.js";
import type { Database, DecisionStatus, Role } from "../../src/db/schema.js";
import type { DecisionInfo } from "../../src/domain/decisions/subject-hooks.js";
import { createOrganisation } from "../../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../../src/domain/identity/users.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { queueNotifications } from "../../src/domain/notifications/notifications.js";
import { programmeDecisionHooks } from "../../src/domain/programmes/decision-effects.js";
import type { TProgrammeContent, TProgrammeInput } from "../../src/domain/programmes/programmes.schema.js";

// Builders for the programme tests (imported by *.test.ts only).

let sequence = 0;

/** "Now" in the programme tests: early 2012, the start of Japan's first IPCP. */
export const PNOW = new Date("2012-02-01T10:00:00Z");

type OrgKind = "alliance-staff" | "delegation" | "mission";

/** A real user (comments and notices name stored users) in an organisation of its own. */
export async function insertProgrammeUser(db: Db, name: string, nation: string | null, roles: Role[]): Promise<Viewer> {
  sequence += 1;
  const kind: OrgKind = nation === null ? "alliance-staff" : roles.includes("delegation") ? "delegation" : "mission";
  const organisation = await createOrganisation(
    db,
    null,
    { name: `${name} organisation ${sequence}`, kind, nation },
    PNOW,
  );
  const user = await createUser(
    db,
    null,
    {
      username: `${name}${sequence}`,
      displayName: name,
      organisationId: organisation.id,
      clearance: "NR",
      roles,
      password: "a-long-test-password-1",
    },
    PNOW,
  );
  return viewerOf(user);
}

/** The cast of the programme tests: staff, Japan's and Korea's partner users, Norway's delegation. */
export async function insertCast(db: Db) {
  return {
    staff: await insertProgrammeUser(db, "staff", null, ["staff"]),
    jpn: await insertProgrammeUser(db, "jpn", "JPN", ["partner"]),
    kor: await insertProgrammeUser(db, "kor", "KOR", ["partner"]),
    nor: await insertProgrammeUser(db, "nor", "NOR", ["delegation"]),
  };
}

export function emptyContent(overrides: Partial<TProgrammeContent> = {}): TProgrammeContent {
  return { areas: [], objectives: [], goals: [], activities: [], sections: [], ...overrides };
}

export function programmeInput(overrides: Partial<TProgrammeInput> = {}): TProgrammeInput {
  sequence += 1;
  return {
    title: `Japan IPCP ${sequence}`,
    periodStart: "2012-01-01",
    periodEnd: "2013-12-31",
    content: emptyContent({
      areas: ["cyber-defence"],
      objectives: [{ id: "o1", text: "Strengthen cyber defence cooperation" }],
      sections: [{ key: "intro", title: "Introduction", text: "Japan and NATO share values." }],
    }),
    ...overrides,
  };
}

/** A Council decision row on a programme, inserted directly (as the decisions module would). */
export async function insertProgrammeDecision(
  db: Db | Transaction<Database>,
  programmeId: string,
  overrides: { status?: DecisionStatus; procedure?: "meeting" | "silence"; deadlineAt?: string } = {},
): Promise<DecisionInfo & { labelId: string }> {
  sequence += 1;
  const programme = await db
    .selectFrom("programme")
    .select("label_id")
    .where("id", "=", programmeId)
    .executeTakeFirstOrThrow();
  const procedure = overrides.procedure ?? "silence";
  const row = {
    id: randomUUID(),
    reference: `C-M(2012)${String(sequence).padStart(4, "0")}`,
    title: "Programme decision",
    body: "NAC" as const,
    format: "allies-plus-one" as const,
    procedure,
    subject_type: "programme" as const,
    subject_id: programmeId,
    decision_date: PNOW.toISOString().slice(0, 10),
    status: overrides.status ?? ("open" as const),
    deadline_at: procedure === "silence" ? (overrides.deadlineAt ?? "2012-03-16T12:00:00.000Z") : null,
    deadline_local: null,
    deadline_zone: null,
    reminder_sent_at: null,
    broken_by_nation: null,
    broken_by_user_id: null,
    broken_reason: null,
    broken_at: null,
    closed_at: null,
    label_id: programme.label_id,
    created_by: "test",
    created_at: PNOW.toISOString(),
  };
  await db.insertInto("decision").values(row).execute();
  return {
    id: row.id,
    reference: row.reference,
    procedure,
    status: row.status,
    decisionDate: row.decision_date,
    closedAt: null,
    effectiveDate: null,
    brokenByNation: null,
    labelId: row.label_id,
  };
}

/** The Council opens a procedure on the programme: the hook's checks and the decision row, in one transaction. */
export async function openCouncilProcedure(db: Db, programmeId: string, now: Date = PNOW): Promise<DecisionInfo> {
  return db.transaction().execute(async (trx) => {
    const probe: DecisionInfo = {
      id: "new",
      reference: "new",
      procedure: "silence",
      status: "open",
      decisionDate: now.toISOString().slice(0, 10),
      closedAt: null,
      effectiveDate: null,
      brokenByNation: null,
    };
    await programmeDecisionHooks.open(trx, programmeId, probe, null, now);
    return insertProgrammeDecision(trx, programmeId);
  });
}

/** Ends the open procedure with `status` (as the decisions module would) and applies it to the programme. */
export async function closeCouncilProcedure(
  db: Db,
  decision: DecisionInfo,
  status: "adopted" | "silence-broken" | "not-adopted" | "withdrawn",
  now: Date = PNOW,
  actor: Viewer | null = null,
) {
  const closedAt = now.toISOString();
  const brokenBy = status === "silence-broken" ? "NOR" : null;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("decision")
      .set({ status, closed_at: closedAt, broken_by_nation: brokenBy })
      .where("id", "=", decision.id)
      .execute();
    const row = await trx
      .selectFrom("decision")
      .select("subject_id")
      .where("id", "=", decision.id)
      .executeTakeFirstOrThrow();
    const notices = await programmeDecisionHooks.close(
      trx,
      row.subject_id ?? "",
      { ...decision, status, closedAt, brokenByNation: brokenBy },
      actor,
      now,
    );
    await queueNotifications(trx, notices, now);
    return notices;
  });
}
