import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { assertWebBuilt, type RunningServer, repoRoot, startServer } from "./server.js";

export const shots = path.join(repoRoot, "test-results");

export type Journey = {
  readonly page: Page;
  base: () => string;
  consoleErrors: string[];
  /** A page in a new browser context (its own cookies): a second user logged in at the same time. */
  newUserPage: () => Promise<Page>;
};

/**
 * One journey's browser and server: registers the hooks that start `serve --demo` and Debian's
 * Chromium (never a downloaded one) before the file's tests and stop them after.
 */
export function startJourney(): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const consoleErrors: string[] = [];
  const others: BrowserContext[] = [];

  const watch = (p: Page) => {
    p.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    p.on("pageerror", (error) => consoleErrors.push(error.message));
  };

  beforeAll(async () => {
    assertWebBuilt();
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: "en-GB" });
    page = await context.newPage();
    watch(page);
  });

  afterAll(async () => {
    for (const other of others) await other.close();
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  return {
    get page() {
      if (!page) throw new Error("browser not started");
      return page;
    },
    base: () => {
      if (!server) throw new Error("server not started");
      return server.baseUrl;
    },
    consoleErrors,
    newUserPage: async () => {
      if (!browser) throw new Error("browser not started");
      const other = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: "en-GB" });
      others.push(other);
      const p = await other.newPage();
      watch(p);
      return p;
    },
  };
}
