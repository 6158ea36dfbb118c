import { userInfo } from "node:os";
import type { Viewer } from "../domain/labels/viewer.js";

/** The CLI acts as the operator of the machine: recorded in the audit trail under that name. */
export function cliActor(): Viewer {
  return Object.freeze({
    userId: null,
    username: `cli:${userInfo().username}`,
    organisation: null,
    nation: null,
    isAlliance: true,
    clearanceRank: 4,
    roles: ["admin"],
  } satisfies Viewer);
}

/** The same operator with a user id, for domain functions gated by requireRole (which refuses a null one). */
export function cliAdministrator(): Viewer {
  const actor = cliActor();
  return Object.freeze({ ...actor, userId: actor.username });
}
