import { createHmac } from "node:crypto";

// The demo accounts' second factor, computed as an authenticator app would. The secrets are the
// demo's published ones (src/domain/demo/demo-accounts.ts).

export const JAPAN_SECRET = "ENTENTEDEMOJAPANENTENTEDEMOJAPAN";
export const STAFF_SECRET = "ENTENTEDEMOSTAFFENTENTEDEMOSTAFF";

/** RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits) from a base32 secret. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of secret.replace(/=+$/, "")) {
    buffer = ((buffer << 5) | alphabet.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
