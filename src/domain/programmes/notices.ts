import type { Transaction } from "kysely";
import type { ClearanceCode, Database, NotificationKind, Role } from "../../db/schema.js";
import { canRead, getLabel } from "../labels/labels.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import type { ProgrammeRow } from "./rules.js";

// Who hears of a programme's steps: the partner's own users, alliance staff, and (from
// submission) the Allies' delegations who may read its label. Computed inside the transaction.

type Trx = Transaction<Database>;

type Recipient = {
  id: string;
  username: string;
  organisation: string;
  nation: string | null;
  clearance: ClearanceCode;
};

/** Active users with one of `roles`, optionally only of organisations of `kind` / of `nation`. */
async function usersWith(
  trx: Trx,
  roles: readonly Role[],
  where: { nation?: string; kind?: "delegation" | "alliance-staff" } = {},
): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom("app_user")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.clearance",
      "organisation.name as organisation",
      "organisation.nation_code as nation",
    ])
    .where("app_user.disabled", "=", 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_role")
          .select("user_role.user_id")
          .whereRef("user_role.user_id", "=", "app_user.id")
          .where("user_role.role", "in", roles),
      ),
    )
    .$if(where.nation !== undefined, (q) => q.where("organisation.nation_code", "=", where.nation ?? ""))
    .$if(where.kind !== undefined, (q) => q.where("organisation.kind", "=", where.kind ?? "delegation"))
    .orderBy("app_user.username")
    .execute();
  return rows;
}

const viewerOfRecipient = (r: Recipient): Viewer =>
  Object.freeze({
    userId: r.id,
    username: r.username,
    organisation: r.organisation,
    nation: r.nation,
    isAlliance: r.nation === null,
    clearanceRank: rankOf(r.clearance),
    roles: [] as readonly Role[],
  });

/** Keeps only the recipients who may read the programme's label today (never another partner). */
async function readers(trx: Trx, programme: ProgrammeRow, users: Recipient[], at: string): Promise<Recipient[]> {
  const label = await getLabel(trx, programme.label_id);
  const kept: Recipient[] = [];
  for (const u of users) if (await canRead(trx, viewerOfRecipient(u), label, at)) kept.push(u);
  return kept;
}

function noticesTo(
  users: readonly Recipient[],
  programme: ProgrammeRow,
  kind: NotificationKind,
  title: string,
  body: string,
): NewNotification[] {
  const seen = new Set<string>();
  return users
    .filter((u) => !seen.has(u.id) && seen.add(u.id))
    .map((u) => ({
      recipient: { userId: u.id },
      kind,
      subject: { type: "programme", id: programme.id },
      title,
      body,
      labelId: programme.label_id,
    }));
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
  const users = await usersWith(trx, ["partner"], { nation: programme.nation_code });
  return noticesTo(await readers(trx, programme, users, at), programme, kind, title, body);
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
  const users = (await usersWith(trx, ["staff"])).filter((u) => u.nation === null);
  return noticesTo(await readers(trx, programme, users, at), programme, kind, title, body);
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
  const users = (await usersWith(trx, ["delegation"], { kind: "delegation" })).filter(
    (u) => u.nation !== programme.nation_code,
  );
  return noticesTo(await readers(trx, programme, users, at), programme, kind, title, body);
}
