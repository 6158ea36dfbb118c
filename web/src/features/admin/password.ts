// Passwords an administrator hands over: 20 characters from an alphabet without look-alikes
// (no 0/O, 1/l/I), drawn with crypto.getRandomValues and rejection sampling (no modulo bias),
// written in groups of five: about 99 bits.

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const PASSWORD_LENGTH = 20;

export function generatePassword(length = PASSWORD_LENGTH): string {
  const n = ALPHABET.length;
  const limit = 256 - (256 % n); // bytes at or above this would favour the first letters
  const chars: string[] = [];
  while (chars.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit && chars.length < length) chars.push(ALPHABET[b % n] ?? "");
    }
  }
  return (chars.join("").match(/.{1,5}/g) ?? []).join("-");
}
