import type { Db } from "../../db/connect.js";
import { processDueDecisions } from "../decisions/deadlines.js";
import { openDecision } from "../decisions/decisions.js";
import { type DocumentStore, uploadDocument } from "../documents/documents.js";
import { actOnForceOffer, offerForces } from "../force-generation/offers.js";
import { createRequirement } from "../force-generation/requirements.js";
import type { TLabelInput } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { addActionItem } from "../meetings/action-items.js";
import { addAgendaItem, recordMeetingAttendance } from "../meetings/agenda.js";
import { createMeeting, updateMeeting } from "../meetings/meetings.js";
import type { TCriterion } from "../meetings/meetings.schema.js";
import { adjustParticipants } from "../meetings/participants.js";
import { actOnMeeting } from "../meetings/workflow.js";
import { recordContribution } from "../operations/contributions.js";
import type { TContributionInput } from "../operations/operations.schema.js";
import { createPosting } from "../operations/postings.js";
import { actOnRecognition, offerRecognition } from "../operations/recognitions.js";

// Demo mode only: operations and meetings through the real domain functions at historical clocks.
//
// FACTS (cited, see data/seed/sources.yaml): the troop figures (ISAF about November 2010, KFOR
// February 2017), Japan's 2007 funding framework and 2012 Trust Fund donation, Argentina's
// assistance in Kosovo, Korea's November 2009 offer, and the counter-piracy meeting's
// participants (NATO news 78064; September 2011 from the seed page).
// ILLUSTRATIVE (invented to show the workflows; references start with DEMO-): Korea's
// recognition date and its silence procedure, Colombia's pending case, the postings, the ISAF
// statement of requirements and its offers, the planning and agenda documents, the meeting's
// day, agenda, outcome and action items, and the IMO as the meeting's 47th participant (the
// source counts 47 but names 46).

export type DemoOperationActors = Readonly<{ staff: Viewer; korea: Viewer; japan: Viewer; delegation: Viewer }>;

const at = (iso: string) => new Date(iso);
const PUBLIC: TLabelInput = { classification: "PUBLIC" };
const AFP_2010 = "https://nuclearpowerdaily.com/facts-foreign-troop-numbers-in-afghanistan-999/";
const KFOR_2017 = "https://docslib.org/doc/4697084/kosovo-force-kfor-kosovo-force-kfor";

/** ISAF, about November 2010 (AFP, "data provided by NATO"): the non-NATO contributors the reference lists. */
const ISAF_2010: readonly [string, number][] = [
  ["AUS", 1550],
  ["GEO", 924],
  ["SWE", 500],
  ["KOR", 246],
  ["NZL", 234],
  ["FIN", 150],
  ["AZE", 94],
  ["MNG", 47],
  ["ARM", 40],
  ["SGP", 38],
  ["ARE", 35],
  ["MYS", 30],
  ["UKR", 16],
  ["IRL", 7],
  ["AUT", 3],
];

/** KFOR, February 2017: its non-NATO contributors. */
const KFOR_2017_TROOPS: readonly [string, number][] = [
  ["AUT", 487],
  ["CHE", 234],
  ["MDA", 41],
  ["UKR", 40],
  ["ARM", 35],
  ["FIN", 20],
  ["IRL", 12],
  ["SWE", 2],
];

/** The non-Allies the NATO news item names at the first flexible-format meeting on counter-piracy. */
export const COUNTER_PIRACY_INVITED = [
  "AUS",
  "CHN",
  "EGY",
  "IND",
  "IDN",
  "JPN",
  "MYS",
  "NZL",
  "PAK",
  "KOR",
  "RUS",
  "SAU",
  "SGP",
  "SWE",
  "ARE",
  "EU",
  "UN",
  "AU",
] as const;

/** The criteria of the counter-piracy meeting: Ocean Shield's recognised contributors, and the invited by name. */
export const COUNTER_PIRACY_CRITERIA: TCriterion[] = [
  { kind: "contributors", value: "OOS" },
  ...COUNTER_PIRACY_INVITED.map((code) => ({ kind: "nation" as const, value: code })),
];

async function seedContributions(db: Db, staff: Viewer): Promise<void> {
  const rows: TContributionInput[] = [
    ...ISAF_2010.map(([nation, troops]) => ({
      operation: "ISAF",
      nation,
      kind: "troops" as const,
      asOf: "2010-11-01",
      troops,
      description: "AFP table based on data provided by NATO (about November 2010).",
      cite: AFP_2010,
      label: PUBLIC,
    })),
    ...KFOR_2017_TROOPS.map(([nation, troops]) => ({
      operation: "KFOR",
      nation,
      kind: "troops" as const,
      asOf: "2017-02-01",
      troops,
      description: "KFOR placemat, February 2017.",
      cite: KFOR_2017,
      label: PUBLIC,
    })),
    {
      operation: "ISAF",
      nation: "JPN",
      kind: "development-project",
      asOf: "2007-03-01",
      amount: 2_000_000_000,
      currency: "JPY",
      description:
        "Framework for humanitarian projects proposed by ISAF Provincial Reconstruction Teams through the Senior Civilian Representative's Office, funded through Japan's Grant Assistance for Grass-Roots Projects and carried out by NGOs or local authorities.",
      cite: "https://docslib.org/doc/11680514/moc-input-to-afghanistan-daily",
      label: PUBLIC,
    },
    {
      operation: "ISAF",
      nation: "JPN",
      kind: "funding",
      asOf: "2012-02-21",
      amount: 20_000_000,
      currency: "USD",
      description:
        "Donation to the Afghan National Army Trust Fund for literacy training (Japan's third in three years).",
      cite: "https://www.enewspf.com/latest-national-news/nato-deputy-secretary-general-welcomes-japanese-donation-for-afghan-forces-training/",
      label: PUBLIC,
    },
    {
      operation: "KFOR",
      nation: "ARG",
      kind: "medical",
      asOf: "1999-06-11",
      description:
        "Medical and social assistance to the local population alongside NATO personnel, since 1999 (the source gives the year only; shown at KFOR's start).",
      cite: "https://www.nato.int/cps/en/natolive/topics_49188.htm (2012), paragraph 7",
      label: PUBLIC,
    },
  ];
  for (const row of rows) await recordContribution(db, staff, row, at("2012-06-01T09:00:00Z"));
}

async function seedRecognitions(db: Db, actors: DemoOperationActors): Promise<void> {
  const { staff, korea } = actors;
  const offer = await offerRecognition(
    db,
    korea,
    {
      operation: "ISAF",
      offer:
        "A Provincial Reconstruction Team in Parwan province: 50-70 civilians, 30-50 police and 200-400 troops to protect them.",
      offeredOn: "2009-11-20",
    },
    at("2009-11-20T10:00:00Z"),
  );
  await actOnRecognition(
    db,
    staff,
    offer.id,
    {
      action: "advise",
      note: "DEMO political-military advice: the offer meets a stated requirement (PRT Parwan); the Republic of Korea has completed certification; recommend recognition as a non-NATO ISAF contributing nation.",
    },
    at("2010-02-15T14:00:00Z"),
  );
  await openDecision(
    db,
    staff,
    {
      reference: "DEMO-PO(2010)0031",
      title: "Recognition of the Republic of Korea as a non-NATO ISAF contributing nation",
      procedure: "silence",
      subject: { type: "contributor-recognition", id: offer.id },
      decisionDate: "2010-02-26",
      deadline: { date: "2010-03-05", time: "17:00", timeZone: "Europe/Brussels" },
    },
    at("2010-02-26T09:00:00Z"),
  );
  await processDueDecisions(db, at("2010-03-05T16:00:30Z"));

  // A case still with the staff: Colombia pledged 84 troops for 2010 (france24, December 2009).
  await offerRecognition(
    db,
    staff,
    {
      operation: "ISAF",
      nation: "COL",
      offer: "84 troops for 2010, as pledged in December 2009.",
      offeredOn: "2009-12-04",
    },
    at("2009-12-07T09:00:00Z"),
  );
}

async function seedPostings(db: Db, staff: Viewer): Promise<void> {
  const postings = [
    { nation: "KOR", hq: "ISAF-HQ", role: "liaison-officer", from: "2010-07-01", to: "2014-12-29" },
    { nation: "JPN", hq: "ISAF-HQ", role: "liaison-officer", from: "2010-01-04", to: "2014-12-29" },
    { nation: "AUS", hq: "SHAPE", role: "partner-representative", from: "2011-09-01" },
    { nation: "NZL", hq: "JFC-BRUNSSUM", role: "liaison-officer", from: "2012-01-09", to: "2014-12-29" },
    { nation: "JPN", hq: "NATO-HQ", role: "partner-representative", from: "2012-01-09" },
  ] as const;
  for (const p of postings) {
    await createPosting(
      db,
      staff,
      {
        nation: p.nation,
        officerName: `Demo officer (${p.nation})`,
        headquarters: p.hq,
        role: p.role,
        operation: p.hq === "ISAF-HQ" || p.hq === "JFC-BRUNSSUM" ? "ISAF" : undefined,
        startDate: p.from,
        endDate: "to" in p ? p.to : undefined,
        note: "Illustrative posting: the seed page (p8, p11) says partners post liaison officers to operational headquarters and SHAPE; names and dates here are invented.",
      },
      at(`${p.from}T08:00:00Z`),
    );
  }
}

async function seedForceGeneration(db: Db, actors: DemoOperationActors): Promise<void> {
  const { staff, korea, delegation } = actors;
  const line = (capability: string, quantity: number, unit: string, location: string) =>
    createRequirement(
      db,
      staff,
      {
        operation: "ISAF",
        capability: `DEMO ${capability}`,
        quantity,
        unit,
        periodStart: "2010-07-01",
        periodEnd: "2011-06-30",
        location,
      },
      at("2010-04-01T09:00:00Z"),
    );
  const prt = await line("Provincial Reconstruction Team", 350, "personnel", "Parwan (Charikar)");
  const omlt = await line("Operational Mentor and Liaison Team", 30, "personnel", "Regional Command North");
  await line("Utility helicopter detachment", 4, "aircraft", "Kabul");
  const medical = await line("Role 2 medical treatment facility", 1, "facility", "Regional Command North");

  const koreaOffer = await offerForces(
    db,
    korea,
    { requirementId: prt.id, quantity: 350, note: "The Parwan PRT offered in November 2009." },
    at("2010-04-15T09:00:00Z"),
  );
  await actOnForceOffer(db, staff, koreaOffer.id, { action: "accept" }, at("2010-04-20T09:00:00Z"));
  const norway = await offerForces(
    db,
    delegation,
    { requirementId: omlt.id, quantity: 20 },
    at("2010-04-16T09:00:00Z"),
  );
  await actOnForceOffer(db, staff, norway.id, { action: "accept" }, at("2010-04-20T09:05:00Z"));
  await offerForces(db, delegation, { requirementId: medical.id, quantity: 1 }, at("2010-04-22T09:00:00Z"));
}

async function seedDocuments(db: Db, store: DocumentStore, staff: Viewer): Promise<string> {
  const upload = (reference: string, title: string, date: string, label: TLabelInput, body: string) =>
    uploadDocument(
      db,
      store,
      staff,
      { reference, title, date, label },
      {
        filename: `${reference.replace(/[^\w-]+/g, "-")}.txt`,
        bytes: Buffer.from(`${reference}\n${title}\n\n${body}\n`),
      },
      at(`${date}T09:00:00Z`),
    );
  // PMF planning: releasable to the operation's recognised contributors (Korea from its recognition; never Japan).
  await upload(
    "DEMO-ISAF-PLAN(2010)01",
    "ISAF force generation: planning guidance for contributing nations",
    "2010-04-01",
    { classification: "NR", releasableTo: ["NATO", "CONTRIB:ISAF"] },
    "Illustrative planning document for ISAF's recognised contributors.",
  );
  const agenda = await upload(
    "DEMO-PO(2011)0350",
    "Counter-piracy off the Horn of Africa: state of play",
    "2011-09-01",
    { classification: "NU", releasableTo: ["NATO", "CONTRIB:OOS", ...COUNTER_PIRACY_INVITED, "IMO"] },
    "Illustrative background note for the counter-piracy meeting in a flexible format.",
  );
  return agenda.id;
}

async function seedCounterPiracyMeeting(db: Db, staff: Viewer, documentId: string): Promise<void> {
  const meeting = await createMeeting(
    db,
    staff,
    {
      title: "Counter-piracy: Allies with nations and organisations involved in counter-piracy operations",
      topic:
        "The first meeting in the new flexible format (seed p5): counter-piracy off the Horn of Africa, Operation Ocean Shield and regional capacity building.",
      body: "NAC",
      level: "ambassadors",
      format: "allies-plus-n",
      start: { date: "2011-09-14", time: "10:00", timeZone: "Europe/Brussels" },
      durationMinutes: 180,
      place: "NATO Headquarters, Brussels",
      criteria: COUNTER_PIRACY_CRITERIA,
      label: { classification: "NU", releasableTo: ["NATO", "CONTRIB:OOS", ...COUNTER_PIRACY_INVITED, "IMO"] },
    },
    at("2011-08-01T09:00:00Z"),
  );
  await adjustParticipants(
    db,
    staff,
    meeting.id,
    {
      nation: "IMO",
      action: "add",
      note: "The source counts 47 nations and organisations but names 46; the demo assumes the 47th was the IMO.",
    },
    at("2011-08-01T09:05:00Z"),
  );
  await openDecision(
    db,
    staff,
    {
      reference: "DEMO-PO(2011)0301",
      title: "Format of the counter-piracy meeting: Allies + 19 nations and organisations",
      procedure: "silence",
      format: "allies-only",
      subject: { type: "meeting-format", id: meeting.id },
      decisionDate: "2011-08-03",
      deadline: { date: "2011-08-10", time: "17:00", timeZone: "Europe/Brussels" },
    },
    at("2011-08-03T09:00:00Z"),
  );
  await processDueDecisions(db, at("2011-08-10T15:00:30Z"));
  await addAgendaItem(
    db,
    staff,
    meeting.id,
    { title: "Opening remarks by the Secretary General" },
    at("2011-08-11T08:00:00Z"),
  );
  await addAgendaItem(
    db,
    staff,
    meeting.id,
    {
      title: "Counter-piracy operations off the Horn of Africa: state of play",
      operation: "OOS",
      documentIds: [documentId],
    },
    at("2011-08-11T08:01:00Z"),
  );
  await addAgendaItem(
    db,
    staff,
    meeting.id,
    { title: "Regional capacity building and coordination with the EU, the UN and the AU" },
    at("2011-08-11T08:02:00Z"),
  );
  const invited = await actOnMeeting(db, staff, meeting.id, { action: "send-invitations" }, at("2011-08-11T09:00:00Z"));
  await actOnMeeting(db, staff, meeting.id, { action: "record-held" }, at("2011-09-14T13:00:00Z"));
  await recordMeetingAttendance(
    db,
    staff,
    meeting.id,
    {
      rows: invited.participants.participants
        .filter((p) => !p.removed)
        .map((p) => ({ nation: p.nation.code, attended: true })),
    },
    at("2011-09-14T13:05:00Z"),
  );
  await updateMeeting(
    db,
    staff,
    meeting.id,
    {
      outcome:
        "DEMO outcome: participants exchanged views on counter-piracy operations and agreed to keep meeting in this format.",
    },
    at("2011-09-14T14:00:00Z"),
  );
  await addActionItem(
    db,
    staff,
    meeting.id,
    {
      text: "DEMO: share the coordination calendar of naval counter-piracy operations",
      owner: "EU",
      dueDate: "2011-10-14",
    },
    at("2011-09-14T14:05:00Z"),
  );
  await addActionItem(
    db,
    staff,
    meeting.id,
    { text: "DEMO: brief on regional capacity-building projects", owner: "JPN", dueDate: "2011-12-01" },
    at("2011-09-14T14:06:00Z"),
  );
}

/** Seeds the operations and meetings story (see the header for what is fact and what is illustrative). */
export async function seedDemoOperations(db: Db, store: DocumentStore, actors: DemoOperationActors): Promise<void> {
  await seedContributions(db, actors.staff);
  await seedRecognitions(db, actors);
  await seedPostings(db, actors.staff);
  await seedForceGeneration(db, actors);
  const agendaDocument = await seedDocuments(db, store, actors.staff);
  await seedCounterPiracyMeeting(db, actors.staff, agendaDocument);
}
