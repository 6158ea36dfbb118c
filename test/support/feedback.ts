import type { Db } from "../../src/db/connect.js";
import type { TActivityInput, TIterationInput } from "../../src/domain/activities/activities.schema.js";
import { transitionActivity } from "../../src/domain/activities/lifecycle.js";
import { nominate, withdraw } from "../../src/domain/activities/nominations.js";
import { recordAttendance } from "../../src/domain/feedback/attendance.js";
import type { TFeedbackAnswers } from "../../src/domain/feedback/feedback.schema.js";
import { createOrganisation } from "../../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../../src/domain/identity/users.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import type { AppError } from "../../src/errors.js";
import { NOW, openIteration, participant, STAFF, viewer } from "./activities.js";

// Builders for the feedback and calendar tests (imported by *.test.ts only).

/** Open to every partner framework the tests use: JPN, AUS, KOR (GLOBAL) and GEO (PFP) in 2012. */
export const WIDE_AUDIENCE = "PFP, MD, ICI, GLOBAL";

export const partnerOf = (nation: string) =>
  viewer(`poc-${nation.toLowerCase()}`, ["partner"], nation, { clearanceRank: 2 });

let sequence = 0;

export type Placed = { id: string; nation: string; status: string };

/**
 * An activity with one iteration, nominations placed by staff for `nations` (a count per nation),
 * then closed and conducted. Returns the nominations in the order placed.
 */
export async function conductedIteration(
  db: Db,
  nations: Record<string, number>,
  options: { activity?: Partial<TActivityInput>; iteration?: Partial<TIterationInput>; conduct?: boolean } = {},
) {
  const { activity, iteration } = await openIteration(
    db,
    { audience: WIDE_AUDIENCE, label: { classification: "PUBLIC" }, ...options.activity },
    options.iteration,
  );
  const placed: Placed[] = [];
  for (const [nation, count] of Object.entries(nations)) {
    for (let i = 0; i < count; i++) {
      sequence += 1;
      const n = await nominate(db, STAFF, iteration.id, participant(`fb${sequence}`, { nation }), NOW);
      placed.push({ id: n.id, nation, status: n.status });
    }
  }
  await transitionActivity(db, STAFF, activity.id, "close-nominations", NOW);
  if (options.conduct !== false) await transitionActivity(db, STAFF, activity.id, "conduct", NOW);
  return { activity, iteration, placed };
}

/** Marks everyone placed as attended except the ids in `absent`. */
export async function attendAll(db: Db, iterationId: string, placed: Placed[], absent: string[] = []) {
  await recordAttendance(
    db,
    STAFF,
    iterationId,
    { records: placed.map((p) => ({ nominationId: p.id, attended: !absent.includes(p.id) })) },
    NOW,
  );
}

export function answers(overrides: Partial<TFeedbackAnswers> = {}): TFeedbackAnswers {
  return {
    overall: 4,
    relevance: 4,
    instruction: 4,
    organisation: 4,
    recommend: true,
    worked: undefined,
    improve: undefined,
    ...overrides,
  };
}

/** Withdraws a nomination (staff), for participation counts. */
export async function withdrawNomination(db: Db, id: string) {
  await withdraw(db, STAFF, id, NOW);
}

/** A real user (calendar feeds authenticate as a stored user), with its own organisation. */
export async function insertUser(
  db: Db,
  name: string,
  nation: string | null,
  roles: ("partner" | "staff" | "admin" | "analyst")[],
): Promise<Viewer> {
  sequence += 1;
  const organisation = await createOrganisation(
    db,
    null,
    {
      name: `${name} organisation ${sequence}`,
      kind: nation === null ? "alliance-staff" : "mission",
      nation,
    },
    NOW,
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
    NOW,
  );
  return viewerOf(user);
}

/** The error code a call ends with, or "OK". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as AppError).code;
  }
  return "OK";
}

/** The AppError a call must end with. */
export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a failure");
}

/** The fields a VALIDATION error names, sorted. */
export const fieldsOf = (error: AppError) =>
  ((error.details?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
