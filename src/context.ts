import type { Config } from "./config.js";
import { type Db, openDatabase } from "./db/connect.js";

export type Clock = { today(): string; now(): Date };

/** Everything a transport needs, built once at start and passed explicitly. */
export type AppContext = Readonly<{
  config: Config;
  db: Db;
  clock: Clock;
}>;

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

export function createContext(config: Config, clock: Clock = systemClock): AppContext {
  return Object.freeze({ config, db: openDatabase(config.database), clock });
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.db.destroy();
}
