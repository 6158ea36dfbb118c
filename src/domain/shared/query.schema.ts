import { z } from "zod";

/** A yes/no query parameter: "true"/"false" in a query string, a boolean once parsed (or from code). */
export const ZQueryFlag = z.union(
  [z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")],
  "must be true or false",
);
