import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";

import { listMyNominations } from "../activities/nominations.js";
import { isStaff } from "../identity/authorize.js";
import { getLabels } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { listActionItems } from "../meetings/action-items.js";
import { listMeetings } from "../meetings/meetings.js";
import { listContributions } from "../operations/contributions.js";
import { listPostings } from "../operations/postings.js";
import { listRecognitions } from "../operations/recognitions.js";
import { getPartnerProfile } from "../partners/partners.js";
import { listProgrammes } from "../programmes/list.js";
import type { TProgrammeSummary } from "../programmes/programmes.schema.js";
import { formatDate, isWithin, today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { highestMarking } from "./report-model.js";
import { type TBriefing, type TBriefingQuery, ZBriefingQuery } from "./reports.schema.js";

// The partner briefing: one page to brief a minister before a bilateral meeting. Every section
// comes from the owning module's own list function, which applies the viewer's labels; the page's
// marking is the highest classification of what it shows.

const RECENT_ACTIVITIES = 5;
const MEETINGS_SHOWN = 20;
const OPEN_ITEM = new Set(["open", "in-progress"]);
const LIVE_PROGRAMME = new Set(["agreed", "in-force", "under-review"]);

/** Staff open any nation's briefing; a nation's own users their own; anyone else: not found. */
function mayOpen(viewer: Viewer, code: string): boolean {
  return isStaff(viewer) || (viewer.userId !== null && viewer.nation === code);
}

/** The programme that matters on asOf: a live one covering it, else any covering it, else the latest. */
function pickProgramme(programmes: readonly TProgrammeSummary[], asOf: string): TProgrammeSummary | null {
  const covering = programmes.filter((p) => p.periodStart <= asOf && asOf <= p.periodEnd);
  const latest = [...programmes].sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  return covering.find((p) => LIVE_PROGRAMME.has(p.status)) ?? covering[0] ?? latest[0] ?? null;
}

export async function getPartnerBriefing(
  db: Db,
  viewer: Viewer,
  code: string,
  query: TBriefingQuery,
  now: Date,
): Promise<TBriefing> {
  const f = parseInput(ZBriefingQuery, query);
  const nationCode = code.trim().toUpperCase();
  if (!mayOpen(viewer, nationCode)) throw notFound("nation", code);
  const day = today(now);
  const asOf = f.asOf ?? day;
  const profile = await getPartnerProfile(db, viewer, nationCode, day);
  const [programmes, recognitions, contributions, postings, meetings, actionItems, nominations] = await Promise.all([
    listProgrammes(db, viewer, { nation: nationCode, limit: 200 }, now),
    listRecognitions(db, viewer, { nation: nationCode }, now),
    listContributions(db, viewer, { nation: nationCode }, now),
    listPostings(db, viewer, { nation: nationCode, asOf }, now),
    listMeetings(db, viewer, { nation: nationCode, limit: 500 }, now),
    listActionItems(db, viewer, { owner: nationCode }, now),
    listMyNominations(db, viewer, { nation: nationCode, limit: 500 }, now),
  ]);
  const openItems = actionItems.filter((a) => OPEN_ITEM.has(a.status));

  const frameworks = profile.memberships
    .filter((m) => isWithin(asOf, m.validFrom, m.validTo))
    .filter((m) => !m.suspensions.some((s) => isWithin(asOf, s.validFrom, s.validTo)))
    .map((m) => ({ code: m.framework, name: m.frameworkName, since: formatDate(m.validFrom, m.precision) }));
  const programme = pickProgramme(programmes.programmes, asOf);
  const shownMeetings = [...meetings.meetings]
    .sort((a, b) => b.meetingDate.localeCompare(a.meetingDate) || a.id.localeCompare(b.id))
    .slice(0, MEETINGS_SHOWN);

  // Participation: every nomination of the nation the viewer may see, the most recent activities by name.
  const recent: TBriefing["activities"]["recent"] = [];
  for (const n of nominations) {
    if (recent.length >= RECENT_ACTIVITIES) break;
    if (recent.some((r) => r.activityId === n.activity.id)) continue;
    recent.push({
      activityId: n.activity.id,
      reference: n.activity.reference,
      title: n.activity.title,
      startDate: n.iteration.startDate,
    });
  }
  const [activityMarkings, itemMarkings] = await Promise.all([
    labelMarkings(db, "activity", [...new Set(nominations.map((n) => n.activity.id))]),
    labelMarkings(db, "meeting", [...new Set(openItems.map((a) => a.meeting.id))]),
  ]);

  const briefing: Omit<TBriefing, "marking"> = {
    nation: { code: profile.nation.code, name: profile.nation.name },
    asOf,
    generatedAt: now.toISOString(),
    frameworks,
    areas: profile.areas.map((a) => ({ code: a.code, name: a.name, extent: a.extent })),
    programme: programme
      ? {
          id: programme.id,
          title: programme.title,
          type: programme.type,
          status: programme.status,
          periodStart: programme.periodStart,
          periodEnd: programme.periodEnd,
        }
      : null,
    recognitions: recognitions.map((r) => ({
      operation: r.operation,
      status: r.status,
      recognisedFrom: r.recognisedFrom,
      recognisedTo: r.recognisedTo,
    })),
    contributions: contributions.map((c) => ({
      operation: c.operation,
      kind: c.kind,
      asOf: c.asOf,
      troops: c.troops,
      amount: c.amount,
      currency: c.currency,
      description: c.description,
    })),
    postings: postings.map((x) => ({
      officerName: x.officerName,
      headquarters: x.headquarters,
      role: x.role,
      startDate: x.startDate,
      endDate: x.endDate,
    })),
    meetings: shownMeetings.map((m) => ({ id: m.id, title: m.title, meetingDate: m.meetingDate, status: m.status })),
    activities: {
      nominated: nominations.length,
      confirmed: nominations.filter((n) => n.status === "confirmed").length,
      attended: nominations.filter((n) => n.attended === true).length,
      recent,
    },
    openActionItems: openItems.map((a) => ({ id: a.id, text: a.text, dueDate: a.dueDate, status: a.status })),
  };
  const marking = highestMarking([
    ...profile.areas.map((a) => a.marking),
    ...(programme ? [programme.marking] : []),
    ...recognitions.map((r) => r.label.marking),
    ...contributions.map((c) => c.marking),
    ...postings.map((x) => x.marking),
    ...shownMeetings.map((m) => m.marking),
    ...activityMarkings,
    ...itemMarkings,
  ]);
  return { ...briefing, marking };
}

/**
 * The markings of records the viewer already saw through their module (activities behind the
 * participation figures, meetings behind the action items), whose list functions do not carry one.
 */
async function labelMarkings(db: Db, table: "activity" | "meeting", ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom(table).select("label_id").where("id", "in", ids).execute();
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return [...labels.values()].map((l) => l.marking);
}
