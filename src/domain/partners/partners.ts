import type { Db } from "../../db/connect.js";
import { listNationMemberships } from "../frameworks/frameworks.js";
import { getLabels, readableLabel } from "../labels/labels.js";
import { renderMarking } from "../labels/marking.js";
import type { Viewer } from "../labels/viewer.js";
import { getNation } from "../nations/nations.js";
import { listMilestones } from "../policy/milestones.js";
import type { TArea, TPartnerProfile, TTimeline, TTimelineEntry } from "./partners.schema.js";

/** The reference registry (memberships, milestones) is public by definition (migration 0003). */
const PUBLIC_MARKING = renderMarking({ classification: "PUBLIC", releasableTo: [] });

/** The areas of cooperation partners choose from (public reference data), by name. */
export async function listAreas(db: Db): Promise<TArea[]> {
  return db.selectFrom("area").select(["code", "name"]).orderBy("name").execute();
}

/** A nation's relationship with the alliance: frameworks over time and the areas it chose. */
export async function getPartnerProfile(db: Db, viewer: Viewer, code: string, at: string): Promise<TPartnerProfile> {
  const nation = await getNation(db, code);
  const [memberships, areas] = await Promise.all([
    listNationMemberships(db, nation.code),
    db
      .selectFrom("partner_area")
      .innerJoin("area", "area.code", "partner_area.area_code")
      .select([
        "area.code",
        "area.name",
        "partner_area.extent",
        "partner_area.since",
        "partner_area.cite",
        "partner_area.note",
        "partner_area.label_id",
      ])
      .where("partner_area.nation_code", "=", nation.code)
      .where(readableLabel(db, viewer, at, "partner_area.label_id"))
      .orderBy("area.name")
      .execute(),
  ]);
  const labels = await getLabels(
    db,
    areas.map((a) => a.label_id),
  );
  return {
    nation,
    memberships,
    areas: areas.map(({ label_id, ...area }) => ({ ...area, marking: labels.get(label_id)?.marking ?? "" })),
  };
}

/**
 * The relationship as dated entries: memberships and suspensions, the policy milestones of the
 * frameworks it belonged to (up to when it left them), and the events recorded for it.
 */
export async function getPartnerTimeline(db: Db, viewer: Viewer, code: string, at: string): Promise<TTimeline> {
  const nation = await getNation(db, code);
  const [memberships, milestones, events] = await Promise.all([
    listNationMemberships(db, nation.code),
    listMilestones(db),
    db
      .selectFrom("partner_event")
      .selectAll()
      .where("nation_code", "=", nation.code)
      .where(readableLabel(db, viewer, at, "partner_event.label_id"))
      .execute(),
  ]);
  const labels = await getLabels(
    db,
    events.map((e) => e.label_id),
  );
  const entries: TTimelineEntry[] = [];
  const base = { summary: null, note: null, marking: PUBLIC_MARKING } as const;
  for (const m of memberships) {
    const framework = { framework: m.framework, frameworkName: m.frameworkName };
    entries.push({
      ...base,
      ...framework,
      date: m.validFrom,
      precision: m.precision,
      kind: "membership-start",
      title: m.framework === "NATO" ? "Accession to the Alliance" : `Joined ${m.frameworkName}`,
      cite: m.cite,
      certainty: m.certainty,
      note: m.note,
    });
    if (m.validTo) {
      entries.push({
        ...base,
        ...framework,
        date: m.validTo,
        precision: "day",
        kind: "membership-end",
        title: `Left ${m.frameworkName}`,
        cite: m.cite,
        certainty: m.certainty,
      });
    }
    for (const s of m.suspensions) {
      entries.push({
        ...base,
        ...framework,
        date: s.validFrom,
        precision: "day",
        kind: "suspension-start",
        title: `${m.frameworkName} membership suspended`,
        cite: s.cite,
        certainty: s.certainty,
        note: s.note,
      });
      if (s.validTo) {
        entries.push({
          ...base,
          ...framework,
          date: s.validTo,
          precision: "day",
          kind: "suspension-end",
          title: `${m.frameworkName} suspension lifted`,
          cite: s.cite,
          certainty: s.certainty,
        });
      }
    }
  }
  for (const ms of milestones) {
    const relevant =
      ms.nations.includes(nation.code) ||
      memberships.some((m) => ms.frameworks.includes(m.framework) && (m.validTo === null || ms.date < m.validTo));
    if (!relevant) continue;
    entries.push({
      marking: PUBLIC_MARKING,
      date: ms.date,
      precision: ms.precision,
      kind: "milestone",
      title: ms.title,
      framework: null,
      frameworkName: null,
      summary: ms.summary,
      cite: ms.cite,
      certainty: ms.certainty,
      note: ms.note,
    });
  }
  for (const e of events) {
    entries.push({
      ...base,
      framework: null,
      frameworkName: null,
      date: e.date,
      precision: e.precision,
      kind: "event",
      marking: labels.get(e.label_id)?.marking ?? "",
      title: e.title,
      cite: e.cite,
      certainty: e.certainty,
      note: e.note,
    });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  return { nation, entries };
}
