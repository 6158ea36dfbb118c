import type { Transaction } from "kysely";
import { type Db, engineOf } from "../../db/connect.js";
import type { ActivityStatus, Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";

import { recordAuditEvent } from "../audit/audit.js";
import { membershipInForceAt } from "../frameworks/membership-sql.js";
import type { TClassification } from "../labels/labels.schema.js";
import { orderTokens } from "../labels/marking.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import { indexTexts, searchTextOf } from "../search/text-search.js";
import { today } from "../shared/dates.js";

// Demo and benchmark only: a cooperation menu at the scale of e-PRIME (158 participating nations
// and organisations, ~10,000 activities, ~45,000 participants) or ten times that, generated
// deterministically from a seed. Rows are written with multi-row INSERTs in chunks (the domain
// functions, one transaction and one audit event per row, would take hours), so this module
// keeps by hand what they keep: the search text and SQLite's FTS table, one label per activity
// with ordered releasability tokens, and the nomination invariants of nominations.ts
// (confirmed_count = confirmed nominations <= seats, waitlist positions 1..n, one active
// nomination per participant per iteration). Owners, cities and audiences are real; titles,
// dates, people and numbers are invented.

export type ScaleName = "eprime" | "10x";

export const SCALES: Record<ScaleName, { activities: number; participants: number }> = {
  eprime: { activities: 10_000, participants: 45_000 },
  "10x": { activities: 100_000, participants: 450_000 },
};

export type ScaleOptions = {
  activities: number;
  participants: number;
  /** PRNG seed: the same seed on the same reference data gives the same menu. */
  seed?: number;
  /** Activities per transaction chunk (memory stays bounded by one chunk). */
  chunk?: number;
  onProgress?: (message: string) => void;
};

export type ScaleReport = {
  entities: number;
  activities: number;
  iterations: number;
  participants: number;
  nominations: number;
  labels: number;
  milliseconds: number;
};

/** Reference prefixes start at this number so they never meet the hand-written demo menu (ACT.396…). */
const FIRST_NUMBER = 1000;
export const PARTICIPATING_ENTITIES = 158;
const GENERATE_ACTION = "demo.generate-menu";

/** mulberry32: small, fast and good enough for demo data; deterministic across engines and runs. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  };
  const uuid = () => {
    const hex = (n: number) =>
      Math.floor(next() * 16 ** n)
        .toString(16)
        .padStart(n, "0");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(0, 3)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  return { next, int, pick, weighted, uuid };
}
type Rng = ReturnType<typeof prng>;

type Owner = { name: string; prefix: string; city: string; country: string; areas: string[] };

// Real institutions that deliver partnership activities, where they are, and what they teach.
const OWNERS: Owner[] = [
  { name: "NATO School Oberammergau", prefix: "NSO", city: "Oberammergau", country: "DEU", areas: [] },
  { name: "NATO Defence College", prefix: "NDC", city: "Rome", country: "ITA", areas: ["defence-reform"] },
  {
    name: "NATO Cooperative Cyber Defence Centre of Excellence",
    prefix: "CCD",
    city: "Tallinn",
    country: "EST",
    areas: ["cyber-defence"],
  },
  {
    name: "Centre of Excellence Defence Against Terrorism",
    prefix: "DAT",
    city: "Ankara",
    country: "TUR",
    areas: ["counter-terrorism"],
  },
  {
    name: "NATO Maritime Interdiction Operational Training Centre",
    prefix: "NMI",
    city: "Souda Bay",
    country: "GRC",
    areas: ["counter-piracy", "operations-support"],
  },
  {
    name: "Maritime Security Centre of Excellence",
    prefix: "MAR",
    city: "Istanbul",
    country: "TUR",
    areas: ["counter-piracy"],
  },
  {
    name: "Combined Joint Operations from the Sea Centre of Excellence",
    prefix: "CJO",
    city: "Norfolk",
    country: "USA",
    areas: ["counter-piracy", "interoperability"],
  },
  {
    name: "Joint Chemical, Biological, Radiological and Nuclear Defence Centre of Excellence",
    prefix: "CBRN",
    city: "Vyskov",
    country: "CZE",
    areas: ["non-proliferation"],
  },
  {
    name: "Civil-Military Cooperation Centre of Excellence",
    prefix: "CIMIC",
    city: "The Hague",
    country: "NLD",
    areas: ["crisis-management"],
  },
  {
    name: "NATO Energy Security Centre of Excellence",
    prefix: "ENSEC",
    city: "Vilnius",
    country: "LTU",
    areas: ["emerging-security-challenges"],
  },
  {
    name: "NATO Strategic Communications Centre of Excellence",
    prefix: "STRAT",
    city: "Riga",
    country: "LVA",
    areas: ["emerging-security-challenges"],
  },
  {
    name: "Counter Improvised Explosive Devices Centre of Excellence",
    prefix: "CIED",
    city: "Madrid",
    country: "ESP",
    areas: ["counter-terrorism", "operations-support"],
  },
  {
    name: "Crisis Management and Disaster Response Centre of Excellence",
    prefix: "CMDR",
    city: "Sofia",
    country: "BGR",
    areas: ["crisis-management"],
  },
  {
    name: "Human Intelligence Centre of Excellence",
    prefix: "HUMINT",
    city: "Oradea",
    country: "ROU",
    areas: ["operations-support"],
  },
  {
    name: "Peace Support Operations Training Centre",
    prefix: "PSOTC",
    city: "Sarajevo",
    country: "BIH",
    areas: ["education-and-training", "operations-support"],
  },
  {
    name: "Partnership for Peace Training Centre",
    prefix: "PTC",
    city: "Ankara",
    country: "TUR",
    areas: ["education-and-training"],
  },
  {
    name: "Austrian Armed Forces International Centre",
    prefix: "AUTINT",
    city: "Gotzendorf",
    country: "AUT",
    areas: ["education-and-training", "crisis-management"],
  },
  {
    name: "Swedish Armed Forces International Centre",
    prefix: "SWEDINT",
    city: "Kungsangen",
    country: "SWE",
    areas: ["education-and-training", "crisis-management"],
  },
  {
    name: "Finnish Defence Forces International Centre",
    prefix: "FINCEN",
    city: "Tuusula",
    country: "FIN",
    areas: ["education-and-training"],
  },
  { name: "Joint Warfare Centre", prefix: "JWC", city: "Stavanger", country: "NOR", areas: ["interoperability"] },
  {
    name: "Joint Force Training Centre",
    prefix: "JFTC",
    city: "Bydgoszcz",
    country: "POL",
    areas: ["interoperability", "education-and-training"],
  },
  {
    name: "NATO Communications and Information Academy",
    prefix: "NCIA",
    city: "Oeiras",
    country: "PRT",
    areas: ["cyber-defence", "interoperability"],
  },
  {
    name: "Science for Peace and Security Programme",
    prefix: "SPS",
    city: "Brussels",
    country: "BEL",
    areas: ["science"],
  },
  {
    name: "Emerging Security Challenges Division",
    prefix: "ESC",
    city: "Brussels",
    country: "BEL",
    areas: ["emerging-security-challenges"],
  },
  { name: "Allied Command Transformation", prefix: "ACT", city: "Norfolk", country: "USA", areas: [] },
  { name: "Allied Command Operations", prefix: "ACO", city: "Mons", country: "BEL", areas: ["crisis-management"] },
  {
    name: "NATO-ICI Regional Centre",
    prefix: "NIRC",
    city: "Kuwait City",
    country: "KWT",
    areas: ["education-and-training"],
  },
  {
    name: "Defence Institution Building School",
    prefix: "DIBS",
    city: "Tbilisi",
    country: "GEO",
    areas: ["defence-reform"],
  },
  {
    name: "George C. Marshall European Center for Security Studies",
    prefix: "GCMC",
    city: "Garmisch-Partenkirchen",
    country: "DEU",
    areas: ["defence-reform", "counter-narcotics"],
  },
];

/** Subjects per area of cooperation (data/seed/areas.yaml): titles and descriptions are composed from them. */
const TOPICS: Record<string, string[]> = {
  "counter-piracy": [
    "Counter-piracy operations",
    "Maritime interdiction and counter-piracy",
    "Piracy and armed robbery at sea",
    "Legal aspects of counter-piracy",
    "Maritime situational awareness against piracy",
  ],
  "counter-terrorism": [
    "Counter-terrorism",
    "Terrorist use of the internet",
    "Critical infrastructure protection against terrorism",
    "Terrorism financing",
  ],
  "cyber-defence": ["Cyber defence", "Cyber incident handling", "Cyber threat intelligence", "National cyber policy"],
  "non-proliferation": [
    "CBRN defence",
    "Weapons of mass destruction non-proliferation",
    "CBRN incident response",
    "Arms control and disarmament",
  ],
  "counter-narcotics": ["Counter-narcotics", "Border security and drug trafficking", "Illicit trafficking networks"],
  "crisis-management": [
    "Crisis management",
    "Civil emergency planning",
    "Disaster response",
    "Civil-military cooperation",
  ],
  "defence-reform": [
    "Defence reform",
    "Building integrity",
    "Defence institution building",
    "Democratic control of armed forces",
  ],
  "education-and-training": [
    "Partnership orientation",
    "Peace support operations",
    "Gender in military operations",
    "Protocol in a multinational environment",
  ],
  interoperability: [
    "Interoperability",
    "Operational capabilities concept",
    "Multinational logistics",
    "NATO doctrine",
  ],
  science: ["Energy infrastructure security", "Environmental security", "Security-related science", "Water security"],
  "emerging-security-challenges": [
    "Energy security",
    "Strategic communications",
    "Hybrid threats",
    "Emerging security challenges",
  ],
  "operations-support": [
    "Operations planning",
    "Counter-IED",
    "Human intelligence",
    "Operations support and logistics",
  ],
};

type Kind = Database["activity"]["kind"];
const KINDS: (readonly [Kind, number, string[], [number, number]])[] = [
  // kind, weight, title patterns ({t} = topic), duration in days (min, max)
  [
    "course",
    40,
    ["{t} course", "Advanced {t} course", "{t} orientation course", "Senior officials' {t} course"],
    [5, 12],
  ],
  ["exercise", 10, ["{t} command post exercise", "{t} field exercise", "{t} table-top exercise"], [3, 10]],
  ["workshop", 14, ["{t} workshop", "Advanced research workshop on {t}"], [2, 3]],
  ["conference", 6, ["{t} conference", "Annual {t} conference"], [1, 3]],
  ["seminar", 12, ["{t} seminar", "Regional {t} seminar"], [2, 4]],
  ["strategic-level-training", 5, ["Strategic-level {t} training", "{t} for senior leaders"], [3, 5]],
  ["information-exchange", 5, ["{t} information exchange", "{t} expert talks"], [1, 2]],
  ["intelligence-exchange", 2, ["{t} intelligence exchange"], [1, 2]],
  ["technology-exchange", 3, ["{t} technology exchange"], [1, 3]],
  ["joint-operation-support", 3, ["{t} support to operations", "Pre-deployment training: {t}"], [5, 10]],
];

/** Audiences written as the menu writes them; parseTokens reads each into known tokens. */
const AUDIENCES: (readonly [string, number])[] = [
  ["NATO, PfP, MD, ICI and other nations as approved", 30],
  ["NATO, PFP, MD, ICI, GLOBAL", 35],
  ["NATO, PFP", 8],
  ["NATO, MD, ICI", 5],
  ["NATO, EAPC", 5],
  ["NATO", 8],
  ["NATO, GLOBAL", 4],
  ["NATO, PFP, MD, ICI, GLOBAL, EU, UN", 5],
];

const STATUSES: (readonly [ActivityStatus, number])[] = [
  ["proposed", 5],
  ["approved", 5],
  ["published", 8],
  ["nominations-open", 15],
  ["nominations-closed", 7],
  ["conducted", 22],
  ["feedback-collected", 15],
  ["archived", 20],
  ["cancelled", 3],
];
const NOMINATED: ReadonlySet<ActivityStatus> = new Set<ActivityStatus>([
  "nominations-open",
  "nominations-closed",
  "conducted",
  "feedback-collected",
  "archived",
]);
const PAST: ReadonlySet<ActivityStatus> = new Set<ActivityStatus>(["conducted", "feedback-collected", "archived"]);

const GIVEN = ["Anna", "Ali", "Marta", "Kenji", "Sofia", "Omar", "Lena", "David", "Nino", "Hiro", "Fatima", "Jonas"];
const FAMILY = ["Sato", "Haddad", "Kowalski", "Novak", "Rossi", "Berg", "Popescu", "Tanaka", "Ivanova", "Smith"];
const RANKS = ["Captain", "Major", "Lieutenant Colonel", "Colonel", "Commander", "Mr", "Ms", "Dr"];

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** States that take part case by case ("other nations as approved"), the more likely first. */
const OTHER_STATES = (
  "BRA ARG CHL MEX COL PER URY IND IDN SGP MYS THA VNM PHL BGD LKA NPL ZAF NGA KEN GHA SEN ETH TZA UGA " +
  "RWA CMR CIV MLI NER BFA TCD SDN SOM DJI AGO MOZ ZMB NAM BWA LBY LBN SAU OMN YEM CYP CHN KHM LAO MMR " +
  "BRN FJI PNG TLS ECU BOL PRY VEN CRI PAN GTM HND SLV DOM JAM TTO BLZ GUY SUR GAB COG COD BEN TGO GIN " +
  "SLE LBR GMB MDG MUS SYC CPV ZWE MWI LSO SWZ BDI ERI SSD BHS BRB HTI AND SMR MCO LIE"
).split(" ");

type Entities = { allies: string[]; partners: string[]; approved: string[]; organisations: string[] };

/**
 * The 158 participating entities: the Allies and every partner in force today (PfP, MD, ICI,
 * partners across the globe), the international organisations of the registry, and then other
 * sovereign states (OTHER_STATES, in order) as "other nations as approved" until there are 158.
 */
export async function participatingEntities(db: Db | Transaction<Database>, at: string): Promise<Entities> {
  const members = await db
    .selectFrom("membership")
    .select(["membership.nation_code", "membership.framework_code"])
    .where("membership.framework_code", "in", ["NATO", "PFP", "MD", "ICI", "GLOBAL"])
    .where(membershipInForceAt(at))
    .execute();
  const nations = await db.selectFrom("nation").select(["code", "kind"]).orderBy("code").execute();
  const allies = [...new Set(members.filter((m) => m.framework_code === "NATO").map((m) => m.nation_code))].sort();
  const partners = [...new Set(members.map((m) => m.nation_code))].filter((c) => !allies.includes(c)).sort();
  const organisations = nations.filter((n) => n.kind === "organisation").map((n) => n.code);
  const taken = new Set([...allies, ...partners, ...organisations]);
  const room = Math.max(0, PARTICIPATING_ENTITIES - taken.size);
  const states = new Set(nations.filter((n) => n.kind === "state" && !taken.has(n.code)).map((n) => n.code));
  // Sovereign states first, in the order below; dependent territories (also in ISO 3166) only if short.
  const preferred = OTHER_STATES.filter((c) => states.has(c));
  const rest = [...states].filter((c) => !preferred.includes(c));
  const approved = [...preferred, ...rest].slice(0, room);
  return { allies, partners, approved, organisations };
}

type Participant = { email: string; name: string; nation: string; rank: string };

/** A pool of people of some nations, handed out round-robin so every participant is nominated. */
function pool(rng: Rng, nations: string[], size: number, start: number) {
  const people: Participant[] = [];
  for (let i = 0; i < size; i++) {
    const nation = rng.pick(nations);
    const given = rng.pick(GIVEN);
    const family = rng.pick(FAMILY);
    const n = start + i;
    people.push({
      email: `${given}.${family}.${n}@mod.${nation}.example`.toLowerCase(),
      name: `${given} ${family}`,
      nation,
      rank: rng.pick(RANKS),
    });
  }
  let cursor = 0;
  return {
    people,
    /** The next `count` people: distinct as long as count <= the pool's size. */
    take(count: number): Participant[] {
      const out: Participant[] = [];
      for (let i = 0; i < Math.min(count, people.length); i++) {
        out.push(people[cursor % people.length] as Participant);
        cursor++;
      }
      return out;
    },
  };
}

/** Rows in one multi-row INSERT: under both engines' bound-parameter limits (SQLite 32,766). */
function rowsPerStatement(columns: number) {
  return Math.floor(30_000 / columns);
}

async function insertMany<T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const step = rowsPerStatement(Object.keys(rows[0] as object).length);
  for (let i = 0; i < rows.length; i += step) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + step) as never)
      .execute();
  }
}

/**
 * Generates the menu into a database that holds the reference data (data/seed) and no
 * generated menu yet. One transaction: a failure leaves nothing behind; one audit event.
 */
export async function generateScaleMenu(
  db: Db,
  actor: Viewer | null,
  options: ScaleOptions,
  now: Date,
): Promise<ScaleReport> {
  const started = Date.now();
  const rng = prng(options.seed ?? 2012);
  const chunk = options.chunk ?? 1000;
  const progress = options.onProgress ?? (() => {});
  const todayIso = today(now);
  const at = now.toISOString();
  const createdBy = actor?.userId ?? "demo-scale";
  const sqlite = engineOf(db) === "sqlite";

  return db.transaction().execute(async (trx) => {
    // Its references (NSO.1000…) would collide with the first run's: say so rather than fail on a UNIQUE index.
    const clash = await trx
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", GENERATE_ACTION)
      .where("outcome", "=", "success")
      .executeTakeFirst();
    if (clash) throw new AppError("CONFLICT", "This database already holds a generated menu: use a fresh database");
    const areas = new Set((await trx.selectFrom("area").select("code").execute()).map((a) => a.code));
    const entities = await participatingEntities(trx, todayIso);
    const entityCount =
      entities.allies.length + entities.partners.length + entities.approved.length + entities.organisations.length;
    // Allies send about half the people; organisations send none (they attend as observers).
    const share = (n: number) => Math.round(options.participants * n);
    const allied = pool(rng, entities.allies, share(0.45), 0);
    const partner = pool(rng, entities.partners, share(0.45), share(0.45));
    const others = pool(rng, entities.approved, options.participants - share(0.45) * 2, share(0.9));
    const topicAreas = Object.keys(TOPICS).filter((a) => areas.has(a));
    if (topicAreas.length === 0) throw new AppError("INVALID_STATE", "Load the reference data first (entente seed)");
    const counts = { activities: 0, iterations: 0, nominations: 0, labels: 0 };

    for (let first = 0; first < options.activities; first += chunk) {
      const size = Math.min(chunk, options.activities - first);
      const activities: Record<string, unknown>[] = [];
      const fts: { id: string; text: string }[] = [];
      const activityAreas: Record<string, unknown>[] = [];
      const labels: Record<string, unknown>[] = [];
      const releasable: Record<string, unknown>[] = [];
      const iterations: Record<string, unknown>[] = [];
      const nominations: Record<string, unknown>[] = [];

      for (let i = first; i < first + size; i++) {
        const owner = rng.pick(OWNERS);
        const [kind, , patterns, [minDays, maxDays]] = rng.weighted(KINDS.map((k) => [k, k[1]] as const));
        const main = owner.areas.length > 0 && rng.next() < 0.7 ? rng.pick(owner.areas) : rng.pick(topicAreas);
        const own = new Set([main]);
        if (rng.next() < 0.35) own.add(rng.pick(topicAreas));
        const topic = rng.pick(TOPICS[main] ?? ["Partnership cooperation"]);
        const title = rng
          .pick(patterns)
          .replace("{t}", topic)
          .replace(/^(.)/, (c) => c.toUpperCase());
        const audience = rng.weighted(AUDIENCES);
        const status = rng.weighted(STATUSES);
        const reference = `${owner.prefix}.${FIRST_NUMBER + i}`;
        const language = rng.weighted([
          ["English", 85],
          ["French", 8],
          ["English and French", 7],
        ] as const);
        const alliesOnly = audience === "NATO";
        const requiredClearance = alliesOnly
          ? rng.pick(["NR", "NC"] as const)
          : rng.weighted([
              ["NU", 88],
              ["NR", 12],
            ] as const);
        const description = `${topic} for military officers and civilian officials of Allied and partner nations: a ${kind.replace(/-/g, " ")} delivered by the ${owner.name} in ${owner.city}. Working language: ${language}.`;
        // Labels: mostly NATO UNCLASSIFIED releasable to the audience; some narrower, some public.
        const audienceTokens = audience
          .replace(/and other nations as approved/, "")
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((t) => (t === "PfP" ? "PFP" : t));
        let classification: TClassification = "NU";
        let releasableTo = audienceTokens;
        const labelRoll = rng.next();
        if (alliesOnly) {
          classification = "NR";
          releasableTo = ["NATO"];
        } else if (labelRoll < 0.05) {
          classification = "PUBLIC";
          releasableTo = [];
        } else if (labelRoll < 0.15) {
          releasableTo = ["NATO", ...new Set([rng.pick(entities.partners), rng.pick(entities.partners), "JPN"])];
        } else if (labelRoll < 0.2) {
          releasableTo = ["NATO", rng.pick(entities.partners)];
        }
        const labelId = rng.uuid();
        labels.push({
          id: labelId,
          policy_identifier: "NATO",
          classification,
          classification_rank: rankOf(classification),
          created_at: at,
          review_at: null,
        });
        for (const token of orderTokens(releasableTo)) releasable.push({ label_id: labelId, token });

        const id = rng.uuid();
        const searchText = searchTextOf(reference, title, description, owner.name);
        activities.push({
          id,
          reference,
          owner: owner.name,
          owner_organisation_id: null,
          title,
          kind,
          description,
          audience,
          required_clearance: requiredClearance,
          language,
          language_level: rng.int(1, 3),
          label_id: labelId,
          status,
          created_at: at,
          updated_at: at,
          search_text: searchText,
        });
        if (sqlite) fts.push({ id, text: searchText });
        for (const area of own) activityAreas.push({ activity_id: id, area_code: area });

        // The latest iteration fits the status; earlier ones are yearly runs before it.
        let start: string;
        let deadline: string;
        if (PAST.has(status)) {
          const lo =
            status === "archived" ? "2019-02-01" : status === "feedback-collected" ? "2023-06-01" : "2025-06-01";
          start = addDays(lo, rng.int(0, Math.max(1, daysBetween(lo, addDays(todayIso, -20)))));
          deadline = addDays(start, -30);
        } else if (status === "nominations-closed") {
          start = addDays(todayIso, rng.int(10, 120));
          deadline = addDays(todayIso, -rng.int(1, 9));
        } else {
          start = addDays(todayIso, rng.int(45, Math.max(46, daysBetween(todayIso, "2027-12-15"))));
          deadline = addDays(start, -30);
        }
        const runs = rng.weighted([
          [1, 45],
          [2, 35],
          [3, 20],
        ] as const);
        const nominated = NOMINATED.has(status);
        for (let r = runs - 1; r >= 0; r--) {
          const runStart = addDays(start, -365 * r + rng.int(-20, 20));
          if (runStart < "2019-01-07") continue;
          const runDeadline = r === 0 ? deadline : addDays(runStart, -30);
          const seats = rng.int(10, 60);
          const iterationId = rng.uuid();
          const place =
            rng.next() < 0.85 ? owner : { city: "Brussels", country: rng.pick(["BEL", ...entities.allies]) };
          // Demand: most runs fill part of their seats, about one in ten is oversubscribed.
          const demand = nominated ? Math.round(seats * (0.05 + 1.6 * rng.next() ** 5)) : 0;
          const people = (
            alliesOnly
              ? allied
              : audience.includes("approved") && rng.next() < 0.15
                ? others
                : rng.next() < 0.5
                  ? allied
                  : partner
          ).take(demand);
          let confirmed = 0;
          let waiting = 0;
          for (const person of people) {
            const withdrawn = rng.next() < 0.04;
            const seat = !withdrawn && confirmed < seats;
            const state = withdrawn ? "withdrawn" : seat ? "confirmed" : "waitlisted";
            if (state === "confirmed") confirmed++;
            if (state === "waitlisted") waiting++;
            nominations.push({
              id: rng.uuid(),
              iteration_id: iterationId,
              nation_code: person.nation,
              participant_name: person.name,
              participant_email: person.email,
              rank: person.rank,
              clearance: requiredClearance,
              language_level: 3,
              status: state,
              waitlist_position: state === "waitlisted" ? waiting : null,
              created_by: createdBy,
              created_at: at,
              updated_at: at,
            });
          }
          iterations.push({
            id: iterationId,
            activity_id: id,
            code: `${runStart.slice(0, 4)}-${runs - r}`,
            start_date: runStart,
            end_date: addDays(runStart, rng.int(minDays, maxDays) - 1),
            city: place.city,
            country_code: place.country,
            seats,
            confirmed_count: confirmed,
            nomination_deadline: runDeadline,
            two_step: 0,
            created_at: at,
          });
        }
      }
      await insertMany(trx, "label", labels);
      await insertMany(trx, "label_releasable", releasable);
      await insertMany(trx, "activity", activities);
      // SQLite's FTS5 index and its key table (PostgreSQL's tsvector is generated).
      await indexTexts(trx, "activity", fts);
      await insertMany(trx, "activity_area", activityAreas);
      await insertMany(trx, "iteration", iterations);
      await insertMany(trx, "nomination", nominations);
      counts.activities += activities.length;
      counts.labels += labels.length;
      counts.iterations += iterations.length;
      counts.nominations += nominations.length;
      progress(
        `${counts.activities}/${options.activities} activities, ${counts.iterations} iterations, ${counts.nominations} nominations (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
    const report: ScaleReport = {
      entities: entityCount,
      ...counts,
      participants: options.participants,
      milliseconds: Date.now() - started,
    };
    await recordAuditEvent(
      trx,
      {
        actor,
        action: GENERATE_ACTION,
        objectType: "activity",
        outcome: "success",
        details: { seed: options.seed ?? 2012, ...counts, participants: options.participants, entities: entityCount },
      },
      now,
    );
    return report;
  });
}
