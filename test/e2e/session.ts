import type { Page } from "playwright-core";
import { totp } from "./totp.js";

// What every journey does: log a demo user in (with its second factor if it has one), and
// write a Brussels wall-clock time as the decision and meeting forms take it.

/** Logs a demo user in on `page`; `secret` is its TOTP secret (see totp.ts), null if it has none. */
export async function logIn(page: Page, baseUrl: string, username: string, secret: string | null): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`demo-${username}-2026`);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  if (secret) {
    await page.getByLabel("Security code").fill(totp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await page.getByRole("button", { name: "Log out" }).waitFor();
}

/** Brussels wall-clock date and time `ms` from now. */
export function brusselsIn(ms: number): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Brussels",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(Date.now() + ms))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}
