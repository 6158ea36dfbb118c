import type { Db } from "../../db/connect.js";
import type { TMilestone, TMilestonesQuery } from "./policy.schema.js";

/** The dated policy history, oldest first, optionally for one framework or a date range. */
export async function listMilestones(db: Db, query: TMilestonesQuery = {}): Promise<TMilestone[]> {
  let select = db.selectFrom("milestone").selectAll().orderBy("date").orderBy("id");
  if (query.from) select = select.where("date", ">=", query.from);
  if (query.to) select = select.where("date", "<=", query.to);
  if (query.framework) {
    const code = query.framework.toUpperCase();
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom("milestone_framework")
          .select("milestone_framework.milestone_id")
          .whereRef("milestone_framework.milestone_id", "=", "milestone.id")
          .where("milestone_framework.framework_code", "=", code),
      ),
    );
  }
  const [rows, frameworks, nations] = await Promise.all([
    select.execute(),
    db.selectFrom("milestone_framework").selectAll().execute(),
    db.selectFrom("milestone_nation").selectAll().execute(),
  ]);
  return rows.map((m) => ({
    id: m.id,
    date: m.date,
    precision: m.precision,
    title: m.title,
    summary: m.summary,
    frameworks: frameworks.filter((f) => f.milestone_id === m.id).map((f) => f.framework_code),
    nations: nations.filter((n) => n.milestone_id === m.id).map((n) => n.nation_code),
    cite: m.cite,
    certainty: m.certainty,
    note: m.note,
  }));
}
