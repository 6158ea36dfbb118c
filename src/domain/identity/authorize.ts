import type { Db } from "../../db/connect.js";
import type { Role } from "../../db/schema.js";
import { AppError, type AppErrorDetails } from "../../errors.js";
import { type AuditInput, recordAuditEventAlone } from "../audit/audit.js";
import { hasRole, type Viewer } from "../labels/viewer.js";

/** The alliance staff's roles: they run the workflows (put to the Council, accept offers, plan meetings). */
export const STAFF_ROLES: readonly Role[] = ["staff", "admin"];

/** Holds a staff role (what staff see and may do beyond their labels is decided with this). */
export const isStaff = (viewer: Viewer): boolean => hasRole(viewer, ...STAFF_ROLES);

/**
 * Role gate for an action. A refusal is audited (its own transaction, since the action's
 * transaction never starts) and thrown as FORBIDDEN, or UNAUTHENTICATED for anonymous viewers.
 */
export async function requireRole(db: Db, actor: Viewer, action: string, roles: readonly Role[], now: Date) {
  if (actor.userId !== null && hasRole(actor, ...roles)) return;
  await refuse(db, actor, { action, details: { requiredRoles: roles } }, `Your role does not allow '${action}'`, now);
}

/**
 * THE refusal of an action the actor may not take: audited as denied in its own transaction
 * (the action's never starts), then FORBIDDEN with `message`, or UNAUTHENTICATED for the
 * anonymous. Rules finer than a role (a partner acting for its own nation, an Ally as of a
 * date) decide, then call this.
 */
export async function refuse(
  db: Db,
  actor: Viewer,
  event: Omit<AuditInput, "actor" | "outcome">,
  message: string,
  now: Date,
  /** The error's details; null for none. */
  details: AppErrorDetails | null = { action: event.action },
): Promise<never> {
  await recordAuditEventAlone(db, { ...event, actor, outcome: "denied" }, now);
  if (actor.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first").markAudited();
  throw new AppError("FORBIDDEN", message, details ?? undefined).markAudited();
}
