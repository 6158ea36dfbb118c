import type { Selectable, Transaction } from "kysely";
import type { Database, DecisionTable, NotificationKind } from "../../db/schema.js";
import type { NewNotification } from "../notifications/notifications.js";
import { findRecipients, noticesFor, type Recipient } from "../notifications/recipients.js";
import { today } from "../shared/dates.js";
import { listAlliesAt } from "./allies.js";

// Who hears of a decision: the users (role 'delegation') of the delegations of the Allies as of
// the decision date, and alliance staff; each only if they may read the decision's label today.

type Trx = Transaction<Database>;
type DecisionRow = Selectable<DecisionTable>;

export type DecisionAudience = { delegations: boolean; staff: boolean };

/** One notice per reader: the Allies' delegations and/or staff, filtered by the label. */
export async function decisionNotices(
  trx: Trx,
  decision: DecisionRow,
  kind: NotificationKind,
  text: { title: string; body: string },
  audience: DecisionAudience,
  now: Date,
): Promise<NewNotification[]> {
  const recipients: Recipient[] = [];
  if (audience.delegations) {
    const allies = await listAlliesAt(trx, decision.decision_date);
    recipients.push(
      ...(await findRecipients(trx, { roles: ["delegation"], nations: allies, organisationKind: "delegation" })),
    );
  }
  if (audience.staff) recipients.push(...(await findRecipients(trx, { roles: ["staff"] })));
  return noticesFor(
    trx,
    recipients,
    {
      kind,
      subject: { type: "decision", id: decision.id },
      title: text.title,
      body: text.body,
      labelId: decision.label_id,
    },
    today(now),
  );
}
