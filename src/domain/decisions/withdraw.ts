import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { decisionNotices } from "./notices.js";
import { type DecisionRow, findReadableDecision } from "./records.js";
import { closeSubject } from "./subjects.js";

/** Withdraws an open procedure (staff): the subject is released, nobody decides. */
export async function withdrawDecision(db: Db, actor: Viewer, id: string, now: Date): Promise<DecisionRow> {
  const decision = await findReadableDecision(db, actor, id, now);
  await requireRole(db, actor, "decision.withdraw", STAFF_ROLES, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("decision")
      .set({ status: "withdrawn", closed_at: at })
      .where("id", "=", decision.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx.selectFrom("decision").select("status").where("id", "=", id).executeTakeFirst();
      throw new AppError(
        "INVALID_STATE",
        `Cannot withdraw decision ${decision.reference}: it is ${current?.status ?? decision.status}; only an open procedure can be withdrawn`,
        { status: current?.status ?? decision.status },
      );
    }
    const closed: DecisionRow = { ...decision, status: "withdrawn", closed_at: at };
    const subjectNotices = await closeSubject(trx, closed, actor, now);
    const notices = [
      ...subjectNotices,
      ...(await decisionNotices(
        trx,
        closed,
        "decision-ended",
        {
          title: `${closed.reference} ${closed.title}: withdrawn`,
          body: `The procedure on ${closed.reference} "${closed.title}" was withdrawn; no decision was taken.`,
        },
        { delegations: true, staff: true },
        now,
      )),
    ];
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "decision.withdraw",
        objectType: "decision",
        objectId: closed.id,
        objectLabel: await getLabel(trx, closed.label_id),
        outcome: "success",
        details: { reference: closed.reference, notices: notices.length },
      },
      now,
    );
    return closed;
  });
}
