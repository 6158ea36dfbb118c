import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { AccessRequestStatus, Database } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { DecisionInfo, DecisionSubjectHooks } from "../decisions/subject-hooks.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { today } from "../shared/dates.js";

// How the Council's decision moves an access request. The decisions module calls these inside
// its own transaction. decision_id is kept when a procedure ends without a grant or refusal
// (silence broken, withdrawn): the request shows the last decision on it until a new one opens.

type Trx = Transaction<Database>;
type DbOrTrx = Db | Trx;

/** The request with what its title names: the nation and the activity. */
export async function findRequestForDecision(db: DbOrTrx, requestId: string) {
  return db
    .selectFrom("access_request")
    .innerJoin("nation", "nation.code", "access_request.nation_code")
    .innerJoin("activity", "activity.id", "access_request.activity_id")
    .selectAll("access_request")
    .select(["nation.name as nation_name", "activity.reference", "activity.title as activity_title"])
    .where("access_request.id", "=", requestId)
    .executeTakeFirst();
}

type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequestForDecision>>>;

const titleOf = (r: RequestRow) => `Access for ${r.nation_name} to ${r.reference} ${r.activity_title}`;

/** Where each final outcome of the decision leaves the request. */
function statusAfter(decision: DecisionInfo): AccessRequestStatus {
  switch (decision.status) {
    case "adopted":
      return "granted";
    case "not-adopted":
      return "refused";
    case "silence-broken":
    case "withdrawn":
      return "requested";
    case "open":
      throw new AppError("INVALID_STATE", `Decision ${decision.reference} is still open`, { status: decision.status });
  }
}

/** The requesting nation's active users and the requester (if still active), once each. */
async function recipientsOf(trx: Trx, r: RequestRow): Promise<string[]> {
  const rows = await trx
    .selectFrom("app_user")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select("app_user.id")
    .where("app_user.disabled", "=", 0)
    .where((eb) => eb.or([eb("organisation.nation_code", "=", r.nation_code), eb("app_user.id", "=", r.requested_by)]))
    .orderBy("app_user.id")
    .execute();
  return [...new Set(rows.map((row) => row.id))];
}

async function openRequestDecision(
  trx: Trx,
  requestId: string,
  decision: DecisionInfo,
  actor: Viewer | null,
  now: Date,
): Promise<{ labelId: string; title: string }> {
  const request = await findRequestForDecision(trx, requestId);
  if (!request) throw notFound("access request", requestId);
  if (request.status !== "requested") {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put access request for ${request.nation_name} to ${request.reference} to the Council: it is ${request.status}, and only a request that is requested can be`,
      { status: request.status },
    );
  }
  // Conditional on the state checked: a concurrent withdrawal or second decision loses, never both win.
  const result = await trx
    .updateTable("access_request")
    .set({ status: "in-decision", decision_id: decision.id })
    .where("id", "=", request.id)
    .where("status", "=", "requested")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("INVALID_STATE", `Access request ${request.id} changed meanwhile`, { status: null });
  }
  await recordAuditEvent(
    trx,
    {
      actor,
      action: "access-request.in-decision",
      objectType: "access-request",
      objectId: request.id,
      objectLabel: await getLabel(trx, request.label_id),
      outcome: "success",
      details: { decision: decision.reference, from: "requested", to: "in-decision" },
    },
    now,
  );
  return { labelId: request.label_id, title: titleOf(request) };
}

async function closeRequestDecision(
  trx: Trx,
  requestId: string,
  decision: DecisionInfo,
  actor: Viewer | null,
  now: Date,
): Promise<NewNotification[]> {
  const request = await findRequestForDecision(trx, requestId);
  if (!request) throw notFound("access request", requestId);
  const to = statusAfter(decision);
  if (request.status !== "in-decision" || request.decision_id !== decision.id) {
    throw new AppError(
      "INVALID_STATE",
      `Access request ${request.id} is not before the Council under decision ${decision.reference}: it is ${request.status}`,
      { status: request.status },
    );
  }
  const decided = to === "granted" || to === "refused";
  const result = await trx
    .updateTable("access_request")
    .set({ status: to, decided_at: decided ? now.toISOString() : null })
    .where("id", "=", request.id)
    .where("status", "=", "in-decision")
    .where("decision_id", "=", decision.id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("INVALID_STATE", `Access request ${request.id} changed meanwhile`, { status: null });
  }
  await recordAuditEvent(
    trx,
    {
      actor,
      action: decided ? `access-request.${to}` : "access-request.returned",
      objectType: "access-request",
      objectId: request.id,
      objectLabel: await getLabel(trx, request.label_id),
      outcome: "success",
      details: { decision: decision.reference, outcome: decision.status, from: "in-decision", to },
    },
    now,
  );
  if (!decided) return [];
  const date = decision.effectiveDate ?? today(now);
  const verdict = to === "granted" ? "granted" : "refused";
  const body =
    to === "granted"
      ? `The North Atlantic Council granted ${request.nation_name} access to ${request.reference} "${request.activity_title}" by its decision of ${date} (ref ${decision.reference}). Nominations from ${request.nation_name} are now accepted.`
      : `The North Atlantic Council did not grant ${request.nation_name} access to ${request.reference} "${request.activity_title}" (decision of ${date}, ref ${decision.reference}).`;
  return (await recipientsOf(trx, request)).map(
    (userId): NewNotification => ({
      recipient: { userId },
      kind: "access-request-decided",
      subject: { type: "access-request", id: request.id },
      title: `${titleOf(request)}: ${verdict}`,
      body,
      labelId: request.label_id,
    }),
  );
}

/** The decisions module's hooks for subject type 'access-request'. */
export const accessRequestDecisionHooks: DecisionSubjectHooks = {
  open: openRequestDecision,
  close: closeRequestDecision,
  title: async (db, requestId) => {
    const request = await findRequestForDecision(db, requestId);
    return request ? titleOf(request) : null;
  },
};
