import type { Db } from "../../db/connect.js";
import type { Role } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEventAlone } from "../audit/audit.js";
import { hasRole, type Viewer } from "../labels/viewer.js";

/**
 * Role gate for an action. A refusal is audited (its own transaction, since the action's
 * transaction never starts) and thrown as FORBIDDEN, or UNAUTHENTICATED for anonymous viewers.
 */
export async function requireRole(db: Db, actor: Viewer, action: string, roles: readonly Role[], now: Date) {
  if (actor.userId !== null && hasRole(actor, ...roles)) return;
  await recordAuditEventAlone(db, { actor, action, outcome: "denied", details: { requiredRoles: roles } }, now);
  if (actor.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first").markAudited();
  throw new AppError("FORBIDDEN", `Your role does not allow '${action}'`, { action }).markAudited();
}
