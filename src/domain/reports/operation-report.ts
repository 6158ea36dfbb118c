import type { Db } from "../../db/connect.js";
import { getForceGenerationBoard } from "../force-generation/requirements.js";
import type { Viewer } from "../labels/viewer.js";
import { listContributions } from "../operations/contributions.js";
import { getContributionHistory, getPlacemat } from "../operations/placemat.js";
import { listRecognitions } from "../operations/recognitions.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { highestMarking, type OperationReport } from "./report-model.js";
import { type TBriefingQuery, ZBriefingQuery } from "./reports.schema.js";

/**
 * The operation report as `viewer` sees it: the placemat on asOf, the troop history and the force
 * generation fill, each from its module (which applies the labels). Marked with the highest
 * classification of the troop snapshots and requirement lines it shows. NOT_FOUND for an unknown operation.
 */
export async function getOperationReport(
  db: Db,
  viewer: Viewer,
  code: string,
  query: TBriefingQuery,
  now: Date,
): Promise<OperationReport> {
  const asOf = parseInput(ZBriefingQuery, query).asOf ?? today(now);
  const placemat = await getPlacemat(db, viewer, code, { asOf }, now);
  const operation = placemat.operation.code;
  const [history, forceGeneration, troops, recognitions] = await Promise.all([
    getContributionHistory(db, viewer, operation, now),
    getForceGenerationBoard(db, viewer, operation, now),
    listContributions(db, viewer, { operation, kind: "troops" }, now),
    listRecognitions(db, viewer, { operation }, now),
  ]);
  // The placemat's recognition dates come from the recognition cases: their labels count too.
  const shownRecognitions = new Set(placemat.rows.filter((r) => r.recognisedFrom !== null).map((r) => r.nation.code));
  return {
    asOf,
    generatedAt: now.toISOString(),
    placemat,
    history,
    forceGeneration,
    marking: highestMarking([
      ...troops.map((c) => c.marking),
      ...forceGeneration.lines.map((l) => l.label.marking),
      ...recognitions.filter((r) => shownRecognitions.has(r.nation.code)).map((r) => r.label.marking),
    ]),
  };
}
