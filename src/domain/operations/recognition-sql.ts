import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";

// The one definition of "recognised contributor as of a date", composed by the CONTRIB:<operation>
// releasability token, the label predicate and the meeting criteria. Periods are half-open.

type RecognitionEb = ExpressionBuilder<Database, "contributor_recognition">;

/** The releasability token standing for an operation's recognised non-NATO contributors. */
export const CONTRIB_PREFIX = "CONTRIB:";
export const contributorsToken = (operation: string) => `${CONTRIB_PREFIX}${operation}`;

/** The recognition confers PMF rights on `asOf`: the Council recognised it on or before, and it has not ended. */
export function recognitionInForceAt(asOf: string) {
  return (eb: RecognitionEb) =>
    eb.and([
      eb("contributor_recognition.status", "in", ["recognised", "ended"]),
      eb("contributor_recognition.recognised_from", "<=", asOf),
      eb.or([
        eb("contributor_recognition.recognised_to", "is", null),
        eb("contributor_recognition.recognised_to", ">", asOf),
      ]),
    ]);
}
