// EXPLAIN of the queries the menu's read endpoints really run, on either engine: the domain
// functions are called through a Kysely plugin that records each compiled query, and each
// recorded query is then explained with its own parameters (EXPLAIN ANALYZE on PostgreSQL,
// EXPLAIN QUERY PLAN on SQLite). Used by bench/menu.ts --explain.
import { CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import { type Db, engineOf } from "../src/db/connect.js";

/** Runs `fn` with a handle that records every query it sends, then explains each recorded query. */
export async function explainQueries(db: Db, fn: (recording: Db) => Promise<unknown>): Promise<string> {
  const recorded: CompiledQuery[] = [];
  const executor = db.getExecutor();
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      const node: RootOperationNode = args.node;
      recorded.push(executor.compileQuery(node, args.queryId));
      return node;
    },
    transformResult: async (args): Promise<QueryResult<UnknownRow>> => args.result,
  };
  await fn(db.withPlugin(recorder));
  const postgres = engineOf(db) === "postgres";
  const out: string[] = [];
  for (const query of recorded) {
    if (!/^\s*select/i.test(query.sql)) continue;
    const prefix = postgres ? "explain (analyze, costs off, timing on) " : "explain query plan ";
    // Subqueries built on the recording handle are recorded too; alone they do not run: skip them.
    const result = await db
      .executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${prefix}${query.sql}`, [...query.parameters]))
      .catch(() => null);
    if (result === null) continue;
    const plan = result.rows.map((r) => (postgres ? String(r["QUERY PLAN"]) : `${String(r.detail)}`));
    out.push(`-- ${query.sql.slice(0, 160).replace(/\s+/g, " ")}…`, ...plan.map((l) => `   ${l}`));
  }
  return out.join("\n");
}
