import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";
import type { TListNationsQuery, TNation } from "./nations.schema.js";

const columns = ["code", "numeric_code", "name", "kind"] as const;

type NationRow = { code: string; numeric_code: string | null; name: string; kind: "state" | "organisation" };

function presentNation(row: NationRow): TNation {
  return { code: row.code, numericCode: row.numeric_code, name: row.name, kind: row.kind };
}

/** Nations and organisations, by name; `q` matches code or name, case-insensitively. */
export async function listNations(db: Db, query: TListNationsQuery = {}): Promise<TNation[]> {
  let select = db.selectFrom("nation").select(columns).orderBy("name");
  if (query.kind) select = select.where("kind", "=", query.kind);
  if (query.q) {
    const like = `%${query.q.toLowerCase()}%`;
    select = select.where((eb) =>
      eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb(eb.fn("lower", ["code"]), "like", like)]),
    );
  }
  return (await select.execute()).map(presentNation);
}

/** One nation or organisation; NOT_FOUND naming the code otherwise. */
export async function getNation(db: Db, code: string): Promise<TNation> {
  const row = await db.selectFrom("nation").select(columns).where("code", "=", code).executeTakeFirst();
  if (!row) throw notFound("nation", code);
  return presentNation(row);
}
