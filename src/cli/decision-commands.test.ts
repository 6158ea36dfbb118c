import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/support/cli.js";
import { createSeededTestDb, type TestDb, testContext } from "../../test/support/test-db.js";
import { seedDemoIdentity } from "../domain/demo/demo-identity.js";
import { documentStore } from "../domain/documents/documents.js";

// The demo's Japan 2012-2013 IPCP story, read back through the CLI's read-only views.

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createSeededTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "entente-cli-decisions-"));
  await seedDemoIdentity(t.db, documentStore(dir), testContext(t).clock.now());
}, 120_000);
afterAll(async () => {
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => runCliCaptured(testContext(t), ...argv);

describe("entente programmes and decisions", () => {
  it("lists Japan's 2012-2013 IPCP in force", async () => {
    const result = await run("programmes", "list", "--nation", "JPN");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/JPN\s+ipcp\s+2012-01-01\/2013-12-31\s+in-force\s+2\s+/);
    expect(result.out).toContain("1 programme(s).");
  });

  it("lists the register: the demo's procedures, one of them broken", async () => {
    const all = await run("decisions", "list", "--json");
    const register = JSON.parse(all.out) as { decisions: { reference: string; status: string }[]; total: number };
    expect(register.decisions.map((d) => [d.reference, d.status])).toEqual([
      ["DEMO-PO(2011)0455", "adopted"],
      ["DEMO-PO(2011)0412", "silence-broken"],
      ["DEMO-PO(2011)0301", "adopted"],
      ["DEMO-PO(2010)0031", "adopted"],
    ]);
    const broken = await run("decisions", "list", "--status", "silence-broken");
    expect(broken.out).toMatch(
      /DEMO-PO\(2011\)0412\s+2011-11-16\s+silence\s+silence-broken\s+Silence broken by Norway/,
    );
    expect(broken.out).toContain("1 decision(s).");
  });

  it("names the field of a bad filter", async () => {
    const result = await run("decisions", "list", "--status", "maybe");
    expect(result.code).toBe(2);
    expect(result.err).toContain("status");
  });
});
