import type { Db } from "../../src/db/connect.js";
import type { Role } from "../../src/db/schema.js";
import { addIteration, createActivity } from "../../src/domain/activities/activities.js";
import type { TActivityInput, TIterationInput } from "../../src/domain/activities/activities.schema.js";
import { transitionActivity } from "../../src/domain/activities/lifecycle.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";

// Builders shared by this module's tests (imported by *.test.ts only).

export function viewer(
  name: string,
  roles: Role[],
  nation: string | null,
  overrides: Partial<Omit<Viewer, "roles">> = {},
): Viewer {
  return Object.freeze({
    userId: `user-${name}`,
    username: name,
    organisation: nation === null ? "International Staff" : `${nation} delegation`,
    nation,
    isAlliance: nation === null,
    clearanceRank: 4,
    roles,
    ...overrides,
  });
}

export const STAFF = viewer("staff", ["staff"], null);
export const JPN_PARTNER = viewer("jpn", ["partner"], "JPN", { clearanceRank: 2 });

let sequence = 0;

export function activityInput(overrides: Partial<TActivityInput> = {}): TActivityInput {
  sequence += 1;
  return {
    reference: `ACT.${sequence}`,
    owner: "NATO School Oberammergau",
    title: `Test course ${sequence}`,
    kind: "course",
    description: "A course made by a test.",
    audience: "PFP, MD, ICI",
    requiredClearance: "NU",
    language: "English",
    languageLevel: 2,
    label: { classification: "PUBLIC" },
    ...overrides,
  };
}

export function iterationInput(overrides: Partial<TIterationInput> = {}): TIterationInput {
  sequence += 1;
  return {
    code: `IT${sequence}`,
    startDate: "2012-06-01",
    endDate: "2012-06-05",
    city: "Oberammergau",
    countryCode: "DEU",
    seats: 30,
    nominationDeadline: "2012-05-01",
    ...overrides,
  };
}

/** "Now" in the tests: before the default iteration's deadline. */
export const NOW = new Date("2012-04-01T09:00:00Z");

/** An activity taking nominations with one iteration. */
export async function openIteration(
  db: Db,
  activity: Partial<TActivityInput> = {},
  iteration: Partial<TIterationInput> = {},
) {
  const created = await createActivity(db, STAFF, activityInput(activity), NOW);
  for (const action of ["approve", "publish", "open-nominations"] as const) {
    await transitionActivity(db, STAFF, created.id, action, NOW);
  }
  const it = await addIteration(db, STAFF, created.id, iterationInput(iteration), NOW);
  return { activity: created, iteration: it };
}

export function participant(n: number | string, overrides: Record<string, unknown> = {}) {
  return {
    name: `Participant ${n}`,
    email: `Participant.${n}@Example.org`,
    rank: "Major",
    clearance: "NR" as const,
    languageLevel: 3,
    ...overrides,
  };
}

export async function auditCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
