import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeText,
  foldLine,
  type IcsEvent,
  isForbiddenControl,
  serializeCalendar,
  unescapeText,
  unfoldLines,
} from "./ics.js";

const NOW = new Date("2026-11-28T12:34:56.789Z");

const event = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: "iteration-1@entente",
  startDate: "2027-06-07",
  endDate: "2027-06-11",
  summary: "ACT.396 NATO Protocol Course (2027-1)",
  location: "Oberammergau, Germany",
  description: "Status: nominations open\nSeats: 30",
  url: "https://entente.example/activities/a1",
  ...overrides,
});

/** Text a TEXT value can carry unchanged: any Unicode but CR and the control characters TEXT forbids. */
const textArbitrary = fc
  .string({ unit: "grapheme", maxLength: 200 })
  .map((s) => [...s].filter((c) => c !== "\r" && !isForbiddenControl(c)).join(""));

describe("iCalendar TEXT escaping", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    expect(unescapeText("a\\\\b\\;c\\,d\\ne\\Nf")).toBe("a\\b;c,d\ne\nf");
  });

  it("property: unescaping an escaped value returns it", () => {
    fc.assert(
      fc.property(textArbitrary, (s) => {
        const escaped = escapeText(s);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescapeText(escaped)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe("line folding", () => {
  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"é".repeat(60)}`;
    const folded = foldLine(line);
    for (const physical of folded.split("\r\n")) expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n")[1]?.startsWith(" ")).toBe(true);
    expect(unfoldLines(`${folded}\r\n`)).toEqual([line]);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("property: unfolding and unescaping a serialised calendar returns every input value", () => {
    fc.assert(
      fc.property(textArbitrary, textArbitrary, textArbitrary, (summary, location, description) => {
        const text = serializeCalendar({ name: summary, events: [event({ summary, location, description })] }, NOW);
        for (const physical of text.split("\r\n").slice(0, -1)) {
          expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
        }
        const lines = unfoldLines(text);
        const value = (name: string) => {
          const line = lines.find((l) => l.startsWith(`${name}:`));
          return line === undefined ? undefined : unescapeText(line.slice(name.length + 1));
        };
        expect(value("SUMMARY")).toBe(summary);
        expect(value("LOCATION")).toBe(location);
        expect(value("DESCRIPTION")).toBe(description);
        expect(value("X-WR-CALNAME")).toBe(summary);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the calendar", () => {
  it("has the RFC 5545 shape: CRLF lines, VCALENDAR/VEVENT, all-day dates with an exclusive end", () => {
    const text = serializeCalendar(
      { name: "Entente: JPN", events: [event(), event({ uid: "iteration-2@entente" })] },
      NOW,
    );
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfoldLines(text);
    expect(lines.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Entente//Partnership Cooperation Menu//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Entente: JPN",
    ]);
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(2);
    expect(lines).toContain("DTSTART;VALUE=DATE:20270607");
    expect(lines).toContain("DTEND;VALUE=DATE:20270612");
    expect(lines).toContain("DTSTAMP:20261128T123456Z");
    expect(lines).toContain("UID:iteration-1@entente");
    expect(lines).toContain("SUMMARY:ACT.396 NATO Protocol Course (2027-1)");
    expect(lines).toContain("LOCATION:Oberammergau\\, Germany");
    expect(lines).toContain("DESCRIPTION:Status: nominations open\\nSeats: 30");
    expect(lines).toContain("URL:https://entente.example/activities/a1");
  });

  it("ends an event on the last day of a month or year on the next day", () => {
    const lines = unfoldLines(
      serializeCalendar({ name: "x", events: [event({ startDate: "2027-12-31", endDate: "2027-12-31" })] }, NOW),
    );
    expect(lines).toContain("DTEND;VALUE=DATE:20280101");
  });
});
