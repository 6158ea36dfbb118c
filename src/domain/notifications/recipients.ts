import type { Transaction } from "kysely";
import type { ClearanceCode, Database, OrganisationTable, Role } from "../../db/schema.js";
import { getLabel, labelReader } from "../labels/labels.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import type { NewNotification } from "./notifications.js";

// Who is told of a change: active users chosen by role, nation and organisation kind, kept only
// if they may read the label of what they are told about. The one way every module addresses
// its notices to users (inside the change's transaction).

type Trx = Transaction<Database>;

export type Recipient = Readonly<{
  id: string;
  username: string;
  organisation: string;
  nation: string | null;
  clearance: ClearanceCode;
  roles: readonly Role[];
}>;

export type RecipientQuery = Readonly<{
  /** Users holding any of these roles. */
  roles: readonly Role[];
  /** Only users of organisations of these nations (an empty list finds nobody). */
  nations?: readonly string[];
  organisationKind?: OrganisationTable["kind"];
  /** Only users of the alliance's own organisations (no nation). */
  allianceOnly?: boolean;
}>;

export async function findRecipients(trx: Trx, query: RecipientQuery): Promise<Recipient[]> {
  if (query.nations !== undefined && query.nations.length === 0) return [];
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
          .where("user_role.role", "in", query.roles),
      ),
    )
    .$if(query.nations !== undefined, (q) => q.where("organisation.nation_code", "in", query.nations ?? []))
    .$if(query.organisationKind !== undefined, (q) =>
      q.where("organisation.kind", "=", query.organisationKind ?? "delegation"),
    )
    .$if(query.allianceOnly === true, (q) => q.where("organisation.nation_code", "is", null))
    .orderBy("app_user.username")
    .execute();
  return rows.map((r) => ({ ...r, roles: query.roles }));
}

const viewerOf = (r: Recipient): Viewer =>
  Object.freeze({
    userId: r.id,
    username: r.username,
    organisation: r.organisation,
    nation: r.nation,
    isAlliance: r.nation === null,
    clearanceRank: rankOf(r.clearance),
    roles: r.roles,
  });

/** One notice per distinct recipient who may read `labelId` on `at` (YYYY-MM-DD). */
export async function noticesFor(
  trx: Trx,
  recipients: readonly Recipient[],
  notice: Omit<NewNotification, "recipient">,
  at: string,
): Promise<NewNotification[]> {
  const mayRead = await labelReader(trx, await getLabel(trx, notice.labelId), at);
  const seen = new Set<string>();
  const notices: NewNotification[] = [];
  for (const r of recipients) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (mayRead(viewerOf(r))) notices.push({ ...notice, recipient: { userId: r.id } });
  }
  return notices;
}
