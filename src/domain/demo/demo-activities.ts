import type { Db } from "../../db/connect.js";
import { addIteration, createActivity } from "../activities/activities.js";
import type { TActivityAction, TActivityInput, TIterationInput } from "../activities/activities.schema.js";
import { transitionActivity } from "../activities/lifecycle.js";
import { nominate } from "../activities/nominations.js";
import type { Viewer } from "../labels/viewer.js";

// Demo mode only: a small cooperation menu modelled on the reference's facts (ACT.396, the NATO
// School's courses, the audiences written as the menu writes them). Dates, seats and most
// descriptions are invented demo content.

type DemoActivity = {
  activity: TActivityInput;
  iterations: TIterationInput[];
  /** The lifecycle actions applied after the iterations are added. */
  actions: TActivityAction[];
  /** Demo nominations (by staff, for the nation named) for the first iteration, once it is open. */
  nominations?: { nation: string; name: string; email: string; rank: string }[];
};

const PARTNERS_NU = { classification: "NU" as const, releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] };
const TO_OPEN: TActivityAction[] = ["approve", "publish", "open-nominations"];

const it = (code: string, start: string, end: string, city: string, country: string, seats: number) => ({
  code,
  startDate: start,
  endDate: end,
  city,
  countryCode: country,
  seats,
  nominationDeadline: `${start.slice(0, 8)}01`,
});

export const DEMO_ACTIVITIES: DemoActivity[] = [
  {
    activity: {
      reference: "ACT.396",
      owner: "NATO School Oberammergau",
      title: "NATO Protocol Course",
      kind: "course",
      description: "Protocol in a multinational environment.",
      aim: "Participants can plan and run the protocol of multinational meetings and visits.",
      fees: "650 EUR per participant",
      pointOfContact: "Course director, NATO School Oberammergau (courses@natoschool.example)",
      audience: "NATO, PfP, MD, ICI and other nations as approved",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 3,
      areas: ["education-and-training"],
      label: PARTNERS_NU,
    },
    iterations: [
      it("2012-1", "2012-06-04", "2012-06-08", "Oberammergau", "DEU", 30),
      it("2027-1", "2027-06-07", "2027-06-11", "Oberammergau", "DEU", 30),
    ],
    actions: TO_OPEN,
  },
  {
    activity: {
      reference: "ACT.412",
      owner: "NATO Maritime Interdiction Operational Training Centre",
      title: "Counter-piracy operations course",
      kind: "course",
      description: "Planning and conduct of counter-piracy and maritime interdiction operations.",
      aim: "Participants can plan boarding and interdiction and take part in a counter-piracy task group's staff work.",
      fees: "None",
      pointOfContact: "Training branch, NMIOTC Souda Bay (training@nmiotc.example)",
      audience: "NATO, PfP, MD, ICI and other nations as approved",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 2,
      areas: ["counter-piracy", "operations-support"],
      label: PARTNERS_NU,
    },
    // 2010 and 2012 runs show the policy change: Japan, a Contact Country, needed the Council
    // case by case before the Berlin policy (2011); from then on the menu is open to it.
    iterations: [
      it("2010-1", "2010-06-14", "2010-06-18", "Souda Bay", "GRC", 24),
      it("2012-1", "2012-06-11", "2012-06-15", "Souda Bay", "GRC", 24),
      it("2027-1", "2027-04-12", "2027-04-16", "Souda Bay", "GRC", 24),
    ],
    actions: TO_OPEN,
  },
  {
    activity: {
      reference: "ACO.115",
      owner: "Allied Command Operations",
      ownerOrganisation: "Allied Command Operations (SHAPE)",
      title: "Counter-piracy staff orientation (Operation Ocean Shield)",
      kind: "course",
      description:
        "For officers of nations contributing to counter-piracy operations off the Horn of Africa. The owner accepts each nomination.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 3,
      areas: ["counter-piracy", "operations-support"],
      label: PARTNERS_NU,
    },
    iterations: [{ ...it("2027-1", "2027-02-15", "2027-02-19", "Northwood", "GBR", 12), twoStep: true }],
    actions: TO_OPEN,
    nominations: [
      { nation: "AUS", name: "Sarah Mitchell", email: "s.mitchell@defence.example.au", rank: "Lieutenant Commander" },
      { nation: "KOR", name: "Kim Min-jun", email: "minjun.kim@mnd.example.kr", rank: "Commander" },
    ],
  },
  {
    activity: {
      reference: "ACT.520",
      owner: "NATO Cooperative Cyber Defence Centre of Excellence",
      title: "Cyber defence workshop",
      kind: "workshop",
      description: "Incident handling and national cyber defence policy.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 3,
      areas: ["cyber-defence", "emerging-security-challenges"],
      label: PARTNERS_NU,
    },
    iterations: [
      it("2012-1", "2012-10-01", "2012-10-03", "Tallinn", "EST", 20),
      it("2027-1", "2027-09-20", "2027-09-22", "Tallinn", "EST", 20),
    ],
    actions: ["approve", "publish"],
  },
  {
    activity: {
      reference: "ACT.531",
      owner: "Centre of Excellence Defence Against Terrorism",
      title: "Counter-terrorism seminar",
      kind: "seminar",
      description: "Terrorism trends and the alliance's counter-terrorism policy guidelines.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 2,
      areas: ["counter-terrorism"],
      label: PARTNERS_NU,
    },
    iterations: [it("2027-1", "2027-05-10", "2027-05-12", "Ankara", "TUR", 25)],
    actions: TO_OPEN,
  },
  {
    activity: {
      reference: "ACT.604",
      owner: "Allied Command Operations",
      title: "Crisis management exercise",
      kind: "exercise",
      description: "A command post exercise of the crisis management procedures. Allies only.",
      audience: "NATO",
      requiredClearance: "NR",
      language: "English",
      languageLevel: 3,
      areas: ["crisis-management"],
      label: { classification: "NR", releasableTo: ["NATO"] },
    },
    iterations: [it("2027-1", "2027-11-08", "2027-11-12", "Mons", "BEL", 30)],
    actions: TO_OPEN,
  },
  {
    activity: {
      reference: "ACT.655",
      owner: "NATO Defence College",
      title: "Defence reform and building integrity course",
      kind: "course",
      description: "Defence institution building, transparency and accountability.",
      audience: "NATO, PfP, MD, ICI and other nations as approved",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 3,
      areas: ["defence-reform"],
      label: PARTNERS_NU,
    },
    iterations: [
      it("2012-1", "2012-03-05", "2012-03-16", "Rome", "ITA", 26),
      it("2027-1", "2027-03-01", "2027-03-12", "Rome", "ITA", 26),
    ],
    actions: ["approve", "publish"],
  },
  {
    activity: {
      reference: "SPS.101",
      owner: "Science for Peace and Security Programme",
      title: "Advanced research workshop on the security of energy infrastructure",
      kind: "workshop",
      description: "Scientists and experts from Allied and partner nations.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 2,
      areas: ["science", "emerging-security-challenges"],
      label: PARTNERS_NU,
    },
    iterations: [it("2027-1", "2027-07-05", "2027-07-07", "Vilnius", "LTU", 22)],
    actions: TO_OPEN,
  },
  {
    activity: {
      reference: "ESC.210",
      owner: "Emerging Security Challenges Division",
      title: "Emerging security challenges conference",
      kind: "conference",
      description: "Energy security, cyber defence and counter-proliferation: the partners' contribution.",
      audience: "NATO, PFP, MD, ICI, GLOBAL",
      requiredClearance: "NU",
      language: "English",
      languageLevel: 2,
      areas: ["emerging-security-challenges"],
      label: PARTNERS_NU,
    },
    iterations: [it("2027-1", "2027-10-18", "2027-10-19", "Brussels", "BEL", 30)],
    actions: ["approve", "publish"],
  },
];

/** Demo mode: the demo menu, created, given iterations and moved through the lifecycle by `staff`. */
export async function seedDemoActivities(db: Db, staff: Viewer, now: Date): Promise<number> {
  for (const demo of DEMO_ACTIVITIES) {
    const activity = await createActivity(db, staff, demo.activity, now);
    const iterations = [];
    for (const iteration of demo.iterations)
      iterations.push(await addIteration(db, staff, activity.id, iteration, now));
    for (const action of demo.actions) await transitionActivity(db, staff, activity.id, action, now);
    const first = iterations[0];
    for (const n of demo.nominations ?? []) {
      if (!first) break;
      await nominate(db, staff, first.id, { ...n, clearance: "NR", languageLevel: 3 }, now);
    }
  }
  return DEMO_ACTIVITIES.length;
}
