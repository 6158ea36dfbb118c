import type { Selectable } from "kysely";
import type { Db } from "../../db/connect.js";
import type { DecisionTable } from "../../db/schema.js";
import { visibleActivity } from "../activities/activities.js";
import { getLabel, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { canCommentOn, listComments } from "./comments.js";
import { canEditProgramme, readRevisionContent } from "./programmes.js";
import type { TProgramme } from "./programmes.schema.js";
import { findReadableProgramme } from "./rules.js";
import { allowedActionsFor } from "./workflow.js";

// One programme as its page shows it: content, revisions, comments, the Council's decisions on
// it (only those the viewer may read) and the actions the viewer may take now.

type DecisionRow = Pick<
  Selectable<DecisionTable>,
  "id" | "reference" | "procedure" | "status" | "deadline_at" | "closed_at" | "broken_by_nation" | "created_at"
> & { broken_by_name: string | null };

const day = (instant: string | null) => (instant === null ? "" : instant.slice(0, 10));

/** "Adopted by silence procedure on 2012-03-16", "Silence broken by Norway on …", "Open: … until …". */
export function outcomeText(d: DecisionRow): string {
  const by = d.procedure === "silence" ? "by silence procedure" : "in a meeting";
  switch (d.status) {
    case "open":
      return d.procedure === "silence"
        ? `Open: silence procedure until ${d.deadline_at ?? "its deadline"}`
        : "Open: to be decided in a meeting";
    case "adopted":
      return `Adopted ${by} on ${day(d.closed_at)}`;
    case "silence-broken":
      return `Silence broken by ${d.broken_by_name ?? d.broken_by_nation ?? "an Ally"} on ${day(d.closed_at)}`;
    case "not-adopted":
      return `Not adopted: no consensus ${by} on ${day(d.closed_at)}`;
    case "withdrawn":
      return `Withdrawn on ${day(d.closed_at)}`;
  }
}

function presentDecision(d: DecisionRow) {
  return {
    id: d.id,
    reference: d.reference,
    procedure: d.procedure,
    status: d.status,
    deadlineAt: d.deadline_at,
    closedAt: d.closed_at,
    outcomeText: outcomeText(d),
  };
}

/** The programme's detail for `viewer`; NOT_FOUND when the viewer may not see it. */
export async function getProgramme(db: Db, viewer: Viewer, id: string, now: Date): Promise<TProgramme> {
  const at = today(now);
  const programme = await findReadableProgramme(db, viewer, id, now);
  const [nation, revision, revisions, comments, decisions, label] = await Promise.all([
    db
      .selectFrom("nation")
      .select(["code", "name"])
      .where("code", "=", programme.nation_code)
      .executeTakeFirstOrThrow(),
    readRevisionContent(db, programme.id, programme.current_revision),
    db
      .selectFrom("programme_revision")
      .leftJoin("app_user", "app_user.id", "programme_revision.created_by")
      .select([
        "programme_revision.number",
        "programme_revision.title",
        "programme_revision.note",
        "programme_revision.created_at",
        "programme_revision.created_by",
        "app_user.username",
        "app_user.display_name",
      ])
      .where("programme_revision.programme_id", "=", programme.id)
      .orderBy("programme_revision.number")
      .execute(),
    listComments(db, programme.id),
    db
      .selectFrom("decision")
      .leftJoin("nation", "nation.code", "decision.broken_by_nation")
      .select([
        "decision.id",
        "decision.reference",
        "decision.procedure",
        "decision.status",
        "decision.deadline_at",
        "decision.closed_at",
        "decision.broken_by_nation",
        "decision.created_at",
        "nation.name as broken_by_name",
      ])
      .where("decision.subject_type", "=", "programme")
      .where("decision.subject_id", "=", programme.id)
      .where(readableLabel(db, viewer, at, "decision.label_id"))
      .orderBy("decision.created_at", "desc")
      .orderBy("decision.id")
      .execute(),
    getLabel(db, programme.label_id),
  ]);
  const ids = revision.content.activities.map((a) => a.activityId);
  const activities =
    ids.length === 0
      ? []
      : await db
          .selectFrom("activity")
          .select(["activity.id", "activity.reference", "activity.title", "activity.status"])
          .where("activity.id", "in", ids)
          .where(visibleActivity(db, viewer, at))
          .orderBy("activity.reference")
          .execute();
  // Whether a procedure is open is a fact about the programme (it blocks moves), whoever may read the decision.
  const open = await db
    .selectFrom("decision")
    .select("id")
    .where("subject_type", "=", "programme")
    .where("subject_id", "=", programme.id)
    .where("status", "=", "open")
    .executeTakeFirst();
  const council = decisions.find((d) => d.id === programme.council_decision_id);
  return {
    id: programme.id,
    nation: { code: nation.code, name: nation.name },
    type: programme.type,
    title: programme.title,
    periodStart: programme.period_start,
    periodEnd: programme.period_end,
    status: programme.status,
    currentRevision: programme.current_revision,
    updatedAt: programme.updated_at,
    marking: label.marking,
    content: revision.content,
    activities,
    revisions: revisions.map((r) => ({
      number: r.number,
      title: r.title,
      note: r.note,
      createdAt: r.created_at,
      createdBy: { id: r.created_by, username: r.username ?? r.created_by, displayName: r.display_name ?? "" },
    })),
    comments,
    decisions: decisions.map(presentDecision),
    councilDecision: council === undefined ? null : presentDecision(council),
    acceptedAt: programme.accepted_at,
    supersededBy: programme.superseded_by,
    allowedActions: allowedActionsFor(viewer, programme, open !== undefined),
    canEdit: canEditProgramme(viewer, programme),
    canComment: canCommentOn(viewer, programme),
    label,
    createdAt: programme.created_at,
  };
}
