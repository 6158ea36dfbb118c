import type { Db } from "../../db/connect.js";
import type { TSource } from "./sources.schema.js";

/** The sources the reference data cites; a citation `id#pN` points at paragraph N of source `id`. */
export async function listSources(db: Db): Promise<TSource[]> {
  return db.selectFrom("source").selectAll().orderBy("id").execute();
}
