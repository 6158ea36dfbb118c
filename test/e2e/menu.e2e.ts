import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { readXlsxSheet } from "../support/spreadsheets.js";
import { shots, startJourney } from "./browser.js";
import { logIn as logInAs } from "./session.js";
import { JAPAN_SECRET, STAFF_SECRET } from "./totp.js";

// The cooperation menu in the built web app, against `serve --demo`: Japan's point of contact
// searches "piracy", opens the counter-piracy course, reads why Japan may join it in 2012 and
// why it needed the Council in 2010, nominates two officers and watches the seats drop; then the
// staff export the menu to Excel, re-import an edited copy with one bad row and read the report.

const journey = startJourney();
const { base, consoleErrors } = journey;
let page: Page;
beforeAll(() => {
  page = journey.page;
});

const logIn = (username: string, secret: string) => logInAs(page, base(), username, secret);

const iteration = (code: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `Iteration ${code}` }) });

async function nominate(name: string, email: string) {
  await iteration("2027-1")
    .getByRole("button", { name: /Nominate a participant for iteration 2027-1/ })
    .click();
  const form = page.getByRole("form", { name: "Nominate for iteration 2027-1" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Rank or grade").fill("Commander");
  await form.getByLabel("E-mail").fill(email);
  await form.getByRole("button", { name: "Nominate", exact: true }).click();
  await page.getByText(`${name} is nominated. Status: Confirmed.`).waitFor();
}

describe("the cooperation menu", () => {
  it("Japan's point of contact finds the counter-piracy course and sees why Japan may join it", async () => {
    await logIn("partner.jpn", JAPAN_SECRET);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Menu" }).click();
    await page.getByLabel("Search the menu").fill("piracy");
    await page.getByLabel("Search the menu").press("Enter");
    await page.getByText("2 activities match “piracy”.").waitFor();
    await page.screenshot({ path: path.join(shots, "menu-search.png"), fullPage: true });
    await page.getByRole("link", { name: "Counter-piracy operations course" }).click();
    await page.getByRole("heading", { level: 1, name: "Counter-piracy operations course" }).waitFor();

    // The policy engine's answer for each run: the Council case by case before Berlin 2011, open after.
    expect(await iteration("2010-1").textContent()).toMatch(/Council/i);
    expect(await iteration("2012-1").textContent()).toMatch(/Open to Japan/i);
    expect(await iteration("2027-1").textContent()).toContain("24 of 24 seats left");
    await page.screenshot({ path: path.join(shots, "menu-activity.png"), fullPage: true });
  });

  it("finds the invitations of the published menu in the inbox and marks one read", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /^Inbox/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const invitation = page
      .getByRole("listitem")
      .filter({ hasText: "ACT.412 Counter-piracy operations course is open to Japan" });
    await invitation.waitFor();
    const unread = async () => (await page.getByText(/unread notifications?\./).textContent()) ?? "";
    const before = Number((await unread()).match(/\d+/)?.[0]);
    await invitation.getByRole("button", { name: /Mark as read/ }).click();
    await expect.poll(async () => Number((await unread()).match(/\d+/)?.[0])).toBe(before - 1);
    await page.screenshot({ path: path.join(shots, "menu-inbox.png"), fullPage: true });
    await page.goto(`${base()}/activities`);
    await page.getByLabel("Search the menu").fill("piracy");
    await page.getByLabel("Search the menu").press("Enter");
    await page.getByRole("link", { name: "Counter-piracy operations course" }).click();
    await page.getByRole("heading", { level: 1, name: "Counter-piracy operations course" }).waitFor();
  });

  it("nominates two officers and sees the seat count drop each time", async () => {
    await nominate("Taro Yamada", "taro.yamada@mod.example.jp");
    await expect.poll(async () => await iteration("2027-1").textContent()).toContain("23 of 24 seats left");
    await nominate("Hanako Suzuki", "hanako.suzuki@mod.example.jp");
    await expect.poll(async () => await iteration("2027-1").textContent()).toContain("22 of 24 seats left");
    await page.screenshot({ path: path.join(shots, "menu-nominated.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Nominations" }).click();
    const table = page.getByRole("table");
    await expect.poll(async () => await table.textContent()).toContain("Hanako Suzuki");
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("Taro Yamada");
    // Another nation's nominations (the demo's Australian and Korean ones) are not Japan's to see.
    expect(text).not.toContain("Sarah Mitchell");
    expect(text).not.toContain("Kim Min-jun");
    await page.screenshot({ path: path.join(shots, "menu-my-nominations.png"), fullPage: true });
    await page.getByRole("button", { name: "Log out" }).click();
  });

  it("staff export the menu to Excel, re-import an edited copy with one bad row, and read the report", async () => {
    await logIn("staff", STAFF_SECRET);
    await page.goto(`${base()}/activities`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export this view as Excel (XLSX)" }).click();
    const download = await downloading;
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(/^entente-activities-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const { sheet } = await readXlsxSheet(readFileSync(file));
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    const column = (name: string) => headers.indexOf(name);
    expect(column("Title")).toBeGreaterThan(0);
    expect(column("Seats")).toBeGreaterThan(0);
    // Row 2: a new title (an update); row 3: seats "none" (the one bad row).
    sheet.getRow(2).getCell(column("Title")).value = "Edited in Excel";
    sheet.getRow(3).getCell(column("Seats")).value = "none";
    const edited = path.join(path.dirname(file), "edited.xlsx");
    await sheet.workbook.xlsx.writeFile(edited);

    await page.goto(`${base()}/activities/import`);
    await page.getByLabel("Spreadsheet file").setInputFiles(edited);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    const problems = page.getByRole("table").filter({ hasText: "Problem" });
    await problems.waitFor();
    const report = (await problems.textContent()) ?? "";
    expect(report).toContain("Seats");
    expect(await problems.getByRole("row").count()).toBe(2); // the heading row and the one bad row
    expect(await problems.getByRole("row").nth(1).getByRole("rowheader").textContent()).toBe("3");
    expect(await page.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(shots, "menu-import-report.png"), fullPage: true });
  });

  it("logged no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
