import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/support/cli.js";
import { createSeededTestDb, type TestDb, testContext } from "../../test/support/test-db.js";
import { ensureAdministrator } from "../domain/demo/demo-identity.js";
import { resolveApiToken } from "../domain/identity/api-tokens.js";
import { login } from "../domain/identity/login.js";
import { createOrganisation } from "../domain/identity/organisations.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const run = (...argv: string[]) => runCliCaptured(testContext(t), ...argv);

const now = () => new Date();
const tryLogin = (username: string, password: string) =>
  login(t.db, { username, password }, { now: now(), config: t.config, userAgent: null });

describe("entente users, tokens, audit", () => {
  it("first run creates one administrator with a printed random password, once", async () => {
    const first = await ensureAdministrator(t.db, now());
    expect(first?.username).toBe("admin");
    expect(first?.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await ensureAdministrator(t.db, now())).toBeNull();
    const result = await tryLogin("admin", first?.password ?? "");
    expect(result.stage).toBe("totp-enrolment-required");
  });

  it("creates, lists, resets and disables users; passwords are generated and shown once", async () => {
    await createOrganisation(t.db, null, { name: "Mission of Japan to NATO", kind: "mission", nation: "JPN" }, now());
    const created = await run(
      "users",
      "create",
      "kenji",
      "--name",
      "Kenji S.",
      "--organisation",
      "Mission of Japan to NATO",
      "--clearance",
      "NR",
      "--roles",
      "partner",
      "--poc",
    );
    expect(created.code, created.err).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(created.out)?.[1] ?? "";
    expect((await tryLogin("kenji", password)).stage).toBe("authenticated");
    expect((await run("users", "list")).out).toContain("kenji");

    const reset = await run("users", "reset-password", "kenji");
    const fresh = /: (\S+)$/.exec(reset.out)?.[1] ?? "";
    await expect(tryLogin("kenji", password)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await tryLogin("kenji", fresh)).stage).toBe("authenticated");

    const token = await run("tokens", "create", "kenji", "--name", "script", "--json");
    const { id, token: secret } = JSON.parse(token.out) as { id: string; token: string };
    expect((await resolveApiToken(t.db, secret, now()))?.username).toBe("kenji");
    expect((await run("tokens", "revoke", id)).code).toBe(0);
    expect(await resolveApiToken(t.db, secret, now())).toBeNull();

    expect((await run("users", "disable", "kenji")).code).toBe(0);
    await expect(tryLogin("kenji", fresh)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Invalid username or password",
    });
  });

  it("refuses bad input with exit code 2 naming the field", async () => {
    const bad = await run(
      "users",
      "create",
      "x",
      "--organisation",
      "Mission of Japan to NATO",
      "--clearance",
      "TOP",
      "--roles",
      "partner",
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/username|clearance/);
    expect((await run("users", "frobnicate")).code).toBe(2);
  });

  it("keeps a user's e-mail address for notices, and names the field when it is not one", async () => {
    const args = (email: string, username: string) =>
      [
        "users",
        "create",
        username,
        "--name",
        "Aiko T.",
        "--organisation",
        "Mission of Japan to NATO",
        "--clearance",
        "NR",
        "--roles",
        "partner",
        "--email",
        email,
      ] as const;
    const bad = await run(...args("not-an-address", "aiko"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/email: must be an e-mail address/);
    const good = await run(...args("Aiko.T@Mission.example", "aiko"));
    expect(good.code, good.err).toBe(0);
    const listed = JSON.parse((await run("users", "list", "--json")).out) as {
      username: string;
      email: string | null;
    }[];
    expect(listed.find((u) => u.username === "aiko")?.email).toBe("aiko.t@mission.example");
    expect(listed.find((u) => u.username === "kenji")?.email).toBeNull();
  });

  it("verifies the audit chain, and names the first broken link after a row is edited by hand", async () => {
    const intact = await run("audit", "verify");
    expect(intact.code).toBe(0);
    expect(intact.out).toContain("intact");
    const exported = await run("audit", "export");
    expect(exported.out.split("\n").length).toBeGreaterThan(5);
    await sql`update audit_event set action = 'user.create' where seq = 3`.execute(t.db);
    const broken = await run("audit", "verify");
    expect(broken.code).not.toBe(0);
    expect(broken.out).toContain("BROKEN at event 3");
  });
});
