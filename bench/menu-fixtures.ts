// The menu benchmark's actors and its burst iteration, made through the domain functions (a few
// rows: the audit trail and the checks are worth keeping here), and the HTTP login.
import type { Db } from "../src/db/connect.js";
import { addIteration, createActivity } from "../src/domain/activities/activities.js";
import { transitionActivity } from "../src/domain/activities/lifecycle.js";
import { createOrganisation } from "../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../src/domain/identity/users.js";
import type { Viewer } from "../src/domain/labels/viewer.js";

export type Credentials = { username: string; password: string };

/** A partner point of contact of Japan and an analyst (neither owes a second factor), and a staff officer (used in process). */
export async function createBenchUsers(db: Db, now: Date) {
  const staffOrg = await createOrganisation(
    db,
    null,
    { name: "International Staff (benchmark)", kind: "alliance-staff", nation: null },
    now,
  );
  const jpnOrg = await createOrganisation(
    db,
    null,
    { name: "Mission of Japan to NATO (benchmark)", kind: "mission", nation: "JPN" },
    now,
  );
  const partner = { username: "bench.partner.jpn", password: "bench-partner-jpn-correct-horse" };
  const partnerUser = await createUser(
    db,
    null,
    {
      ...partner,
      displayName: "Point of contact, Mission of Japan",
      organisationId: jpnOrg.id,
      clearance: "NR",
      roles: ["partner"],
      isPointOfContact: true,
    },
    now,
  );
  const staffUser = await createUser(
    db,
    null,
    {
      username: "bench.staff",
      password: "bench-staff-correct-horse-battery",
      displayName: "Partnership officer",
      organisationId: staffOrg.id,
      clearance: "NS",
      roles: ["staff"],
    },
    now,
  );
  // An analyst of the International Staff: an alliance user, for whom the menu computes no
  // per-row policy decision, which separates the policy engine's cost from the query's.
  const analyst = { username: "bench.analyst", password: "bench-analyst-correct-horse-battery" };
  await createUser(
    db,
    null,
    {
      ...analyst,
      displayName: "Partnership analyst",
      organisationId: staffOrg.id,
      clearance: "NR",
      roles: ["analyst"],
    },
    now,
  );
  return {
    partner,
    analyst,
    partnerViewer: viewerOf(partnerUser),
    staffViewer: viewerOf(staffUser),
  };
}

/** Logs in over HTTP and returns the session cookie to send back. */
export async function login(address: string, credentials: Credentials): Promise<string> {
  const response = await fetch(`${address}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials),
  });
  const body = (await response.json()) as { stage?: string };
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("entente_session="));
  if (response.status !== 200 || body.stage !== "authenticated" || !cookie) {
    throw new Error(`login failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return cookie.split(";")[0] ?? "";
}

/** A fresh activity open to Japan with one 30-seat iteration taking nominations. */
export async function createBurstIteration(db: Db, staff: Viewer, now: Date): Promise<{ iterationId: string }> {
  const activity = await createActivity(
    db,
    staff,
    {
      reference: "BENCH.1",
      owner: "NATO Maritime Interdiction Operational Training Centre",
      title: "Counter-piracy operations course (benchmark burst)",
      kind: "course",
      description: "The iteration the nomination burst fills.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 2,
      areas: ["counter-piracy"],
      label: { classification: "NU", releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] },
    },
    now,
  );
  const iteration = await addIteration(
    db,
    staff,
    activity.id,
    {
      code: "2027-1",
      startDate: "2027-06-07",
      endDate: "2027-06-11",
      city: "Souda Bay",
      countryCode: "GRC",
      seats: 30,
      nominationDeadline: "2027-05-01",
    },
    now,
  );
  for (const action of ["approve", "publish", "open-nominations"] as const) {
    await transitionActivity(db, staff, activity.id, action, now);
  }
  return { iterationId: iteration.id };
}
