// pdfkit's built-in fonts (Helvetica) encode text as Windows-1252 (WinAnsi): anything else would
// print as garbage. Text is transliterated (accents dropped, a few letters mapped) or replaced by "?".

/** The characters Windows-1252 has beyond Latin-1's printable range. */
const CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

const MAP: Record<string, string> = {
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ı: "i",
  ħ: "h",
  Ħ: "H",
  ŧ: "t",
  Ŧ: "T",
  ĸ: "k",
  ŋ: "n",
  Ŋ: "N",
  ș: "s",
  Ș: "S",
  ț: "t",
  Ț: "T",
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "−": "-",
  "\u2009": " ",
  "\u202f": " ",
  "→": "->",
  "←": "<-",
  "≤": "<=",
  "≥": ">=",
  "≠": "!=",
  "′": "'",
  "″": '"',
};

function encodable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || CP1252_EXTRA.includes(ch) || ch === "\n";
}

/** `text` with every character Helvetica (WinAnsi) can print: kept, transliterated, or "?". */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    if (encodable(ch)) {
      out += ch;
      continue;
    }
    const mapped = MAP[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    if (ch === "\t" || ch === "\r") {
      out += " ";
      continue;
    }
    const stripped = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += stripped.length > 0 && [...stripped].every(encodable) ? stripped : "?";
  }
  return out;
}
