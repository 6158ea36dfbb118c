import type { Config } from "../../config.js";
import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent, recordAuditEventAlone } from "../audit/audit.js";
import { parseInput } from "../shared/validation.js";
import { ROLES_REQUIRING_TOTP, type TUserView, ZLogin, ZTotpCode } from "./identity.schema.js";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.js";
import { createSession, endSession, resolveSession } from "./sessions.js";
import { clearLoginFailures, recordLoginFailure, throttleState } from "./throttle.js";
import { confirmTotpEnrolment, consumeSecondFactor } from "./totp.js";
import { findUserByUsername, viewerOf } from "./users.js";

export type LoginStage = "authenticated" | "totp-required" | "totp-enrolment-required";
export type LoginResult = { stage: LoginStage; token: string; user: TUserView };

/** The one answer for every failed login, whatever the cause. */
const FAILED = () => new AppError("UNAUTHENTICATED", "Invalid username or password");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Password login. Unknown user, wrong password and disabled user answer identically, after the
 * same work; repeated failures slow down and then lock the username. A new session token is
 * issued on success; if a second factor is owed, the session grants nothing until it is given.
 */
export async function login(
  db: Db,
  input: unknown,
  context: { now: Date; config: Config; userAgent: string | null },
): Promise<LoginResult> {
  const { username, password } = parseInput(ZLogin, input);
  const key = username.toLowerCase();
  const { now, config } = context;
  const throttle = await throttleState(db, key, now, config.throttle);
  if (throttle.locked) {
    await burnPasswordCheck(password);
    await recordAuditEventAlone(
      db,
      { actor: null, action: "auth.login", outcome: "denied", details: { username: key, reason: "locked" } },
      now,
    );
    throw new AppError(
      "UNAUTHENTICATED",
      "Invalid username or password, or too many attempts: try again later",
    ).markAudited();
  }
  if (throttle.delayMs > 0) await sleep(throttle.delayMs);

  const user = await findUserByUsername(db, key);
  const stored = user
    ? await db.selectFrom("app_user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow()
    : undefined;
  let check = { ok: false, needsRehash: false };
  if (stored) check = await verifyPassword(stored.password_hash, password);
  else await burnPasswordCheck(password);
  if (!user || !check.ok || user.disabled) {
    await db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, key, now, config.throttle);
      await recordAuditEvent(
        trx,
        { actor: null, action: "auth.login", outcome: "denied", details: { username: key } },
        now,
      );
    });
    throw FAILED().markAudited();
  }
  const rehash = check.needsRehash ? await hashPassword(password) : null;
  const needsTotp = user.totpEnabled;
  const mustEnrol =
    !user.totpEnabled && user.roles.some((r) => (ROLES_REQUIRING_TOTP as readonly string[]).includes(r));
  const stage: LoginStage = needsTotp ? "totp-required" : mustEnrol ? "totp-enrolment-required" : "authenticated";
  const token = await db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, key);
    if (rehash) await trx.updateTable("app_user").set({ password_hash: rehash }).where("id", "=", user.id).execute();
    await recordAuditEvent(
      trx,
      { actor: viewerOf(user), action: "auth.login", outcome: "success", details: { stage } },
      now,
    );
    return createSession(
      trx,
      user.id,
      { mfaVerified: stage === "authenticated", userAgent: context.userAgent },
      now,
      config.session,
    );
  });
  return { stage, token, user };
}

/**
 * Completes a login with a TOTP code or recovery code. The pending session is replaced by a
 * new, verified one (a fresh token at each privilege change).
 */
export async function verifySecondFactor(
  db: Db,
  pendingToken: string,
  input: unknown,
  context: { now: Date; config: Config; userAgent: string | null },
): Promise<LoginResult> {
  const { code } = parseInput(ZTotpCode, input);
  const { now, config } = context;
  const session = await resolveSession(db, pendingToken, now, config.session);
  if (!session) throw new AppError("UNAUTHENTICATED", "Log in first");
  const key = `totp:${session.user.id}`;
  const throttle = await throttleState(db, key, now, config.throttle);
  if (throttle.locked) throw new AppError("UNAUTHENTICATED", "Too many attempts: try again later");
  if (throttle.delayMs > 0) await sleep(throttle.delayMs);
  const actor = viewerOf(session.user);
  const result = await db.transaction().execute(async (trx) => {
    const ok = await consumeSecondFactor(trx, session.user.id, code, now);
    if (!ok) return null;
    await clearLoginFailures(trx, key);
    await endSession(trx, pendingToken);
    await recordAuditEvent(trx, { actor, action: "auth.second-factor", outcome: "success" }, now);
    return createSession(
      trx,
      session.user.id,
      { mfaVerified: true, userAgent: context.userAgent },
      now,
      config.session,
    );
  });
  if (result === null) {
    await db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, key, now, config.throttle);
      await recordAuditEvent(trx, { actor, action: "auth.second-factor", outcome: "denied" }, now);
    });
    throw new AppError("VALIDATION", "Invalid input: code: the code is wrong or was already used", {
      fields: [{ field: "code", message: "is wrong or was already used" }],
    }).markAudited();
  }
  return { stage: "authenticated", token: result, user: session.user };
}

/** Ends the session (if any) on the server; always one audit event. */
export async function logout(db: Db, token: string | null, now: Date, config: Config): Promise<void> {
  const session = token ? await resolveSession(db, token, now, config.session) : null;
  await db.transaction().execute(async (trx) => {
    if (token) await endSession(trx, token);
    const actor = session ? viewerOf(session.user) : null;
    await recordAuditEvent(
      trx,
      { actor, action: "auth.logout", outcome: "success", details: { hadSession: session !== null } },
      now,
    );
  });
}

/**
 * Confirms TOTP enrolment with a first code: the factor becomes active, recovery codes are
 * issued (shown once), and the session is replaced by a verified one.
 */
export async function completeTotpEnrolment(
  db: Db,
  token: string,
  input: unknown,
  context: { now: Date; config: Config; userAgent: string | null },
): Promise<{ token: string; recoveryCodes: string[]; user: TUserView }> {
  const { code } = parseInput(ZTotpCode, input);
  const session = await resolveSession(db, token, context.now, context.config.session);
  if (!session) throw new AppError("UNAUTHENTICATED", "Log in first");
  if (session.user.totpEnabled && !session.mfaVerified)
    throw new AppError("INVALID_STATE", "Give your current code first");
  const result = await db.transaction().execute(async (trx) => {
    const recoveryCodes = await confirmTotpEnrolment(trx, viewerOf(session.user), code, context.now);
    await endSession(trx, token);
    const fresh = await createSession(
      trx,
      session.user.id,
      { mfaVerified: true, userAgent: context.userAgent },
      context.now,
      context.config.session,
    );
    return { token: fresh, recoveryCodes };
  });
  return { ...result, user: { ...session.user, totpEnabled: true } };
}
