import { z } from "zod";
import type { Db } from "../../db/connect.js";

export const ZSource = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  reliability: z.enum(["primary", "secondary", "weak"]),
  note: z.string().nullable(),
});
export type TSource = z.infer<typeof ZSource>;

/** The sources the reference data cites; a citation `id#pN` points at paragraph N of source `id`. */
export async function listSources(db: Db): Promise<TSource[]> {
  return db.selectFrom("source").selectAll().orderBy("id").execute();
}
