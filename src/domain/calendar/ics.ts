/**
 * A small iCalendar (RFC 5545) writer for all-day events (the menu's iterations) and timed ones
 * (meetings, written in UTC): exactly what the feeds need, so no dependency. Content lines end in CRLF and are folded at 75 octets (never
 * inside a UTF-8 sequence); TEXT values escape backslash, semicolon, comma and newlines
 * (section 3.3.11). `unfoldLines` and `unescapeText` are the inverse operations, used by the
 * tests (and by anyone reading a feed back).
 */

const CRLF = "\r\n";
const MAX_OCTETS = 75;

export type IcsEvent = Readonly<{
  /** Globally unique and stable: a calendar client updates the event it already has. */
  uid: string;
  /** First day, YYYY-MM-DD. */
  startDate: string;
  /** Last day, YYYY-MM-DD, inclusive: written as the exclusive DTEND the standard wants. */
  endDate: string;
  summary: string;
  location: string;
  description: string;
  url: string | null;
  /** A timed event (a meeting): its start instant (ISO) and length; written as UTC DTSTART/DTEND, busy. */
  startsAt?: string;
  durationMinutes?: number;
}>;

export type IcsCalendar = Readonly<{ name: string; events: readonly IcsEvent[] }>;

/** A control character TEXT may not carry (all but HTAB; LF is written as an escape). */
export function isForbiddenControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
}

/** TEXT escaping: `\` `;` `,` and newlines; other control characters (not allowed in TEXT) are dropped. */
export function escapeText(value: string): string {
  const normalised = value.replace(/\r\n?/g, "\n");
  return [...normalised]
    .filter((c) => !isForbiddenControl(c))
    .join("")
    .replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** The inverse of escapeText (for input without dropped control characters or CR). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** Folds one content line: physical lines of at most 75 octets, continuations starting with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // The first line holds 75 octets; a continuation holds 74 after its leading space.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Unfolds a whole calendar text into its logical content lines. */
export function unfoldLines(text: string): string[] {
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  const lines = unfolded.split(CRLF);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const basicDate = (isoDate: string) => isoDate.replaceAll("-", "");

function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** UTC date-time in the basic format: 20261128T120000Z. */
export function basicDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** DTSTART/DTEND: whole days (DTEND exclusive) or, for a timed event, UTC date-times. */
function eventTimes(e: IcsEvent): [string, string] {
  if (e.startsAt === undefined) {
    return [`DTSTART;VALUE=DATE:${basicDate(e.startDate)}`, `DTEND;VALUE=DATE:${basicDate(dayAfter(e.endDate))}`];
  }
  const start = new Date(e.startsAt);
  const end = new Date(start.getTime() + (e.durationMinutes ?? 60) * 60_000);
  return [`DTSTART:${basicDateTime(start)}`, `DTEND:${basicDateTime(end)}`];
}

/** The whole calendar, CRLF-terminated lines, each folded. */
export function serializeCalendar(calendar: IcsCalendar, now: Date): string {
  const stamp = basicDateTime(now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Entente//Partnership Cooperation Menu//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const e of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      ...eventTimes(e),
      `SUMMARY:${escapeText(e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
    );
    // URI values are not TEXT: no escaping (the URL is built from an id, so it has no CR/LF).
    if (e.url !== null) lines.push(`URL:${e.url}`);
    lines.push(e.startsAt === undefined ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map((l) => `${foldLine(l)}${CRLF}`).join("");
}
