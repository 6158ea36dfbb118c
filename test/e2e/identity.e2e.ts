import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, startJourney } from "./browser.js";
import { JAPAN_SECRET, STAFF_SECRET, totp } from "./totp.js";

// Identity and labelled documents in the built web app, against `serve --demo`: log in as the
// Japanese point of contact with a TOTP code, see exactly the documents released to Japan, meet
// the same "not found" page for a document that exists but is not released to Japan, and read
// the audit trail as the auditor. Debian's Chromium, as in journey.e2e.ts.

// DEMO-PO(2011)0350 is the counter-piracy meeting's agenda note, releasable to its participants;
// DEMO-ISAF-PLAN(2010)01 is for ISAF's recognised contributors, which Japan never was.
const RELEASED_TO_JAPAN = ["PUB(2012)001", "PCM(2012)0001", "SPS-EH(2017)", "IPCP-JPN(2012)", "DEMO-PO(2011)0350"];
const NOT_RELEASED_TO_JAPAN = [
  "DEMO-ISAF-PLAN(2010)01",
  "IPCP-KOR(2012)",
  "ACT-D-75-1",
  "MC-PLAN(2011)07",
  "IS-NOTE(2011)42",
  "ISAF-PM(2010)11",
  "C-M(2012)0014",
];

const journey = startJourney();
const { base, consoleErrors } = journey;
let page: Page;
beforeAll(() => {
  page = journey.page;
});

/** Logs in through the API (outside the browser) and returns the session cookie. */
async function apiSession(username: string, secret: string | null): Promise<string> {
  // Cookie-authenticated writes must look same-origin: the Origin header does that here.
  const headers = { "Content-Type": "application/json", Origin: base() };
  const login = await fetch(`${base()}/api/auth/login`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username, password: `demo-${username}-2026` }),
  });
  expect(login.status).toBe(200);
  let cookie = (login.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  if (secret) {
    const second = await fetch(`${base()}/api/auth/totp`, {
      method: "POST",
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify({ code: totp(secret) }),
    });
    expect(second.status).toBe(200);
    cookie = (second.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  }
  return cookie;
}

async function documentReferences(p: Page): Promise<string[]> {
  return (await p.locator(".documents-table__ref").allTextContents()).map((s) => s.trim());
}

describe("Entente identity and labelled documents", () => {
  it("logs in as Japan's point of contact with a password and a TOTP code", async () => {
    await page.goto(`${base()}/login`);
    await page.getByRole("heading", { level: 1, name: "Log in" }).waitFor();
    // Demo mode: the accounts panel shows the current code of each TOTP account, computed in the browser.
    const demo = page.getByRole("complementary", { name: "Demo accounts" });
    const japanRow = demo.getByRole("row", { name: /partner\.jpn/ });
    await expect
      .poll(async () => ((await japanRow.locator(".totp__code").textContent()) ?? "").replace(/\s/g, ""))
      .toMatch(/^\d{6}$/);
    const shown = ((await japanRow.locator(".totp__code").textContent()) ?? "").replace(/\s/g, "");
    // Right at a step boundary the page and this test may be one step apart.
    expect([totp(JAPAN_SECRET), totp(JAPAN_SECRET, Date.now() - 30_000)]).toContain(shown);
    await page.screenshot({ path: path.join(shots, "identity-login.png"), fullPage: true });

    await page.getByLabel("Username").fill("partner.jpn");
    await page.getByLabel("Password").fill("demo-partner.jpn-2026");
    await page.getByRole("button", { name: "Log in", exact: true }).click();

    const code = page.getByLabel("Security code");
    await code.waitFor();
    await page.getByRole("heading", { level: 2, name: "Two-step verification" }).waitFor();
    await code.fill(totp(JAPAN_SECRET));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(/\/documents$/);

    const account = page.locator(".account");
    await expect.poll(async () => await account.textContent()).toContain("Point of contact, Mission of Japan");
    const header = (await account.textContent()) ?? "";
    expect(header).toContain("Mission of Japan to NATO");
    expect(header).toContain("NATO RESTRICTED");
    await page.getByRole("button", { name: "Log out" }).waitFor();
  });

  it("lists exactly the documents released to Japan, with their labels", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
    await page.getByRole("heading", { level: 1, name: "Documents" }).waitFor();
    await page.locator(".documents-table tbody tr").first().waitFor();
    const references = await documentReferences(page);
    expect([...references].sort()).toEqual([...RELEASED_TO_JAPAN].sort());
    for (const reference of NOT_RELEASED_TO_JAPAN) expect(references).not.toContain(reference);
    // Newest first; every row carries its label badge.
    expect(references).toEqual([
      "SPS-EH(2017)",
      "IPCP-JPN(2012)",
      "PUB(2012)001",
      "PCM(2012)0001",
      "DEMO-PO(2011)0350",
    ]);
    const japanRow = page.getByRole("row", { name: /IPCP-JPN\(2012\)/ });
    expect(await japanRow.locator(".label-badge").textContent()).toContain("NATO RESTRICTED");
    expect(await japanRow.locator(".label-badge").textContent()).toContain("RELEASABLE TO JPN");
    expect(await page.locator(".label-badge--public").count()).toBe(1);
    await page.screenshot({ path: path.join(shots, "identity-documents.png"), fullPage: true });

    // The search narrows the list through the API's q parameter.
    await page.getByLabel("Search documents").fill("IPCP");
    await expect.poll(async () => await documentReferences(page)).toEqual(["IPCP-JPN(2012)"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("IPCP");
    await page.getByLabel("Search documents").fill("");
    await expect.poll(async () => (await documentReferences(page)).length).toBe(5);
  });

  it("shows the same 'not found' page for a document not released to Japan as for a missing one", async () => {
    const cookie = await apiSession("staff", STAFF_SECRET);
    const response = await fetch(`${base()}/api/documents?q=${encodeURIComponent("IPCP-KOR")}`, {
      headers: { Cookie: cookie },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { documents: { id: string; reference: string }[] };
    const korea = body.documents.find((d) => d.reference === "IPCP-KOR(2012)");
    expect(korea).toBeDefined();

    await page.goto(`${base()}/documents/${korea?.id}`);
    await page.getByRole("heading", { level: 1, name: "Document not found" }).waitFor();
    const withheld = (await page.locator("main").textContent()) ?? "";
    expect(withheld).not.toContain("Korea");
    expect(withheld).not.toContain("IPCP-KOR");
    await page.screenshot({ path: path.join(shots, "identity-not-found.png"), fullPage: true });

    await page.goto(`${base()}/documents/00000000-0000-4000-8000-000000000000`);
    await page.getByRole("heading", { level: 1, name: "Document not found" }).waitFor();
    expect(await page.locator("main").textContent()).toBe(withheld);

    // Japan's own draft opens, with its label as a banner.
    await page.goto(`${base()}/documents`);
    await page.getByRole("link", { name: "IPCP-JPN(2012)", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /Japan \(draft\)/ }).waitFor();
    expect(await page.locator(".label-badge--banner").first().textContent()).toContain("NATO RESTRICTED");
  });

  it("lets the headquarters planner upload a document with the label editor", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login\?loggedOut=1$/);
    await page.getByRole("button", { name: "Fill in the form with the account planner.shape" }).click();
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(/\/documents$/);
    await page.getByRole("link", { name: "Upload a document" }).click();
    await page.getByRole("heading", { level: 1, name: "Upload a document" }).waitFor();

    // Field errors from the API's 400 answer are shown next to their fields.
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "exercise-note.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Exercise coordination note.\n"),
    });
    await page.getByLabel("Reference").fill("bad*reference");
    await page.getByRole("button", { name: "Upload document" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    expect(await page.getByLabel("Reference").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Reference").fill("SHAPE-EX(2026)01");
    await page.getByLabel("Title").fill("Exercise coordination note");
    await page.getByLabel("Date of the document").fill("2026-03-02");
    const releasable = page.getByRole("combobox", { name: "Releasable to" });
    await releasable.fill("aus, jpn");
    await releasable.press("Enter");
    await page.getByRole("button", { name: "PFP", exact: true }).click();
    const marking = page.locator(".label-preview__marking");
    await expect
      .poll(async () => await marking.textContent())
      .toContain("NATO UNCLASSIFIED, RELEASABLE TO PFP, AUS, JPN");
    await page.screenshot({ path: path.join(shots, "identity-upload.png"), fullPage: true });

    await page.getByRole("button", { name: "Upload document" }).click();
    await page.getByRole("heading", { level: 1, name: "Exercise coordination note" }).waitFor();
    expect(await page.locator(".label-badge--banner").first().textContent()).toContain("RELEASABLE TO PFP, AUS, JPN");
  });

  it("shows the audit trail to the auditor and verifies its hash chain", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login\?loggedOut=1$/);
    await page.getByLabel("Username").fill("auditor");
    await page.getByLabel("Password").fill("demo-auditor-2026");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(/\/documents$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit trail" }).waitFor();
    await page.locator(".audit-table tbody tr").first().waitFor();
    // The first page starts with the demo set-up (organisations, users, documents, activities).
    const table = (await page.locator(".audit-table").textContent()) ?? "";
    expect(table).toContain("user.create");
    expect(table).toContain("document.upload");

    await page.getByRole("button", { name: "Verify chain" }).click();
    await page.getByText("Chain intact").waitFor();
    await page.screenshot({ path: path.join(shots, "identity-audit.png"), fullPage: true });

    // Filters go to the API: Japan's point of contact's own events only.
    await page.getByLabel("Actor (username)").fill("partner.jpn");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect
      .poll(async () => new Set(await page.locator(".audit-table tbody tr td:nth-child(3) code").allTextContents()))
      .toEqual(new Set(["partner.jpn"]));
    const own = (await page.locator(".audit-table").textContent()) ?? "";
    expect(own).toContain("auth.second-factor");
    expect(own).toContain("document.read");
  });

  it("logged no console errors", () => {
    // Chromium logs the expected 400 (field errors) and 404 (withheld document) answers.
    const unexpected = consoleErrors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 40[04]/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
