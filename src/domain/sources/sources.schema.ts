import { z } from "zod";

export const ZSource = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  reliability: z.enum(["primary", "secondary", "weak"]),
  note: z.string().nullable(),
});
export type TSource = z.infer<typeof ZSource>;
