import type { Selectable, Transaction } from "kysely";
import type { ClearanceCode, Database, DecisionTable, NotificationKind, Role } from "../../db/schema.js";
import { canRead, getLabel } from "../labels/labels.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { listAlliesAt } from "./allies.js";

// Who hears of a decision: the users (role 'delegation') of the delegations of the Allies as of
// the decision date, and alliance staff; each only if they may read the decision's label today.

type Trx = Transaction<Database>;
type DecisionRow = Selectable<DecisionTable>;

type Recipient = {
  id: string;
  username: string;
  clearance: ClearanceCode;
  nation: string | null;
  organisation: string;
  roles: Role[];
};

async function usersWithRole(trx: Trx, role: Role, nations?: readonly string[]): Promise<Recipient[]> {
  if (nations !== undefined && nations.length === 0) return [];
  const rows = await trx
    .selectFrom("app_user")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .innerJoin("user_role", "user_role.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.clearance",
      "organisation.nation_code",
      "organisation.name as organisation",
      "organisation.kind",
    ])
    .where("app_user.disabled", "=", 0)
    .where("user_role.role", "=", role)
    .$if(nations !== undefined, (q) =>
      q.where("organisation.kind", "=", "delegation").where("organisation.nation_code", "in", nations ?? []),
    )
    .orderBy("app_user.username")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    clearance: r.clearance,
    nation: r.nation_code,
    organisation: r.organisation,
    roles: [role],
  }));
}

const viewerOfRecipient = (r: Recipient): Viewer =>
  Object.freeze({
    userId: r.id,
    username: r.username,
    organisation: r.organisation,
    nation: r.nation,
    isAlliance: r.nation === null,
    clearanceRank: rankOf(r.clearance),
    roles: r.roles,
  });

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
  const label = await getLabel(trx, decision.label_id);
  const recipients: Recipient[] = [];
  if (audience.delegations) {
    recipients.push(...(await usersWithRole(trx, "delegation", await listAlliesAt(trx, decision.decision_date))));
  }
  if (audience.staff) recipients.push(...(await usersWithRole(trx, "staff")));
  const today = now.toISOString().slice(0, 10);
  const seen = new Set<string>();
  const notices: NewNotification[] = [];
  for (const recipient of recipients) {
    if (seen.has(recipient.id)) continue;
    seen.add(recipient.id);
    if (!(await canRead(trx, viewerOfRecipient(recipient), label, today))) continue;
    notices.push({
      recipient: { userId: recipient.id },
      kind,
      subject: { type: "decision", id: decision.id },
      title: text.title,
      body: text.body,
      labelId: decision.label_id,
    });
  }
  return notices;
}
