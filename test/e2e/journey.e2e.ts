import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, startJourney } from "./browser.js";

// The main journey through the built web app, in headless Chromium (Debian's, never a
// downloaded one): the map as of 2012, Japan's profile, and the access check.

const GLOBAL_2012 = [
  "Afghanistan",
  "Australia",
  "Iraq",
  "Japan",
  "Mongolia",
  "New Zealand",
  "Pakistan",
  "Republic of Korea",
];

const journey = startJourney();
const { base, consoleErrors } = journey;
let page: Page;
beforeAll(() => {
  page = journey.page;
});

async function sliderDate(p: Page): Promise<string> {
  return (await p.locator(".date-control__value").textContent()) ?? "";
}

describe("Entente web journey", () => {
  it("shows the map and moves the slider to 2012 with the keyboard", async () => {
    await page.goto(`${base()}/`);
    await page.getByRole("heading", { level: 1, name: "Partnership map" }).waitFor();
    // The SVG map is drawn from the bundled world atlas.
    await page.locator(".world-map svg path.country").nth(100).waitFor();
    expect(await page.locator(".world-map svg path.country").count()).toBeGreaterThan(150);
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("en");

    const slider = page.getByRole("slider", { name: "Show frameworks as of" });
    await slider.focus();
    await page.keyboard.press("Home");
    expect(await sliderDate(page)).toBe("1 January 1994");
    for (let i = 0; i < 18; i++) await page.keyboard.press("PageUp");
    expect(await sliderDate(page)).toBe("1 January 2012");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    expect(await sliderDate(page)).toBe("1 May 2012");
    expect(await slider.getAttribute("aria-valuetext")).toBe("1 May 2012");

    // The lists follow once the debounced request for 2012-05-01 has answered.
    await page.getByRole("heading", { level: 2, name: "Nations by framework on 1 May 2012" }).waitFor();
    const global = page.getByRole("region", { name: /Partners across the globe/ });
    await global.getByRole("link", { name: "Japan" }).waitFor();
    const names = (await global.getByRole("listitem").allTextContents()).map((s) => s.trim());
    expect(names).toEqual(GLOBAL_2012);
    expect(new URL(page.url()).searchParams.get("date")).toBe("2012-05-01");

    // Colour and legend as of that date: Japan (392) is a partner across the globe, Germany an Ally.
    expect(await page.locator('.world-map path[data-id="392"]').getAttribute("class")).toContain("country--global");
    expect(await page.locator('.world-map path[data-id="276"]').getAttribute("class")).toContain("country--nato");
    const legend = page.getByRole("region", { name: "Frameworks on this date" });
    expect(await legend.textContent()).toContain("28 Allies");

    await page.screenshot({ path: path.join(shots, "map-2012.png"), fullPage: true });
  });

  it("opens Japan's partner page from the list", async () => {
    const global = page.getByRole("region", { name: /Partners across the globe/ });
    await global.getByRole("link", { name: "Japan" }).click();
    await page.waitForURL(/\/partners\/JPN$/);
    await page.getByRole("heading", { level: 1, name: "Japan" }).waitFor();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByRole("listitem").first().waitFor();
    const text = (await timeline.textContent()) ?? "";
    expect(text).toContain("Joined Contact Countries");
    expect(text).toMatch(/guidelines for relations with "Contact Countries"/);
    // Dates by precision: the 1998 start is known only to the year.
    expect(text).toContain("1998");
    // The memberships table flags the uncertain 1998 start with its note.
    const memberships = page.getByRole("region", { name: "Frameworks over time" });
    expect(await memberships.textContent()).toContain("Uncertain");
    // Source links are built from /api/sources: "seed#p13" → the seed page with ¶13.
    await expect.poll(async () => (await timeline.getByRole("link", { name: /¶13/ }).count()) > 0).toBe(true);
    await page.screenshot({ path: path.join(shots, "japan.png"), fullPage: true });
  });

  it("answers the access check for Japan in 2010 and 2012", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access check" }).click();
    await page.getByRole("heading", { level: 1, name: "Access check" }).waitFor();
    const partner = page.getByLabel("Partner");
    await expect.poll(async () => await partner.isEnabled()).toBe(true);
    await partner.selectOption("JPN");
    await page.getByLabel("Activity audience").fill("PFP, MD, ICI");
    await page.getByLabel("Date of the activity").fill("2010-06-01");
    await page.getByRole("button", { name: "Check access" }).click();
    const outcome = page.locator("#decision-outcome");
    await expect.poll(async () => await outcome.textContent()).toBe("Needs Council approval");
    expect(await page.locator(".rule").textContent()).toContain("Contact Country access");

    await page.getByLabel("Date of the activity").fill("2012-06-01");
    await page.getByRole("button", { name: "Check access" }).click();
    await expect.poll(async () => await outcome.textContent()).toBe("Open");
    await page.screenshot({ path: path.join(shots, "access.png"), fullPage: true });
  });

  it("shows the API's field errors next to the fields", async () => {
    await page.getByLabel("Activity audience").fill("");
    await page.getByRole("button", { name: "Check access" }).click();
    const summary = page.getByRole("alert");
    await expect.poll(async () => await summary.textContent()).toContain("There is a problem");
    const audience = page.getByLabel("Activity audience");
    expect(await audience.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(".field--error .field__error").first().textContent()).toContain(
      "Must list at least one token",
    );
    await page.screenshot({ path: path.join(shots, "access-errors.png"), fullPage: true });
  });

  it("is usable with the keyboard: skip link first, visible focus, slider on arrow keys", async () => {
    await page.goto(`${base()}/?date=2012-05-01`);
    await page.getByRole("heading", { level: 2, name: "Nations by framework on 1 May 2012" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe("Skip to main content");
    // Tab on until the slider has focus; every stop on the way must show a focus outline.
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press("Tab");
      // A string, so that this Node-typed file needs no DOM types.
      const state = await page.evaluate<{ slider: boolean; outline: string }>(`(() => {
        const el = document.activeElement;
        if (!el) return { slider: false, outline: "none" };
        const style = getComputedStyle(el);
        return { slider: el.getAttribute("type") === "range", outline: style.outlineStyle + " " + style.outlineWidth };
      })()`);
      expect(state.outline).not.toMatch(/^none/);
      reached = state.slider;
    }
    expect(reached).toBe(true);
    await page.keyboard.press("ArrowLeft");
    expect(await sliderDate(page)).toBe("1 April 2012");
    await page.keyboard.press("PageDown");
    expect(await sliderDate(page)).toBe("1 April 2011");
    // Before 15 April 2011 the global partners were still called "Contact Countries".
    await page.getByRole("heading", { level: 2, name: "Nations by framework on 1 April 2011" }).waitFor();
    await page.getByRole("region", { name: /Contact Countries/ }).waitFor();
    await page.screenshot({ path: path.join(shots, "keyboard-focus.png") });
  });

  it("shows a friendly page for an unknown partner code", async () => {
    await page.goto(`${base()}/partners/XYZ`);
    await page.getByRole("heading", { level: 1, name: "Partner not found" }).waitFor();
  });

  it("logged no console errors", () => {
    // Chromium's network layer logs the expected 400 (field errors) and 404 (unknown partner)
    // responses as "Failed to load resource"; anything else is the app's own error.
    const unexpected = consoleErrors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 40[04]/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
