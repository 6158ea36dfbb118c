import { isAppError } from "../../errors.js";
import { findReadableActivity } from "../activities/activities.js";
import { CLASSIFICATIONS } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { searchTextOf } from "../search/text-search.js";
import { fieldError } from "../shared/validation.js";
import type { TProgrammeContent } from "./programmes.schema.js";
import type { DbOrTrx } from "./rules.js";

// Checks a programme's content against the registry and the menu, and what search indexes of it.

/**
 * The viewer the menu is judged for: the partner nation itself (what its users may see), at the
 * partner user's own clearance when a partner user writes, else at the highest.
 */
export function partnerViewerFor(nation: string, actor: Viewer): Viewer {
  return Object.freeze({
    userId: null,
    username: null,
    organisation: null,
    nation,
    isAlliance: false,
    clearanceRank: actor.nation === nation ? actor.clearanceRank : CLASSIFICATIONS.length - 1,
    roles: [],
  });
}

function checkUnique(values: readonly string[], field: (i: number) => string, what: string) {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) throw fieldError(field(i), `${what} '${v}' appears twice`);
    seen.add(v);
  });
}

/**
 * VALIDATION naming the field (e.g. `content.activities.2.activityId`) when an area is unknown,
 * an activity is not in the menu the partner may see, an objective reference dangles, or an id
 * repeats within its list.
 */
export async function checkContent(
  db: DbOrTrx,
  content: TProgrammeContent,
  nation: string,
  actor: Viewer,
  now: Date,
): Promise<void> {
  checkUnique(content.areas, (i) => `content.areas.${i}`, "area");
  checkUnique(
    content.objectives.map((o) => o.id),
    (i) => `content.objectives.${i}.id`,
    "objective",
  );
  checkUnique(
    content.goals.map((g) => g.id),
    (i) => `content.goals.${i}.id`,
    "goal",
  );
  checkUnique(
    content.activities.map((a) => a.activityId),
    (i) => `content.activities.${i}.activityId`,
    "activity",
  );
  checkUnique(
    content.sections.map((s) => s.key),
    (i) => `content.sections.${i}.key`,
    "section",
  );
  const objectives = new Set(content.objectives.map((o) => o.id));
  content.goals.forEach((g, i) => {
    if (g.objectiveId !== null && !objectives.has(g.objectiveId)) {
      throw fieldError(`content.goals.${i}.objectiveId`, `no objective '${g.objectiveId}' in this programme`);
    }
  });
  content.activities.forEach((a, i) => {
    if (a.objectiveId !== null && !objectives.has(a.objectiveId)) {
      throw fieldError(`content.activities.${i}.objectiveId`, `no objective '${a.objectiveId}' in this programme`);
    }
  });
  if (content.areas.length > 0) {
    const known = await db.selectFrom("area").select("code").where("code", "in", content.areas).execute();
    const codes = new Set(known.map((k) => k.code));
    const index = content.areas.findIndex((a) => !codes.has(a));
    if (index >= 0) throw fieldError(`content.areas.${index}`, `unknown area '${content.areas[index]}'`);
  }
  const partner = partnerViewerFor(nation, actor);
  for (const [i, a] of content.activities.entries()) {
    try {
      await findReadableActivity(db, partner, a.activityId, now);
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") {
        throw fieldError(`content.activities.${i}.activityId`, `no activity '${a.activityId}' in ${nation}'s menu`);
      }
      throw error;
    }
  }
}

/** The folded text search matches: title, nation name, objectives, goals and free-text sections. */
export function programmeSearchText(title: string, nationName: string, content: TProgrammeContent): string {
  return searchTextOf(
    title,
    nationName,
    ...content.objectives.map((o) => o.text),
    ...content.goals.map((g) => g.text),
    ...content.sections.map((s) => `${s.title} ${s.text}`),
  );
}
