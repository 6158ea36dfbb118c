// The reports API's types, taken type-only from the backend's Zod schemas.
export type { TBriefing as Briefing } from "../../../../src/domain/reports/reports.schema.ts";
