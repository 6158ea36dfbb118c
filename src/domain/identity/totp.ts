import { randomBytes, randomUUID } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import type { Transaction } from "kysely";
import QRCode from "qrcode";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { Viewer } from "../labels/viewer.js";
import { hashToken } from "./secrets.js";

// RFC 6238 TOTP: 30-second steps, 6 digits, SHA-1 (what authenticator apps expect).
const STEP_SECONDS = 30;
const DIGITS = 6;
const ISSUER = "Entente";

export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

export function totpCodeAt(secretBase32: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secretBase32), BigInt(step), DIGITS);
}

/**
 * The step a code belongs to (now, or one step either side for clock drift), or null.
 * A code whose step is not after `lastUsedStep` is refused: a used code cannot be reused.
 */
export function matchTotp(secretBase32: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  const current = stepAt(now);
  for (const step of [current, current - 1, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (totpCodeAt(secretBase32, step) === code) return step;
  }
  return null;
}

export type TotpEnrolment = { secret: string; uri: string; qrSvg: string };

/** Starts (or restarts) enrolment: a new pending secret; the current factor stays on until a code confirms the new one. */
export async function startTotpEnrolment(db: Db, actor: Viewer, now: Date): Promise<TotpEnrolment> {
  const userId = actor.userId ?? "";
  const secret = encodeBase32UpperCaseNoPadding(randomBytes(20));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("app_user").set({ totp_pending_secret: secret }).where("id", "=", userId).execute();
    await recordAuditEvent(
      trx,
      { actor, action: "totp.start-enrolment", objectType: "user", objectId: userId, outcome: "success" },
      now,
    );
  });
  const uri = createTOTPKeyURI(
    ISSUER,
    actor.username ?? userId,
    decodeBase32IgnorePadding(secret),
    STEP_SECONDS,
    DIGITS,
  );
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/** Confirms enrolment with a first code; returns ten recovery codes, shown once. */
export async function confirmTotpEnrolment(
  trx: Transaction<Database>,
  actor: Viewer,
  code: string,
  now: Date,
): Promise<string[]> {
  const userId = actor.userId ?? "";
  const row = await trx
    .selectFrom("app_user")
    .select(["totp_pending_secret"])
    .where("id", "=", userId)
    .executeTakeFirst();
  const pending = row?.totp_pending_secret;
  if (!pending) throw new AppError("INVALID_STATE", "Start the enrolment first");
  const step = matchTotp(pending, code, now, null);
  if (step === null) {
    throw new AppError("VALIDATION", "Invalid input: code: the code does not match", {
      fields: [{ field: "code", message: "does not match" }],
    });
  }
  await trx
    .updateTable("app_user")
    .set({ totp_secret: pending, totp_pending_secret: null, totp_enabled: 1, totp_last_step: step })
    .where("id", "=", userId)
    .execute();
  await trx.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(10).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5, 10)}`;
  });
  await trx
    .insertInto("recovery_code")
    .values(
      codes.map((c) => ({ id: randomUUID(), user_id: userId, code_hash: hashToken(c.toLowerCase()), used_at: null })),
    )
    .execute();
  await recordAuditEvent(
    trx,
    { actor, action: "totp.enrol", objectType: "user", objectId: userId, outcome: "success" },
    now,
  );
  return codes;
}

/** Checks a second factor (TOTP code or unused recovery code) and consumes it. */
export async function consumeSecondFactor(
  trx: Transaction<Database>,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const row = await trx
    .selectFrom("app_user")
    .select(["totp_secret", "totp_enabled", "totp_last_step"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row?.totp_secret || row.totp_enabled !== 1) return false;
  if (/^\d{6}$/.test(code)) {
    const step = matchTotp(row.totp_secret, code, now, row.totp_last_step);
    if (step === null) return false;
    // Conditional update: two requests racing with the same code cannot both succeed.
    const updated = await trx
      .updateTable("app_user")
      .set({ totp_last_step: step })
      .where("id", "=", userId)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }
  const used = await trx
    .updateTable("recovery_code")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashToken(code.toLowerCase()))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}
