import type { Message } from "../../i18n/catalogue.ts";

// English strings of this feature; spread into the one English catalogue (i18n/en.ts).
export const accessRequestMessages = {
  "accessRequests.title": "Access requests",
} as const satisfies Record<string, Message>;
