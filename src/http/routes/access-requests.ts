import type { AppContext } from "../../context.js";
import type { ZodApp } from "../types.js";

export function registerAccessRequestRoutes(_app: ZodApp, _ctx: AppContext): void {}
