import type { Role } from "../../db/schema.js";
import { CLASSIFICATIONS, type TClassification } from "./labels.schema.js";

/**
 * Who is asking: the subject of every access decision. `nation` is the nation of the user's
 * organisation; alliance staff and commands have none and `isAlliance` set.
 */
export type Viewer = Readonly<{
  userId: string | null;
  username: string | null;
  organisation: string | null;
  nation: string | null;
  isAlliance: boolean;
  clearanceRank: number;
  roles: readonly Role[];
}>;

/** Someone not logged in: sees PUBLIC information only. */
export const ANONYMOUS: Viewer = Object.freeze({
  userId: null,
  username: null,
  organisation: null,
  nation: null,
  isAlliance: false,
  clearanceRank: 0,
  roles: [],
});

export function rankOf(classification: TClassification): number {
  return CLASSIFICATIONS.indexOf(classification);
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return roles.some((r) => viewer.roles.includes(r));
}
