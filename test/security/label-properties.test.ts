import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRead, createLabel, readableLabel, readableLabelIds } from "../../src/domain/labels/labels.js";
import { CLASSIFICATIONS, type TClassification } from "../../src/domain/labels/labels.schema.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { addDays } from "../../src/domain/shared/dates.js";
import { createSeededTestDb, type TestDb } from "../support/test-db.js";

// The read rule has two implementations: canRead (TypeScript, label → nations) and
// readableLabelIds (SQL, nation → tokens). On random viewers, labels and dates over the real
// seed they must agree; and the rule must be monotone in the releasable-to set and in the
// classification.

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
}, 60_000);
afterAll(async () => t.destroy());

const GROUPS = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE"];
/** Nations with different histories: Allies old and new, PfP/EAPC, MD, ICI, GLOBAL, DIALOGUE, suspended, none. */
const NATIONS = [
  "USA",
  "NOR",
  "TUR",
  "POL",
  "MNE",
  "MKD",
  "FIN",
  "SWE", // Allies, some after partnership
  "GEO",
  "AUT",
  "CHE",
  "UKR",
  "IRL",
  "MLT",
  "SRB", // PfP / EAPC (Malta suspended 1996-2008)
  "EGY",
  "ISR",
  "JOR",
  "MAR", // Mediterranean Dialogue
  "BHR",
  "KWT",
  "QAT",
  "ARE", // Istanbul Cooperation Initiative
  "JPN",
  "AUS",
  "KOR",
  "NZL",
  "MNG",
  "COL",
  "AFG",
  "IRQ", // partners across the globe
  "CHN",
  "IND",
  "SGP", // dialogue
  "RUS",
  "BLR", // suspended partners
  "BRA", // in no framework
];
const ORGANISATIONS = ["UN", "EU", "OSCE", "AU"];
const TOKENS = [...GROUPS, ...NATIONS, ...ORGANISATIONS];

/** Days on which memberships in the seed begin, end or are suspended: the boundaries most likely to disagree. */
const BOUNDARIES = [
  "1997-05-30",
  "1999-03-12",
  "2004-03-29",
  "2009-04-01",
  "2011-04-15",
  "2014-04-01",
  "2017-06-05",
  "2018-05-31",
  "2020-03-27",
  "2023-04-04",
  "2024-03-07",
  "2008-04-03",
  "1996-10-27",
];
const date = fc.oneof(
  fc.integer({ min: 0, max: 11_687 }).map((n) => addDays("1995-01-01", n)),
  fc.constantFrom(...BOUNDARIES).chain((d) => fc.constantFrom(addDays(d, -1), d, addDays(d, 1))),
);

const clearanceRank = fc.integer({ min: 0, max: 4 });
const viewer: fc.Arbitrary<Viewer> = fc.oneof(
  // A national user: its nation (or an international organisation's code), not alliance staff.
  fc
    .record({ nation: fc.constantFrom(...NATIONS, ...ORGANISATIONS), rank: clearanceRank })
    .map(({ nation, rank }) => makeViewer(nation, false, rank)),
  // Alliance staff or a command: no nation.
  clearanceRank.map((rank) => makeViewer(null, true, rank)),
  // No nation and not alliance: anonymous, or a user the rule must not favour.
  clearanceRank.map((rank) => makeViewer(null, false, rank)),
);

function makeViewer(nation: string | null, isAlliance: boolean, clearanceRank: number): Viewer {
  return Object.freeze({
    userId: "u",
    username: "u",
    organisation: nation ?? "alliance",
    nation,
    isAlliance,
    clearanceRank,
    roles: [],
  });
}

const classification = fc.constantFrom(...CLASSIFICATIONS);
const tokens = fc.uniqueArray(fc.constantFrom(...TOKENS), { maxLength: 5 });
const label = fc.record({ classification, releasableTo: tokens });
type LabelSpec = { classification: TClassification; releasableTo: string[] };

let events = 0;
/** Stores the label, and a labelled record (a partner event) that carries it. */
async function insert(spec: LabelSpec) {
  const label = await createLabel(t.db, spec, "2026-01-01T00:00:00.000Z");
  const eventId = `prop-${++events}`;
  await t.db
    .insertInto("partner_event")
    .values({
      id: eventId,
      nation_code: "BRA",
      date: "2020-01-01",
      precision: "day",
      title: `Property event ${events}`,
      cite: "test",
      certainty: "confirmed",
      note: null,
      label_id: label.id,
    })
    .execute();
  return { ...label, eventId };
}

/**
 * The SQL answer for one label, in both of its forms: the set of readable label ids
 * (readableLabelIds) and the correlated predicate on a labelled record (readableLabel), which
 * must agree with each other before either is compared with canRead.
 */
async function sqlReads(v: Viewer, stored: { id: string; eventId: string }, at: string): Promise<boolean> {
  const byIds = await readableLabelIds(t.db, v, at).where("label.id", "=", stored.id).executeTakeFirst();
  const byRecord = await t.db
    .selectFrom("partner_event")
    .select("partner_event.id")
    .where("partner_event.id", "=", stored.eventId)
    .where(readableLabel(t.db, v, at, "partner_event.label_id"))
    .executeTakeFirst();
  expect(byRecord !== undefined, `readableLabel vs readableLabelIds for ${describeViewer(v)} on ${at}`).toBe(
    byIds !== undefined,
  );
  return byIds !== undefined;
}

const describeViewer = (v: Viewer) =>
  `${v.isAlliance ? "alliance" : (v.nation ?? "no nation")} rank ${v.clearanceRank}`;

describe("canRead and readableLabelIds", () => {
  it("agree on random viewers, labels and dates", async () => {
    await fc.assert(
      fc.asyncProperty(
        label,
        fc.array(viewer, { minLength: 1, maxLength: 4 }),
        fc.array(date, { minLength: 1, maxLength: 3 }),
        async (spec, viewers, dates) => {
          const stored = await insert(spec);
          for (const v of viewers) {
            for (const at of dates) {
              const ts = await canRead(t.db, v, stored, at);
              const db = await sqlReads(v, stored, at);
              expect(db, `${describeViewer(v)} on ${at}: ${stored.marking}: canRead ${ts}, SQL ${db}`).toBe(ts);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("agree for every nation in the pool on the boundary dates, for each group token alone", async () => {
    const disagreements: string[] = [];
    const labels = await Promise.all(GROUPS.map((g) => insert({ classification: "NU", releasableTo: [g] })));
    for (const at of ["2014-03-31", "2014-04-01", "2017-06-04", "2017-06-05"]) {
      for (const nation of [...NATIONS, ...ORGANISATIONS]) {
        const v = makeViewer(nation, false, 1);
        const ids = new Set(
          (
            await readableLabelIds(t.db, v, at)
              .where(
                "label.id",
                "in",
                labels.map((l) => l.id),
              )
              .execute()
          ).map((r) => r.id),
        );
        for (const l of labels) {
          const ts = await canRead(t.db, v, l, at);
          if (ts !== ids.has(l.id))
            disagreements.push(`${nation} ${at} ${l.marking}: canRead ${ts}, SQL ${ids.has(l.id)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("monotonicity", () => {
  it("adding a token to releasable-to never removes access", async () => {
    await fc.assert(
      fc.asyncProperty(label, fc.constantFrom(...TOKENS), viewer, date, async (spec, extra, v, at) => {
        const wider = { ...spec, releasableTo: [...spec.releasableTo, extra] };
        const [narrowLabel, widerLabel] = await Promise.all([insert(spec), insert(wider)]);
        const before = await canRead(t.db, v, narrowLabel, at);
        const after = await canRead(t.db, v, widerLabel, at);
        if (before) expect(after, `${describeViewer(v)} on ${at}: ${narrowLabel.marking} + ${extra}`).toBe(true);
        if (await sqlReads(v, narrowLabel, at)) expect(await sqlReads(v, widerLabel, at)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("raising the classification never adds access", async () => {
    await fc.assert(
      fc.asyncProperty(label, fc.integer({ min: 1, max: 4 }), viewer, date, async (spec, step, v, at) => {
        const from = CLASSIFICATIONS.indexOf(spec.classification);
        const higher = CLASSIFICATIONS[Math.min(from + step, CLASSIFICATIONS.length - 1)] ?? "NS";
        const [lowLabel, highLabel] = await Promise.all([insert(spec), insert({ ...spec, classification: higher })]);
        const low = await canRead(t.db, v, lowLabel, at);
        const high = await canRead(t.db, v, highLabel, at);
        if (high)
          expect(low, `${describeViewer(v)} on ${at}: ${highLabel.marking} but not ${lowLabel.marking}`).toBe(true);
        if (await sqlReads(v, highLabel, at)) expect(await sqlReads(v, lowLabel, at)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("a clearance below the classification always denies, whatever the releasability", async () => {
    await fc.assert(
      fc.asyncProperty(label, viewer, date, async (spec, v, at) => {
        fc.pre(CLASSIFICATIONS.indexOf(spec.classification) > v.clearanceRank);
        const stored = await insert(spec);
        expect(await canRead(t.db, v, stored, at)).toBe(false);
        expect(await sqlReads(v, stored, at)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
