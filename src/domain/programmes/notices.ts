import type { Transaction } from "kysely";
import type { Database, NotificationKind } from "../../db/schema.js";
import type { NewNotification } from "../notifications/notifications.js";
import { findRecipients, noticesFor, type Recipient } from "../notifications/recipients.js";
import type { ProgrammeRow } from "./rules.js";

// Who hears of a programme's steps: the partner's own users, alliance staff, and (from
// submission) the Allies' delegations who may read its label. Computed inside the transaction.

type Trx = Transaction<Database>;

function noticesTo(
  trx: Trx,
  users: readonly Recipient[],
  programme: ProgrammeRow,
  kind: NotificationKind,
  title: string,
  body: string,
  at: string,
): Promise<NewNotification[]> {
  const subject = { type: "programme", id: programme.id };
  return noticesFor(trx, users, { kind, subject, title, body, labelId: programme.label_id }, at);
}

/** Notices to the partner's own users (role partner, of the programme's nation). */
export async function noticesToPartner(
  trx: Trx,
  programme: ProgrammeRow,
  kind: NotificationKind,
  title: string,
  body: string,
  at: string,
): Promise<NewNotification[]> {
  const users = await findRecipients(trx, { roles: ["partner"], nations: [programme.nation_code] });
  return noticesTo(trx, users, programme, kind, title, body, at);
}

/** Notices to alliance staff (role staff, of an organisation without a nation). */
export async function noticesToStaff(
  trx: Trx,
  programme: ProgrammeRow,
  kind: NotificationKind,
  title: string,
  body: string,
  at: string,
): Promise<NewNotification[]> {
  const users = await findRecipients(trx, { roles: ["staff"], allianceOnly: true });
  return noticesTo(trx, users, programme, kind, title, body, at);
}

/** Notices to the Allies' delegations' users (role delegation) who may read the label. */
export async function noticesToDelegations(
  trx: Trx,
  programme: ProgrammeRow,
  kind: NotificationKind,
  title: string,
  body: string,
  at: string,
): Promise<NewNotification[]> {
  const users = (await findRecipients(trx, { roles: ["delegation"], organisationKind: "delegation" })).filter(
    (u) => u.nation !== programme.nation_code,
  );
  return noticesTo(trx, users, programme, kind, title, body, at);
}
