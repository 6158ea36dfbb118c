import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/db/schema.js";
import { uploadDocument } from "../../src/domain/documents/documents.js";
import type { TDocument } from "../../src/domain/documents/documents.schema.js";
import { createApiToken } from "../../src/domain/identity/api-tokens.js";
import type { TUserView } from "../../src/domain/identity/identity.schema.js";
import { createOrganisation } from "../../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../../src/domain/identity/users.js";
import { canRead } from "../../src/domain/labels/labels.js";
import { CLASSIFICATIONS, type TClassification, type TClearance } from "../../src/domain/labels/labels.schema.js";
import { ANONYMOUS, type Viewer } from "../../src/domain/labels/viewer.js";
import { buildApp } from "../../src/http/app.js";
import { createSeededTestDb, fixedClock, type TestDb } from "../support/test-db.js";
import { bearer, inBatches, loginHttp, securityContext, type TempDataDir, tempDataDir } from "./helpers.js";

// The access matrix: every viewer × every labelled document × every route that returns labelled
// records × dates on either side of Montenegro's accession (PfP partner until 2017-06-04, Ally
// from 2017-06-05). What each route returns must be exactly what canRead allows: no leak, no
// false denial. canRead itself is checked first against a declarative table of the facts.

const DATES = ["2016-06-01", "2017-06-05", "2018-06-01"] as const;
type MatrixDate = (typeof DATES)[number];
/** The per-record routes (one audited request per viewer × document) run on the dates either side. */
const PROBE_DATES: readonly MatrixDate[] = ["2016-06-01", "2018-06-01"];

/** Who is a member of what, as of each date, for the matrix nations (from data/seed). */
const COVERED_BY: Record<string, Record<MatrixDate, string[]>> = {
  NOR: { "2016-06-01": ["NATO", "EAPC"], "2017-06-05": ["NATO", "EAPC"], "2018-06-01": ["NATO", "EAPC"] },
  MNE: { "2016-06-01": ["PFP", "EAPC"], "2017-06-05": ["NATO", "EAPC"], "2018-06-01": ["NATO", "EAPC"] },
  JPN: { "2016-06-01": ["GLOBAL"], "2017-06-05": ["GLOBAL"], "2018-06-01": ["GLOBAL"] },
  GEO: { "2016-06-01": ["PFP", "EAPC"], "2017-06-05": ["PFP", "EAPC"], "2018-06-01": ["PFP", "EAPC"] },
  EGY: { "2016-06-01": ["MD"], "2017-06-05": ["MD"], "2018-06-01": ["MD"] },
  // Russia: PfP and EAPC partner, both suspended since 2014-04-01: no group covers it.
  RUS: { "2016-06-01": [], "2017-06-05": [], "2018-06-01": [] },
  // An international organisation's office: named only by its own code.
  UN: { "2016-06-01": [], "2017-06-05": [], "2018-06-01": [] },
};

const RELEASABLE: string[][] = [
  [],
  ["NATO"],
  ["EAPC"],
  ["PFP"],
  ["GLOBAL"],
  ["MD"],
  ["ICI", "DIALOGUE"],
  ["MNE", "PFP"],
  ["JPN"],
  ["GEO", "EGY"],
  ["UN"],
];
/** PUBLIC ignores releasability: two variants suffice. */
const PUBLIC_RELEASABLE: string[][] = [[], ["PFP"]];

const CONCURRENCY = Number(process.env.MATRIX_CONCURRENCY ?? 6);
const ROLES: Role[] = ["admin", "staff", "delegation", "partner", "hq", "auditor", "analyst"];
const CLEARANCES: TClearance[] = ["NU", "NR", "NC", "NS"];
const rank = (c: TClassification) => CLASSIFICATIONS.indexOf(c);

type MatrixViewer = {
  key: string;
  viewer: Viewer;
  /** How it authenticates: a session cookie per date, or an API token. */
  auth:
    | { kind: "anonymous" }
    | { kind: "session"; username: string; password: string }
    | { kind: "token"; token: string };
};

type MatrixDocument = { doc: TDocument; body: string };

/** The declarative rule, from COVERED_BY: independent of the code under test. */
function expectedByTable(viewer: Viewer, doc: TDocument, date: MatrixDate): boolean {
  if (rank(doc.label.classification) > viewer.clearanceRank) return false;
  if (doc.label.classification === "PUBLIC") return true;
  if (viewer.isAlliance) return true;
  if (viewer.nation === null) return false;
  const covered = new Set([viewer.nation, ...(COVERED_BY[viewer.nation]?.[date] ?? [])]);
  return doc.label.releasableTo.some((t) => covered.has(t));
}

let t: TestDb;
let data: TempDataDir;
const viewers: MatrixViewer[] = [];
const documents: MatrixDocument[] = [];
/** Labelled registry records carrying the same labels: partner events (CHL) and areas → document id. */
const eventDoc = new Map<string, string>();
const areaDoc = new Map<string, string>();
const PROFILE_NATIONS = ["ARG", "BRA", "CHL", "PER"];
/** canRead's answer: date → viewer key → readable document ids. */
const allowedOn = new Map<MatrixDate, Map<string, Set<string>>>();
const now = new Date("2015-03-01T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  data = tempDataDir();
  const org = async (
    name: string,
    kind: "alliance-staff" | "command" | "delegation" | "mission" | "international-organisation",
    nation: string | null,
  ) => (await createOrganisation(t.db, null, { name, kind, nation }, now)).id;
  const orgs = {
    is: await org("International Staff (matrix)", "alliance-staff", null),
    shape: await org("Allied Command Operations (matrix)", "command", null),
    NOR: await org("Delegation of Norway (matrix)", "delegation", "NOR"),
    MNE: await org("Delegation of Montenegro (matrix)", "delegation", "MNE"),
    JPN: await org("Mission of Japan (matrix)", "mission", "JPN"),
    GEO: await org("Mission of Georgia (matrix)", "mission", "GEO"),
    EGY: await org("Mission of Egypt (matrix)", "mission", "EGY"),
    RUS: await org("Mission of the Russian Federation (matrix)", "mission", "RUS"),
    UN: await org("United Nations liaison office (matrix)", "international-organisation", "UN"),
  };

  const specs: { username: string; org: string; clearance: TClearance; roles: Role[] }[] = [
    // Alliance staff and a command, at three clearances.
    { username: "is.admin", org: orgs.is, clearance: "NS", roles: ["admin"] },
    { username: "is.analyst", org: orgs.is, clearance: "NU", roles: ["analyst"] },
    { username: "shape.hq", org: orgs.shape, clearance: "NR", roles: ["hq"] },
    { username: "ru.delegation", org: orgs.RUS, clearance: "NS", roles: ["delegation"] },
    { username: "un.partner", org: orgs.UN, clearance: "NS", roles: ["partner"] },
  ];
  // Five nations × four clearances, the seven roles rotating so that each nation and each role
  // meet several clearances.
  const nations = ["NOR", "MNE", "JPN", "GEO", "EGY"] as const;
  nations.forEach((nation, i) => {
    CLEARANCES.forEach((clearance, j) => {
      const role = ROLES[(i * CLEARANCES.length + j) % ROLES.length] ?? "partner";
      specs.push({
        username: `${nation.toLowerCase()}.${role}.${clearance.toLowerCase()}`,
        org: orgs[nation],
        clearance,
        roles: [role],
      });
    });
  });

  viewers.push({ key: "anonymous", viewer: ANONYMOUS, auth: { kind: "anonymous" } });
  for (const spec of specs) {
    const password = `matrix-${spec.username}-password`;
    const user: TUserView = await createUser(
      t.db,
      null,
      {
        username: spec.username,
        displayName: spec.username,
        organisationId: spec.org,
        clearance: spec.clearance,
        roles: spec.roles,
        password,
      },
      now,
    );
    const viewer = viewerOf(user);
    // Roles owing a second factor use API tokens; of the others, some log in (a session per
    // date, argon2 each time) and the rest use API tokens too.
    const needsSecondFactor = spec.roles.some((r) => r === "admin" || r === "staff");
    const useSession = !needsSecondFactor && (spec.clearance === "NS" || spec.clearance === "NU");
    viewers.push({
      key: spec.username,
      viewer,
      auth: !useSession
        ? { kind: "token", token: (await createApiToken(t.db, viewer, { name: "matrix" }, now)).token }
        : { kind: "session", username: spec.username, password },
    });
  }

  const uploader = await createUser(
    t.db,
    null,
    {
      username: "matrix.uploader",
      displayName: "Uploader",
      organisationId: orgs.is,
      clearance: "NS",
      roles: ["staff"],
      password: "matrix-uploader-password",
    },
    now,
  );
  const documentDates = ["2015-01-01", "2014-06-30", "2015-01-01", "2013-12-31"];
  let n = 0;
  for (const classification of CLASSIFICATIONS) {
    for (const releasableTo of classification === "PUBLIC" ? PUBLIC_RELEASABLE : RELEASABLE) {
      n += 1;
      const body = `matrix document ${n}\n${classification} ${releasableTo.join(",")}\n${randomUUID()}\n`;
      const doc = await uploadDocument(
        t.db,
        data.store,
        viewerOf(uploader),
        {
          reference: `MX-${classification}-${n}`,
          title: `Matrix document ${n} (${releasableTo.join(" ") || "staff only"})`,
          date: documentDates[n % documentDates.length] ?? "2015-01-01",
          label: { classification, releasableTo },
        },
        { filename: `mx-${n}.txt`, bytes: Buffer.from(body) },
        now,
      );
      documents.push({ doc, body });
    }
  }
  // The same labels on the other labelled records: partner events and partner areas.
  const areas = (await t.db.selectFrom("area").select("code").orderBy("code").execute()).map((a) => a.code);
  for (const [i, { doc }] of documents.entries()) {
    const title = `Matrix event ${i + 1}`;
    await t.db
      .insertInto("partner_event")
      .values({
        id: `matrix-event-${i + 1}`,
        nation_code: "CHL",
        date: "2014-01-01",
        precision: "day",
        title,
        cite: "matrix",
        certainty: "confirmed",
        note: null,
        label_id: doc.label.id,
      })
      .execute();
    eventDoc.set(title, doc.id);
    const nation = PROFILE_NATIONS[Math.floor(i / areas.length)];
    const area = areas[i % areas.length];
    if (nation === undefined || area === undefined) throw new Error("not enough nations × areas for the labels");
    await t.db
      .insertInto("partner_area")
      .values({
        nation_code: nation,
        area_code: area,
        extent: "regular",
        since: null,
        cite: "matrix",
        note: null,
        label_id: doc.label.id,
      })
      .execute();
    areaDoc.set(`${nation}/${area}`, doc.id);
  }
  for (const date of DATES) {
    const byViewer = new Map<string, Set<string>>();
    for (const { key, viewer } of viewers) {
      const set = new Set<string>();
      for (const { doc } of documents) if (await canRead(t.db, viewer, doc.label, date)) set.add(doc.id);
      byViewer.set(key, set);
    }
    allowedOn.set(date, byViewer);
  }
}, 120_000);

afterAll(async () => {
  console.info(
    `access matrix: ${viewers.length} viewers × ${documents.length} labels; records checked: list+search ${counts.list}, profile+timeline ${counts.registry}, detail+content ${counts.perRecord}`,
  );
  await t.destroy();
  data.cleanup();
});

describe("the declarative fixture agrees with canRead on the seed data", () => {
  it("for every viewer, label and date", async () => {
    const disagreements: string[] = [];
    for (const date of DATES) {
      for (const { key, viewer } of viewers) {
        for (const { doc } of documents) {
          const table = expectedByTable(viewer, doc, date);
          const decided = allowedOn.get(date)?.get(key)?.has(doc.id) ?? false;
          if (table !== decided)
            disagreements.push(`${date} ${key} ${doc.label.marking}: table ${table}, canRead ${decided}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("Montenegro's accession changes what it reads, on its first day", async () => {
    const mne = viewers.find((v) => v.viewer.nation === "MNE" && v.viewer.clearanceRank === 4);
    expect(mne).toBeDefined();
    if (!mne) return;
    const pfpOnly = documents.find(
      (d) => d.doc.label.classification === "NU" && d.doc.label.releasableTo.join() === "PFP",
    );
    const natoOnly = documents.find(
      (d) => d.doc.label.classification === "NU" && d.doc.label.releasableTo.join() === "NATO",
    );
    if (!pfpOnly || !natoOnly) throw new Error("fixture documents missing");
    expect(await canRead(t.db, mne.viewer, pfpOnly.doc.label, "2017-06-04")).toBe(true);
    expect(await canRead(t.db, mne.viewer, pfpOnly.doc.label, "2017-06-05")).toBe(false);
    expect(await canRead(t.db, mne.viewer, natoOnly.doc.label, "2017-06-04")).toBe(false);
    expect(await canRead(t.db, mne.viewer, natoOnly.doc.label, "2017-06-05")).toBe(true);
  });
});

/** Records checked per route family, for the summary printed at the end. */
const counts = { list: 0, registry: 0, perRecord: 0 };

type Mismatch = { date: string; route: string; viewer: string; marking: string; expected: boolean; got: boolean };

describe.each(DATES)("as of %s, every route returns exactly what canRead allows", (date) => {
  let app: FastifyInstance;
  const headers = new Map<string, Record<string, string>>();
  /** canRead's set for a viewer on this date (filled by the file's beforeAll). */
  const allowed = (key: string) => allowedOn.get(date)?.get(key) ?? new Set<string>();

  beforeAll(async () => {
    app = await buildApp(securityContext(t, fixedClock(date), { dataDir: data.dataDir }), { serveWeb: false });
    for (const v of viewers) {
      if (v.auth.kind === "anonymous") headers.set(v.key, {});
      else if (v.auth.kind === "token") headers.set(v.key, bearer(v.auth.token));
      else {
        const login = await loginHttp(app, v.auth.username, v.auth.password);
        if (login.status !== 200 || login.body.stage !== "authenticated" || !login.token)
          throw new Error(`login of ${v.key} failed: ${login.status} ${JSON.stringify(login.body)}`);
        headers.set(v.key, { cookie: `entente_session=${login.token}` });
      }
    }
  }, 60_000);
  afterAll(async () => app.close());

  const tally = (mismatches: Mismatch[]) => ({
    leaks: mismatches.filter((m) => m.got && !m.expected).length,
    falseDenials: mismatches.filter((m) => !m.got && m.expected).length,
  });

  it("GET /api/documents, every page; and a search", async () => {
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const v of viewers) {
      const expected = allowed(v.key);
      for (const [route, query, filter] of [
        ["list", "limit=9", () => true],
        ["search", "q=mx-nr&limit=4", (d: TDocument) => d.label.classification === "NR"],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/api/documents?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
          const res = await app.inject({ method: "GET", url, headers: headers.get(v.key) });
          expect(res.statusCode, `${v.key} ${url}`).toBe(200);
          const page = res.json() as { documents: TDocument[]; nextCursor: string | null };
          seen.push(...page.documents.map((d) => d.id));
          cursor = page.nextCursor;
          pages += 1;
          expect(pages, "pagination terminates").toBeLessThan(50);
        } while (cursor);
        expect(new Set(seen).size, `${v.key} ${route}: no document twice across pages`).toBe(seen.length);
        const got = new Set(seen);
        for (const { doc } of documents) {
          if (!filter(doc)) continue;
          checked += 1;
          const want = expected.has(doc.id);
          if (want !== got.has(doc.id))
            mismatches.push({
              date,
              route,
              viewer: v.key,
              marking: doc.label.marking,
              expected: want,
              got: got.has(doc.id),
            });
        }
      }
    }
    expect(checked).toBeGreaterThan(viewers.length * documents.length);
    counts.list += checked;
    expect({ ...tally(mismatches), sample: mismatches.slice(0, 5) }).toEqual({ leaks: 0, falseDenials: 0, sample: [] });
  });

  it("GET /api/nations/:code/profile and /timeline: labelled partner areas and events", async () => {
    const mismatches: Mismatch[] = [];
    const markingOf = new Map(documents.map(({ doc }) => [doc.id, doc.label.marking]));
    let checked = 0;
    for (const v of viewers) {
      const expected = allowed(v.key);
      const gotAreas = new Set<string>();
      for (const nation of PROFILE_NATIONS) {
        const res = await app.inject({
          method: "GET",
          url: `/api/nations/${nation}/profile`,
          headers: headers.get(v.key),
        });
        expect(res.statusCode).toBe(200);
        for (const area of (res.json() as { areas: { code: string; marking: string }[] }).areas) {
          const docId = areaDoc.get(`${nation}/${area.code}`);
          if (docId === undefined) continue;
          expect(area.marking).toBe(markingOf.get(docId));
          gotAreas.add(docId);
        }
      }
      const timeline = await app.inject({
        method: "GET",
        url: "/api/nations/CHL/timeline",
        headers: headers.get(v.key),
      });
      expect(timeline.statusCode).toBe(200);
      const gotEvents = new Set<string>();
      for (const entry of (timeline.json() as { entries: { kind: string; title: string; marking: string }[] })
        .entries) {
        const docId = eventDoc.get(entry.title);
        if (entry.kind !== "event" || docId === undefined) continue;
        expect(entry.marking).toBe(markingOf.get(docId));
        gotEvents.add(docId);
      }
      for (const [route, got] of [
        ["profile", gotAreas],
        ["timeline", gotEvents],
      ] as const) {
        for (const { doc } of documents) {
          checked += 1;
          const want = expected.has(doc.id);
          if (want !== got.has(doc.id))
            mismatches.push({
              date,
              route,
              viewer: v.key,
              marking: doc.label.marking,
              expected: want,
              got: got.has(doc.id),
            });
        }
      }
    }
    counts.registry += checked;
    expect({ ...tally(mismatches), sample: mismatches.slice(0, 5) }).toEqual({ leaks: 0, falseDenials: 0, sample: [] });
  });

  // The per-record routes write an audit event per request: probed on the dates either side only.
  if (PROBE_DATES.includes(date))
    it("GET /api/documents/:id and /:id/content: 200 when readable, else 404 exactly as for a missing id", async () => {
      const missing = randomUUID();
      const missingRes = await app.inject({ method: "GET", url: `/api/documents/${missing}` });
      expect(missingRes.statusCode).toBe(404);
      const notFoundBody = (id: string) => JSON.stringify(missingRes.json()).replaceAll(missing, id);
      const missingContent = await app.inject({ method: "GET", url: `/api/documents/${missing}/content` });
      expect(missingContent.body).toBe(missingRes.body);

      const tasks = viewers.flatMap((v) =>
        documents.flatMap(({ doc, body }) =>
          (["detail", "content"] as const).map((route) => async (): Promise<Mismatch | null> => {
            const url = route === "detail" ? `/api/documents/${doc.id}` : `/api/documents/${doc.id}/content`;
            const res = await app.inject({ method: "GET", url, headers: headers.get(v.key) });
            const want = allowed(v.key).has(doc.id);
            if (res.statusCode === 200) {
              if (route === "detail") expect((res.json() as TDocument).label).toEqual(doc.label);
              else {
                expect(res.body).toBe(body);
                expect(res.headers["x-confidentiality-label"]).toBe(doc.label.marking);
              }
            } else {
              expect(res.statusCode, `${v.key} ${url}`).toBe(404);
              expect(res.body, "a refusal reads exactly like a missing record").toBe(notFoundBody(doc.id));
            }
            const got = res.statusCode === 200;
            return got === want
              ? null
              : { date, route, viewer: v.key, marking: doc.label.marking, expected: want, got };
          }),
        ),
      );
      const mismatches = (await inBatches(tasks, CONCURRENCY)).filter((m): m is Mismatch => m !== null);
      expect(tasks.length).toBe(viewers.length * documents.length * 2);
      counts.perRecord += tasks.length;
      expect({ ...tally(mismatches), sample: mismatches.slice(0, 5) }).toEqual({
        leaks: 0,
        falseDenials: 0,
        sample: [],
      });
    });
});

describe("matrix size", () => {
  it("covers every role, five nations and more, alliance staff and anonymous", () => {
    const roles = new Set(viewers.flatMap((v) => v.viewer.roles));
    expect([...roles].sort()).toEqual([...ROLES].sort());
    const nations = new Set(viewers.map((v) => v.viewer.nation).filter((n) => n !== null));
    expect(nations.size).toBeGreaterThanOrEqual(5);
    expect(viewers.some((v) => v.viewer.isAlliance)).toBe(true);
    expect(viewers.some((v) => v.viewer.userId === null)).toBe(true);
    expect(documents.length).toBe((CLASSIFICATIONS.length - 1) * RELEASABLE.length + PUBLIC_RELEASABLE.length);
    console.info(
      `access matrix: ${viewers.length} viewers × ${documents.length} labelled documents × ${DATES.length} dates × 6 routes (list, search, detail, content, profile, timeline)`,
    );
  });
});
