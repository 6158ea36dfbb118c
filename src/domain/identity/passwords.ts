import { hash, verify } from "@node-rs/argon2";

// OWASP: argon2id with m >= 19 MiB, t >= 2, p = 1. Hashes with weaker parameters are
// re-hashed on the next successful login.
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** Verifies, and says whether the stored hash should be replaced by one with current parameters. */
export async function verifyPassword(stored: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  let ok = false;
  try {
    ok = await verify(stored, password);
  } catch {
    ok = false;
  }
  return { ok, needsRehash: ok && !isCurrent(stored) };
}

function isCurrent(stored: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return false;
  return Number(match[1]) >= PARAMS.memoryCost && Number(match[2]) >= PARAMS.timeCost;
}

let dummy: Promise<string> | undefined;
/** Spends the same work as a real verification, for unknown usernames (no timing oracle). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("entente-dummy-password");
  await verifyPassword(await dummy, password);
}
