import type { Role } from "../../api/types.ts";

/** Who may upload documents (the API decides; this only hides the way in from others). */
export const UPLOADERS: readonly Role[] = ["admin", "staff", "hq"];
