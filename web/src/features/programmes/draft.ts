import type { Programme, ProgrammeContent } from "./types.ts";

// The builder's working copy: what the form edits, and how it becomes the API's content.

export type ActivityRef = { reference: string; title: string };

export type DraftActivity = {
  activityId: string;
  objectiveId: string | null;
  /** Kept as typed, so a half-typed number is not lost; the API checks it. */
  plannedParticipants: string;
};

export type Draft = {
  title: string;
  periodStart: string;
  periodEnd: string;
  nation: string;
  areas: string[];
  objectives: { id: string; text: string }[];
  goals: { id: string; objectiveId: string | null; text: string }[];
  activities: DraftActivity[];
  sections: { key: string; title: string; text: string }[];
};

export const emptyDraft = (nation: string): Draft => ({
  title: "",
  periodStart: "",
  periodEnd: "",
  nation,
  areas: [],
  objectives: [],
  goals: [],
  activities: [],
  sections: [],
});

export function draftOf(p: Programme): Draft {
  return {
    title: p.title,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    nation: p.nation.code,
    areas: [...p.content.areas],
    objectives: p.content.objectives.map((o) => ({ ...o })),
    goals: p.content.goals.map((g) => ({ ...g })),
    activities: p.content.activities.map((a) => ({
      activityId: a.activityId,
      objectiveId: a.objectiveId,
      plannedParticipants: String(a.plannedParticipants),
    })),
    sections: p.content.sections.map((s) => ({ ...s })),
  };
}

/** The draft's content as the API takes it; a number field left empty is sent as 0 so the API names it. */
export function contentOf(d: Draft): ProgrammeContent {
  return {
    areas: d.areas,
    objectives: d.objectives.map((o) => ({ id: o.id, text: o.text.trim() })),
    goals: d.goals.map((g) => ({ id: g.id, objectiveId: g.objectiveId, text: g.text.trim() })),
    activities: d.activities.map((a) => ({
      activityId: a.activityId,
      objectiveId: a.objectiveId,
      plannedParticipants: Number.parseInt(a.plannedParticipants, 10) || 0,
    })),
    sections: d.sections.map((s) => ({ key: s.key, title: s.title.trim(), text: s.text })),
  };
}

/** The next free short id with this prefix: "o1", "o2", … (ids stay stable across revisions). */
export function nextItemId(prefix: string, taken: readonly string[]): string {
  let max = 0;
  for (const id of taken) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return `${prefix}${max + 1}`;
}

/** The list with the item at `index` moved by `by` places (no-op at the ends). */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}
