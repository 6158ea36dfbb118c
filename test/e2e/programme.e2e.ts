import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, startJourney } from "./browser.js";
import { brusselsIn, logIn } from "./session.js";
import { JAPAN_SECRET, STAFF_SECRET } from "./totp.js";

// A partner programme from draft to "in force" against `serve --demo` (scheduler every second):
// Japan drafts its 2014-2015 IPCP with three menu activities, the staff comment, Japan submits,
// a silence procedure opens and Norway's delegation breaks it with a reason, Japan revises and
// resubmits, a second procedure passes at its deadline, Japan accepts and the staff bring the
// programme into force. Korea's point of contact never sees any of it. Four users, each in their
// own browser context, logged in once.

const journey = startJourney();
const { base, consoleErrors } = journey;
let japan: Page;
let staff: Page;
let norway: Page;
let programmeUrl = "";

async function act(page: Page, action: string, confirm = true) {
  await page.getByRole("button", { name: action, exact: true }).click();
  if (confirm) await page.getByRole("dialog").getByRole("button", { name: action, exact: true }).click();
}

async function expectStatus(page: Page, status: string) {
  await page.getByText(`Done: the programme is now “${status}”.`).waitFor();
}

/** Staff open a silence procedure on the programme from its page, with a deadline `ms` ahead. */
async function putToCouncil(reference: string, ms: number) {
  await staff.goto(programmeUrl);
  await staff.getByRole("link", { name: "Put to the Council" }).click();
  await staff.getByRole("heading", { level: 1, name: "New decision" }).waitFor();
  await staff.getByLabel("Reference").fill(reference);
  await staff.getByLabel("Title", { exact: true }).fill("Japan's IPCP 2014-2015: approval");
  await staff.getByLabel("Silence procedure", { exact: true }).check();
  const deadline = brusselsIn(ms);
  await staff.getByLabel("Deadline date").fill(deadline.date);
  await staff.getByLabel("Deadline time").fill(deadline.time);
  await staff.getByRole("button", { name: "Open the silence procedure" }).click();
  await staff.waitForURL((url) => /^\/decisions\/[^/]+$/.test(url.pathname) && !/\/(new|open)$/.test(url.pathname));
  await staff.getByText(reference).first().waitFor();
}

beforeAll(async () => {
  japan = journey.page;
  staff = await journey.newUserPage();
  norway = await journey.newUserPage();
});

describe("a partner programme through consultation and two silence procedures", () => {
  it("Japan drafts an IPCP with three menu activities and opens the consultation", async () => {
    await logIn(japan, base(), "partner.jpn", JAPAN_SECRET);
    await japan.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Programmes" }).click();
    await japan.getByRole("link", { name: "New programme" }).click();
    await japan.getByLabel("Title", { exact: true }).fill("Japan's IPCP 2014-2015");
    await japan.getByLabel("Period start").fill("2014-01-01");
    await japan.getByLabel("Period end").fill("2015-12-31");
    await japan.getByText("Individual Partnership and Cooperation Programme (IPCP)").waitFor();
    await japan.getByRole("button", { name: "Add an objective" }).click();
    await japan.getByLabel("Objective 1 (o1)", { exact: true }).fill("Maritime security with Allies.");
    for (const [query, title] of [
      ["piracy", "Counter-piracy operations course"],
      ["cyber", "Cyber defence workshop"],
      ["terrorism", "Counter-terrorism seminar"],
    ] as const) {
      await japan.getByLabel("Search the menu").fill(query);
      await japan.getByRole("button", { name: new RegExp(`^Add .*${title}`) }).click();
    }
    await expect.poll(() => japan.locator(".programme-activity").count()).toBe(3);
    await japan.getByRole("button", { name: "Save the draft" }).click();
    await japan.waitForURL((url) => /^\/programmes\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
    programmeUrl = japan.url();
    await act(japan, "Open consultation", false);
    await expectStatus(japan, "In consultation");
    await japan.screenshot({ path: path.join(shots, "programme-consultation.png"), fullPage: true });
  });

  it("the staff comment beside a section; Japan reads it and submits", async () => {
    await logIn(staff, base(), "staff", STAFF_SECRET);
    await staff.goto(programmeUrl);
    await staff.getByLabel("Your comment on Objectives").fill("Please say how many officers you will train.");
    await staff.getByRole("button", { name: "Add the comment on Objectives" }).click();
    await staff.getByText("Your comment was added.").waitFor();
    await japan.reload();
    await japan.getByText("Please say how many officers you will train.").waitFor();
    await act(japan, "Submit to the Council");
    await expectStatus(japan, "Submitted to the Council");
  });

  it("a silence procedure opens; Norway's delegation breaks silence with a reason", async () => {
    await putToCouncil("PO(2026)0901", 10 * 60_000);
    await logIn(norway, base(), "delegation.nor", null);
    await norway.goto(`${base()}/decisions/open`);
    await norway
      .getByRole("link", { name: /PO\(2026\)0901/ })
      .first()
      .click();
    await norway.getByLabel("Reason for the objection").fill("The programme should say how many officers it trains.");
    await norway.getByRole("button", { name: "Break silence…" }).click();
    await norway.getByRole("dialog").getByRole("button", { name: "Break silence", exact: true }).click();
    await norway
      .getByText(/Silence broken by Norway/)
      .first()
      .waitFor();
    await norway.screenshot({ path: path.join(shots, "programme-silence-broken.png"), fullPage: true });
  });

  it("Japan revises in consultation, compares the revisions and resubmits", async () => {
    await japan.reload();
    await japan.getByText("In consultation").first().waitFor();
    await japan.getByRole("button", { name: "Edit the programme" }).click();
    await japan
      .getByLabel("Objective 1 (o1)", { exact: true })
      .fill("Maritime security with Allies: twelve officers trained by 2015.");
    await japan.getByRole("button", { name: "Save as a new revision" }).click();
    await japan.getByText("Revision 2 saved.").waitFor();
    await expect.poll(() => japan.locator(".programme-diff__change").count()).toBeGreaterThan(0);
    await act(japan, "Submit to the Council");
    await expectStatus(japan, "Submitted to the Council");
  });

  it("a second procedure passes at its deadline; Japan accepts and the staff bring it into force", async () => {
    await putToCouncil("PO(2026)0902", 15_000);
    await staff
      .getByText(/Adopted/)
      .first()
      .waitFor({ timeout: 60_000 });
    await japan.reload();
    await act(japan, "Accept the agreed programme");
    await expectStatus(japan, "Agreed");
    await staff.goto(programmeUrl);
    await act(staff, "Enter into force");
    await expectStatus(staff, "In force");
    await staff.screenshot({ path: path.join(shots, "programme-in-force.png"), fullPage: true });
  });

  it("the register lists both procedures; Korea sees none of it", async () => {
    await staff.goto(`${base()}/decisions?q=PO(2026)09`);
    await staff.getByRole("link", { name: /PO\(2026\)0901/ }).waitFor();
    await staff.getByRole("link", { name: /PO\(2026\)0902/ }).waitFor();
    await staff.screenshot({ path: path.join(shots, "programme-register.png"), fullPage: true });

    const korea = await journey.newUserPage();
    await logIn(korea, base(), "partner.kor", null);
    await korea.goto(programmeUrl);
    await korea.getByRole("heading", { name: "Programme not found" }).waitFor();
    await korea.goto(`${base()}/programmes`);
    await korea.getByText("No programmes you can see yet.").waitFor();
    await korea.goto(`${base()}/decisions?q=PO(2026)09`);
    await expect.poll(() => korea.getByRole("link", { name: /PO\(2026\)090/ }).count()).toBe(0);
    // Chromium logs the expected 404 of the programme withheld from Korea.
    const unexpected = consoleErrors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 404/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
