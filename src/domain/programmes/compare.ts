import type { Db } from "../../db/connect.js";
import { visibleActivity } from "../activities/activities.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { diffWords } from "./diff.js";
import { readRevisionContent } from "./programmes.js";
import type { TProgrammeContent, TProgrammeDiff } from "./programmes.schema.js";
import { type DbOrTrx, findReadableProgramme } from "./rules.js";

// Any two revisions compared section by section, as readable text, word by word.

type Section = { section: string; heading: string; text: string };
type Names = { areas: Map<string, string>; activities: Map<string, string> };

/** The sections of a revision in document order, each rendered as text a reader can compare. */
export function renderSections(title: string, content: TProgrammeContent, names: Names): Section[] {
  const objective = (id: string | null) => (id === null ? "" : ` (objective ${id})`);
  return [
    { section: "general", heading: "Title", text: title },
    {
      section: "areas",
      heading: "Areas of cooperation",
      text: content.areas.map((a) => `${a} ${names.areas.get(a) ?? ""}`.trim()).join("\n"),
    },
    {
      section: "objectives",
      heading: "Objectives",
      text: content.objectives.map((o) => `${o.id}: ${o.text}`).join("\n"),
    },
    {
      section: "goals",
      heading: "Partnership goals",
      text: content.goals.map((g) => `${g.id}${objective(g.objectiveId)}: ${g.text}`).join("\n"),
    },
    {
      section: "activities",
      heading: "Activities",
      text: content.activities
        .map(
          (a) =>
            `${names.activities.get(a.activityId) ?? a.activityId}${objective(a.objectiveId)}: ${a.plannedParticipants} participants`,
        )
        .join("\n"),
    },
    ...content.sections.map((s) => ({ section: `section:${s.key}`, heading: s.title, text: s.text })),
  ];
}

/** Area names and the activities' "reference title", the latter only as the viewer may see them. */
async function namesFor(db: DbOrTrx, viewer: Viewer, contents: TProgrammeContent[], at: string): Promise<Names> {
  const areaCodes = [...new Set(contents.flatMap((c) => c.areas))];
  const activityIds = [...new Set(contents.flatMap((c) => c.activities.map((a) => a.activityId)))];
  const [areas, activities] = await Promise.all([
    areaCodes.length === 0
      ? []
      : db.selectFrom("area").select(["code", "name"]).where("code", "in", areaCodes).execute(),
    activityIds.length === 0
      ? []
      : db
          .selectFrom("activity")
          .select(["activity.id", "activity.reference", "activity.title"])
          .where("activity.id", "in", activityIds)
          .where(visibleActivity(db, viewer, at))
          .execute(),
  ]);
  return {
    areas: new Map(areas.map((a) => [a.code, a.name])),
    activities: new Map(activities.map((a) => [a.id, `${a.reference} ${a.title}`])),
  };
}

/** The changed sections between revisions `from` and `to` (either order), in document order. */
export async function diffProgramme(
  db: Db,
  viewer: Viewer,
  programmeId: string,
  from: number,
  to: number,
  now: Date,
): Promise<TProgrammeDiff> {
  const programme = await findReadableProgramme(db, viewer, programmeId, now);
  const [a, b] = await Promise.all([
    readRevisionContent(db, programme.id, from),
    readRevisionContent(db, programme.id, to),
  ]);
  const names = await namesFor(db, viewer, [a.content, b.content], today(now));
  const before = renderSections(a.title, a.content, names);
  const after = renderSections(b.title, b.content, names);
  // Document order: the later revision's order, with sections only the earlier one has where they were.
  const order: Section[] = [...after];
  before.forEach((s, i) => {
    if (!order.some((o) => o.section === s.section)) order.splice(Math.min(i, order.length), 0, s);
  });
  const changes: TProgrammeDiff["changes"] = [];
  for (const s of order) {
    const old = before.find((x) => x.section === s.section);
    const neu = after.find((x) => x.section === s.section);
    if (old !== undefined && neu !== undefined && old.text === neu.text && old.heading === neu.heading) continue;
    const kind = old === undefined ? "added" : neu === undefined ? "removed" : "changed";
    changes.push({
      section: s.section,
      heading: neu?.heading ?? old?.heading ?? s.heading,
      kind,
      parts: diffWords(old?.text ?? "", neu?.text ?? ""),
    });
  }
  return { from, to, changes };
}
