import type { Db } from "../../db/connect.js";
import { addIteration, createActivity } from "../activities/activities.js";
import { transitionActivity } from "../activities/lifecycle.js";
import { nominate, withdraw } from "../activities/nominations.js";
import { recordAttendance } from "../feedback/attendance.js";
import { submitFeedback } from "../feedback/feedback.js";
import type { TFeedbackAnswers } from "../feedback/feedback.schema.js";
import { findUserByUsername, viewerOf } from "../identity/users.js";
import type { Viewer } from "../labels/viewer.js";

// Demo mode only: one course run in March 2026 that has been conducted, with nominations from
// the demo partner nations, attendance and feedback, so the report and participation pages
// show real numbers. A separate activity (not one of the demo menu's): an activity's status is
// shared by its iterations, and conducting a menu entry would close it to nominations.
// Everything goes through the domain functions on a fixed demo clock; names are invented.

export const DEMO_FEEDBACK_REFERENCE = "ACT.397";

const at = (isoDateTime: string) => new Date(isoDateTime);

type DemoParticipant = {
  nation: "JPN" | "AUS" | "KOR" | "GEO";
  name: string;
  email: string;
  rank: string;
  /** Attendance as recorded; `withdrawn` never reached the course. */
  outcome: "attended" | "absent" | "withdrawn";
  answers?: Partial<TFeedbackAnswers>;
};

const PARTICIPANTS: DemoParticipant[] = [
  {
    nation: "JPN",
    name: "Haruto Sato",
    email: "h.sato@demo.mod.jp",
    rank: "Lieutenant Colonel",
    outcome: "attended",
    answers: {
      overall: 5,
      relevance: 5,
      instruction: 5,
      organisation: 4,
      recommend: true,
      worked: "The syndicate exercises on partnership planning.",
    },
  },
  {
    nation: "JPN",
    name: "Yui Tanaka",
    email: "y.tanaka@demo.mod.jp",
    rank: "Major",
    outcome: "attended",
    answers: { overall: 4, relevance: 4, instruction: 4, organisation: 4, recommend: true },
  },
  {
    nation: "JPN",
    name: "Kenji Watanabe",
    email: "k.watanabe@demo.mod.jp",
    rank: "Commander",
    outcome: "attended",
    answers: {
      overall: 4,
      relevance: 3,
      instruction: 5,
      organisation: 3,
      recommend: true,
      improve: "More time for questions after each briefing.",
    },
  },
  {
    nation: "JPN",
    name: "Aiko Suzuki",
    email: "a.suzuki@demo.mofa.jp",
    rank: "First Secretary",
    outcome: "attended",
    answers: { overall: 5, relevance: 4, instruction: 4, organisation: 5, recommend: true },
  },
  {
    nation: "AUS",
    name: "Liam Walker",
    email: "liam.walker@demo.defence.gov.au",
    rank: "Wing Commander",
    outcome: "attended",
    answers: {
      overall: 4,
      relevance: 5,
      instruction: 4,
      organisation: 2,
      recommend: true,
      improve: "Transport from Munich airport was hard to arrange.",
    },
  },
  {
    nation: "AUS",
    name: "Olivia Brown",
    email: "olivia.brown@demo.defence.gov.au",
    rank: "Major",
    outcome: "attended",
    answers: {
      overall: 3,
      relevance: 3,
      instruction: 4,
      organisation: 3,
      recommend: false,
      worked: "Meeting the other partners' officers.",
    },
  },
  {
    nation: "AUS",
    name: "Jack Wilson",
    email: "jack.wilson@demo.defence.gov.au",
    rank: "Lieutenant Commander",
    outcome: "attended",
    answers: {
      overall: 5,
      relevance: 5,
      instruction: 5,
      organisation: 4,
      recommend: true,
      worked: "Clear, practical case studies.",
    },
  },
  {
    nation: "KOR",
    name: "Kim Min-jun",
    email: "minjun.kim@demo.mnd.kr",
    rank: "Lieutenant Colonel",
    outcome: "attended",
    answers: {
      overall: 4,
      relevance: 4,
      instruction: 3,
      organisation: 4,
      recommend: true,
      improve: "Send the reading list earlier.",
    },
  },
  // Attended, feedback not given yet: partner.kor can fill in the form in the demo.
  { nation: "KOR", name: "Lee Seo-yeon", email: "seoyeon.lee@demo.mnd.kr", rank: "Major", outcome: "attended" },
  { nation: "KOR", name: "Park Ji-ho", email: "jiho.park@demo.mnd.kr", rank: "Captain", outcome: "withdrawn" },
  {
    nation: "GEO",
    name: "Giorgi Beridze",
    email: "g.beridze@demo.mod.gov.ge",
    rank: "Major",
    outcome: "attended",
    answers: { overall: 5, relevance: 5, instruction: 4, organisation: 4, recommend: true },
  },
  { nation: "GEO", name: "Nino Kapanadze", email: "n.kapanadze@demo.mod.gov.ge", rank: "Captain", outcome: "absent" },
];

async function demoViewer(db: Db, username: string): Promise<Viewer | null> {
  const user = await findUserByUsername(db, username);
  return user ? viewerOf(user) : null;
}

/**
 * Demo mode: the conducted course with its attendance and feedback. Idempotent: does nothing if
 * the demo course exists already or the demo users are missing. Returns the feedback given.
 */
export async function seedDemoFeedback(db: Db): Promise<number> {
  const exists = await db
    .selectFrom("activity")
    .select("id")
    .where("reference", "=", DEMO_FEEDBACK_REFERENCE)
    .executeTakeFirst();
  if (exists) return 0;
  const staff = await demoViewer(db, "staff");
  const pocs = new Map<string, Viewer>();
  for (const nation of ["JPN", "AUS", "KOR", "GEO"]) {
    const poc = await demoViewer(db, `partner.${nation.toLowerCase()}`);
    if (poc) pocs.set(nation, poc);
  }
  if (!staff || pocs.size < 4) return 0;

  const opened = at("2026-01-12T09:00:00Z");
  const activity = await createActivity(
    db,
    staff,
    {
      reference: DEMO_FEEDBACK_REFERENCE,
      owner: "NATO School Oberammergau",
      title: "Partnership cooperation planning course",
      kind: "course",
      description: "Planning and running cooperation with partners: the menu, individual programmes, evaluation.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 3,
      areas: ["education-and-training"],
      label: { classification: "NU", releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] },
    },
    opened,
  );
  const iteration = await addIteration(
    db,
    staff,
    activity.id,
    {
      code: "2026-1",
      startDate: "2026-03-09",
      endDate: "2026-03-13",
      city: "Oberammergau",
      countryCode: "DEU",
      seats: 24,
      nominationDeadline: "2026-02-16",
    },
    opened,
  );
  for (const action of ["approve", "publish", "open-nominations"] as const) {
    await transitionActivity(db, staff, activity.id, action, opened);
  }

  const placed: { participant: DemoParticipant; id: string; poc: Viewer }[] = [];
  for (const [index, p] of PARTICIPANTS.entries()) {
    const poc = pocs.get(p.nation);
    if (!poc) continue;
    const day = String(20 + (index % 9)).padStart(2, "0");
    const nomination = await nominate(
      db,
      poc,
      iteration.id,
      { name: p.name, email: p.email, rank: p.rank, clearance: "NR", languageLevel: 3 },
      at(`2026-01-${day}T10:00:00Z`),
    );
    placed.push({ participant: p, id: nomination.id, poc });
  }
  for (const { participant, id, poc } of placed) {
    if (participant.outcome === "withdrawn") await withdraw(db, poc, id, at("2026-02-10T11:00:00Z"));
  }
  await transitionActivity(db, staff, activity.id, "close-nominations", at("2026-02-17T09:00:00Z"));
  await transitionActivity(db, staff, activity.id, "conduct", at("2026-03-13T17:00:00Z"));
  await recordAttendance(
    db,
    staff,
    iteration.id,
    {
      records: placed
        .filter((p) => p.participant.outcome !== "withdrawn")
        .map((p) => ({ nominationId: p.id, attended: p.participant.outcome === "attended" })),
    },
    at("2026-03-13T17:30:00Z"),
  );
  let given = 0;
  for (const { participant, id, poc } of placed) {
    if (participant.outcome !== "attended" || participant.answers === undefined) continue;
    const a = participant.answers;
    await submitFeedback(
      db,
      poc,
      id,
      {
        answers: {
          overall: a.overall ?? 4,
          relevance: a.relevance ?? 4,
          instruction: a.instruction ?? 4,
          organisation: a.organisation ?? 4,
          recommend: a.recommend ?? true,
          ...(a.worked === undefined ? {} : { worked: a.worked }),
          ...(a.improve === undefined ? {} : { improve: a.improve }),
        },
      },
      at(`2026-03-${String(16 + (given % 5)).padStart(2, "0")}T09:00:00Z`),
    );
    given += 1;
  }
  return given;
}
