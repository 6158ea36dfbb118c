import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import type { Role } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { CLASSIFICATIONS } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { parseInput } from "../shared/validation.js";
import { type TCreateUser, type TUserView, ZCreateUser, ZPassword } from "./identity.schema.js";
import { hashPassword } from "./passwords.js";

async function loadUserRows(db: Db, where: { id?: string; username?: string }) {
  let select = db
    .selectFrom("app_user")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.display_name",
      "app_user.clearance",
      "app_user.is_poc",
      "app_user.email",
      "app_user.disabled",
      "app_user.totp_enabled",
      "app_user.created_at",
      "organisation.id as organisation_id",
      "organisation.name as organisation_name",
      "organisation.kind as organisation_kind",
      "organisation.nation_code",
    ])
    .orderBy("app_user.username");
  if (where.id) select = select.where("app_user.id", "=", where.id);
  if (where.username) select = select.where("app_user.username", "=", where.username);
  const rows = await select.execute();
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom("user_role")
    .selectAll()
    .where(
      "user_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map(
    (r): TUserView => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        nation: r.nation_code,
        kind: r.organisation_kind,
      },
      clearance: r.clearance,
      roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
      isPointOfContact: r.is_poc === 1,
      email: r.email,
      disabled: r.disabled === 1,
      totpEnabled: r.totp_enabled === 1,
      createdAt: r.created_at,
    }),
  );
}

export async function listUsers(db: Db): Promise<TUserView[]> {
  return loadUserRows(db, {});
}

export async function getUser(db: Db, id: string): Promise<TUserView> {
  const [user] = await loadUserRows(db, { id });
  if (!user) throw notFound("user", id);
  return user;
}

export async function findUserByUsername(db: Db, username: string): Promise<TUserView | undefined> {
  return (await loadUserRows(db, { username: username.toLowerCase() }))[0];
}

/** The access subject for a user: nation and clearance from its organisation and record. */
export function viewerOf(user: TUserView): Viewer {
  const isAlliance = user.organisation.nation === null;
  return Object.freeze({
    userId: user.id,
    username: user.username,
    organisation: user.organisation.name,
    nation: user.organisation.nation,
    isAlliance,
    clearanceRank: CLASSIFICATIONS.indexOf(user.clearance),
    roles: Object.freeze([...user.roles]) as readonly Role[],
  });
}

/** Creates a user (the password is hashed before the transaction, which stays short). */
export async function createUser(
  db: Db,
  actor: Viewer | null,
  input: TCreateUser | Record<string, unknown>,
  now: Date,
): Promise<TUserView> {
  const parsed = parseInput(ZCreateUser, input);
  const passwordHash = await hashPassword(parsed.password);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx
      .selectFrom("organisation")
      .select(["id", "kind", "nation_code"])
      .where("id", "=", parsed.organisationId)
      .executeTakeFirst();
    if (!organisation) {
      throw new AppError(
        "VALIDATION",
        `Invalid input: organisationId: unknown organisation '${parsed.organisationId}'`,
        {
          fields: [{ field: "organisationId", message: "unknown organisation" }],
        },
      );
    }
    const taken = await trx
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", parsed.username)
      .executeTakeFirst();
    if (taken) throw new AppError("CONFLICT", `The username '${parsed.username}' is taken`, { field: "username" });
    await trx
      .insertInto("app_user")
      .values({
        id,
        username: parsed.username,
        display_name: parsed.displayName,
        organisation_id: organisation.id,
        clearance: parsed.clearance,
        is_poc: parsed.isPointOfContact ? 1 : 0,
        email: parsed.email ?? null,
        password_hash: passwordHash,
        disabled: 0,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto("user_role")
      .values([...new Set(parsed.roles)].map((role) => ({ user_id: id, role })))
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "user.create",
        objectType: "user",
        objectId: id,
        outcome: "success",
        details: { username: parsed.username, roles: parsed.roles },
      },
      now,
    );
  });
  return getUser(db, id);
}

/** Disables a user and ends all its sessions and API tokens, in one transaction. */
export async function disableUser(db: Db, actor: Viewer | null, userId: string, now: Date): Promise<TUserView> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable("app_user").set({ disabled: 1 }).where("id", "=", userId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("user", userId);
    await trx.deleteFrom("user_session").where("user_id", "=", userId).execute();
    await trx
      .updateTable("api_token")
      .set({ revoked_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
    await recordAuditEvent(
      trx,
      { actor, action: "user.disable", objectType: "user", objectId: userId, outcome: "success" },
      now,
    );
  });
  return getUser(db, userId);
}

/** Sets a new password and ends the user's sessions. */
export async function resetPassword(
  db: Db,
  actor: Viewer | null,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const hash = await hashPassword(parseInput(ZPassword, password));
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("app_user")
      .set({ password_hash: hash })
      .where("id", "=", userId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("user", userId);
    await trx.deleteFrom("user_session").where("user_id", "=", userId).execute();
    await recordAuditEvent(
      trx,
      { actor, action: "user.reset-password", objectType: "user", objectId: userId, outcome: "success" },
      now,
    );
  });
}
