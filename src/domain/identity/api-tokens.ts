import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { Viewer } from "../labels/viewer.js";
import { parseInput } from "../shared/validation.js";
import { type TUserView, ZCreateApiToken } from "./identity.schema.js";
import { hashToken, newSecretToken } from "./secrets.js";
import { getUser } from "./users.js";

const PREFIX = "ent_";

export type ApiTokenView = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Creates a token for the actor's own scripts. The secret is returned once and never stored. */
export async function createApiToken(db: Db, actor: Viewer, input: unknown, now: Date) {
  const { name } = parseInput(ZCreateApiToken, input);
  const token = newSecretToken(PREFIX);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("api_token")
      .values({
        id,
        user_id: actor.userId ?? "",
        name,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAuditEvent(
      trx,
      { actor, action: "token.create", objectType: "api-token", objectId: id, outcome: "success", details: { name } },
      now,
    );
  });
  return { id, name, token };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenView[]> {
  const rows = await db
    .selectFrom("api_token")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the actor's tokens (admins may revoke anyone's). */
export async function revokeApiToken(db: Db, actor: Viewer, id: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable("api_token")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("revoked_at", "is", null);
    if (!actor.roles.includes("admin")) update = update.where("user_id", "=", actor.userId ?? "");
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("token", id);
    await recordAuditEvent(
      trx,
      { actor, action: "token.revoke", objectType: "api-token", objectId: id, outcome: "success" },
      now,
    );
  });
}

/** The user an API token acts for, if the token is valid and its user enabled. */
export async function resolveApiToken(db: Db, token: string, now: Date): Promise<TUserView | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db
    .selectFrom("api_token")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const user = await getUser(db, row.user_id);
  if (user.disabled) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable("api_token").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute();
  }
  return user;
}
