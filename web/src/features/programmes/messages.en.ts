import type { Message } from "../../i18n/catalogue.ts";

// English strings of this feature; spread into the one English catalogue (i18n/en.ts).
export const programmeMessages = {
  "nav.programmes": "Programmes",
} as const satisfies Record<string, Message>;
