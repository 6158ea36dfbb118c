import type { Db } from "../../db/connect.js";
import { fileAccessRequest } from "../access-requests/access-requests.js";
import { processDueDecisions } from "../decisions/deadlines.js";
import { openDecision } from "../decisions/decisions.js";
import { breakSilence } from "../decisions/silence.js";
import type { Viewer } from "../labels/viewer.js";
import { addProgrammeComment } from "../programmes/comments.js";
import { createProgramme, saveProgrammeRevision } from "../programmes/programmes.js";
import type { TProgrammeContent } from "../programmes/programmes.schema.js";
import { transitionProgramme } from "../programmes/workflow.js";

// Demo mode only: Japan's 2012-2013 IPCP carried from draft to "in force" through the real
// domain functions, each step at its own (historical) time, so the audit trail and the decision
// register hold every step: consultation with a staff comment, a first silence procedure broken
// by an Ally's delegation, a revision, a second procedure that passes at its deadline, Japan's
// acceptance and entry into force. ILLUSTRATIVE: the steps, dates, references and texts are
// invented to show the workflow; they are not a record of what happened. The references say so.

export type DemoActors = Readonly<{ staff: Viewer; japan: Viewer; delegation: Viewer }>;

const at = (iso: string) => new Date(iso);

async function activityIds(db: Db, references: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("activity")
    .select(["id", "reference"])
    .where("reference", "in", references)
    .execute();
  return new Map(rows.map((r) => [r.reference, r.id]));
}

function firstContent(ids: Map<string, string>): TProgrammeContent {
  const id = (reference: string) => {
    const found = ids.get(reference);
    if (found === undefined) throw new Error(`demo programme: activity ${reference} is missing from the demo menu`);
    return found;
  };
  return {
    areas: ["counter-piracy", "crisis-management", "emerging-security-challenges"],
    objectives: [
      { id: "o1", text: "Work with Allies on maritime security and counter-piracy off the Horn of Africa." },
      { id: "o2", text: "Exchange experience on cyber defence and other emerging security challenges." },
    ],
    goals: [
      { id: "g1", objectiveId: "o1", text: "Officers trained in NATO counter-piracy staff procedures." },
      { id: "g2", objectiveId: "o2", text: "Regular expert exchanges on national cyber defence policy." },
    ],
    activities: [
      { activityId: id("ACO.115"), objectiveId: "o1", plannedParticipants: 2 },
      { activityId: id("ACT.520"), objectiveId: "o2", plannedParticipants: 2 },
    ],
    sections: [
      {
        key: "s1",
        title: "Political dialogue",
        text: "Staff talks once a year and meetings with the North Atlantic Council in flexible formats.",
      },
    ],
  };
}

/** Seeds Japan's 2012-2013 IPCP story and a pending access request (India, ACT.412). Returns the programme id. */
export async function seedDemoProgrammes(db: Db, actors: DemoActors, now: Date): Promise<string | null> {
  const ids = await activityIds(db, ["ACO.115", "ACT.520", "ACT.531", "ACT.412"]);
  if (ids.size < 4) return null;
  const { staff, japan, delegation } = actors;

  const draft = await createProgramme(
    db,
    japan,
    {
      title: "Individual Partnership and Cooperation Programme between Japan and NATO, 2012-2013",
      periodStart: "2012-01-01",
      periodEnd: "2013-12-31",
      content: firstContent(ids),
    },
    at("2011-10-03T08:30:00Z"),
  );
  const id = draft.id;
  await transitionProgramme(db, japan, id, "open-consultation", at("2011-10-10T09:00:00Z"));
  await addProgrammeComment(
    db,
    staff,
    id,
    {
      section: "activities",
      body: "The counter-terrorism seminar (ACT.531) would serve the second objective; please consider adding it.",
    },
    at("2011-10-20T14:10:00Z"),
  );
  await transitionProgramme(db, japan, id, "submit", at("2011-11-15T10:00:00Z"));

  // First procedure: broken by an Ally (illustrative), so the programme returns to consultation.
  const first = await openDecision(
    db,
    staff,
    {
      reference: "DEMO-PO(2011)0412",
      title: "Japan's IPCP 2012-2013: approval",
      body: "NAC",
      format: "allies-only",
      procedure: "silence",
      subject: { type: "programme", id },
      decisionDate: "2011-11-16",
      deadline: { date: "2011-11-25", time: "17:00", timeZone: "Europe/Brussels" },
      note: "Demo scenario (illustrative, not a historical record).",
    },
    at("2011-11-16T09:00:00Z"),
  );
  await breakSilence(
    db,
    delegation,
    first.id,
    { reason: "The programme should name the counter-terrorism seminar proposed by the staff before approval." },
    at("2011-11-24T11:45:00Z"),
  );

  // Japan revises (adds the seminar) and submits again.
  const revised = firstContent(ids);
  revised.activities.push({ activityId: ids.get("ACT.531") ?? "", objectiveId: "o2", plannedParticipants: 1 });
  await saveProgrammeRevision(
    db,
    japan,
    id,
    { content: revised, expectedRevision: 1, note: "Adds the counter-terrorism seminar (ACT.531)." },
    at("2011-12-05T08:00:00Z"),
  );
  await transitionProgramme(db, japan, id, "submit", at("2011-12-12T10:00:00Z"));

  // Second procedure: no objection; the scheduler adopts it at its deadline.
  await openDecision(
    db,
    staff,
    {
      reference: "DEMO-PO(2011)0455",
      title: "Japan's IPCP 2012-2013: approval (revised)",
      body: "NAC",
      format: "allies-only",
      procedure: "silence",
      subject: { type: "programme", id },
      decisionDate: "2011-12-13",
      deadline: { date: "2011-12-20", time: "17:00", timeZone: "Europe/Brussels" },
      note: "Demo scenario (illustrative, not a historical record).",
    },
    at("2011-12-13T09:00:00Z"),
  );
  await processDueDecisions(db, at("2011-12-20T16:00:30Z"));
  await transitionProgramme(db, japan, id, "accept", at("2012-01-09T09:00:00Z"));
  await transitionProgramme(db, staff, id, "enter-into-force", at("2012-01-16T09:00:00Z"));

  // A country without a programme asks, case by case, to join the counter-piracy course.
  await fileAccessRequest(
    db,
    staff,
    {
      activityId: ids.get("ACT.412") ?? "",
      nation: "IND",
      reason: "India's navy escorts shipping in the Gulf of Aden and asks to send two officers (demo request).",
    },
    now,
  );
  return id;
}
