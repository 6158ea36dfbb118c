import type { Transaction } from "kysely";
import type { Config } from "../../config.js";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { Viewer } from "../labels/viewer.js";
import type { TUserView } from "./identity.schema.js";
import { hashToken, newSecretToken } from "./secrets.js";
import { getUser } from "./users.js";

export type SessionConfig = Config["session"];

/** Opens a server-side session; returns the bearer token (the database keeps only its hash). */
export async function createSession(
  trx: Transaction<Database>,
  userId: string,
  options: { mfaVerified: boolean; userAgent: string | null },
  now: Date,
  config: SessionConfig,
): Promise<string> {
  const token = newSecretToken();
  await trx
    .insertInto("user_session")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + config.maxHours * 3600_000).toISOString(),
      mfa_verified: options.mfaVerified ? 1 : 0,
      user_agent: options.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return token;
}

export type ResolvedSession = { user: TUserView; mfaVerified: boolean; sessionId: string };

/**
 * The session a token stands for, if it is still valid: not past its absolute expiry, not idle
 * longer than allowed, and its user not disabled. Expired sessions are deleted on sight.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  config: SessionConfig,
): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const session = await db
    .selectFrom("user_session")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!session) return null;
  const idleLimit = new Date(now.getTime() - config.idleMinutes * 60_000).toISOString();
  if (session.expires_at <= now.toISOString() || session.last_seen_at < idleLimit) {
    await db.deleteFrom("user_session").where("token_hash", "=", tokenHash).execute();
    return null;
  }
  const user = await getUser(db, session.user_id);
  if (user.disabled) return null;
  // Touch at most once a minute: idle tracking without a write per request.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await db
      .updateTable("user_session")
      .set({ last_seen_at: now.toISOString() })
      .where("token_hash", "=", tokenHash)
      .execute();
  }
  return { user, mfaVerified: session.mfa_verified === 1, sessionId: tokenHash.slice(0, 16) };
}

export async function endSession(db: Db | Transaction<Database>, token: string): Promise<void> {
  await db.deleteFrom("user_session").where("token_hash", "=", hashToken(token)).execute();
}

export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  /** The session the request itself came with. */
  current: boolean;
};

export async function listSessions(db: Db, userId: string, currentToken: string | null = null): Promise<SessionView[]> {
  const currentHash = currentToken ? hashToken(currentToken) : null;
  const rows = await db
    .selectFrom("user_session")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((s) => ({
    id: s.token_hash.slice(0, 16),
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    userAgent: s.user_agent,
    current: s.token_hash === currentHash,
  }));
}

/** Ends one of the actor's own sessions by its short id. */
export async function endSessionById(db: Db, actor: Viewer, id: string, now: Date): Promise<void> {
  const prefix = id.replace(/[^0-9a-f]/g, "");
  if (prefix.length < 16) throw notFound("session", id);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("user_session")
      .where("user_id", "=", actor.userId ?? "")
      .where("token_hash", "like", `${prefix}%`)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound("session", id);
    await recordAuditEvent(
      trx,
      { actor, action: "session.end", objectType: "session", objectId: prefix, outcome: "success" },
      now,
    );
  });
}
