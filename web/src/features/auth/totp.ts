// RFC 6238 TOTP in the browser with WebCrypto: HMAC-SHA-1 over the 30-second step counter,
// dynamic truncation to 6 digits (RFC 4226). Used only for the demo accounts panel.

export const TOTP_STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Decodes RFC 4648 base32 (case, spaces and padding ignored); null for a character outside it. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value === -1) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Whether this page can compute codes (WebCrypto needs a secure context: HTTPS or localhost). */
export function canComputeTotp(): boolean {
  return typeof crypto !== "undefined" && typeof crypto.subtle?.importKey === "function";
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** Seconds until the current code expires (1–30). */
export function secondsLeft(nowMs: number): number {
  return TOTP_STEP_SECONDS - (Math.floor(nowMs / 1000) % TOTP_STEP_SECONDS);
}

/** The HOTP code for one counter value. */
export async function hotp(key: Uint8Array<ArrayBuffer>, counter: number): Promise<string> {
  const message = new ArrayBuffer(8);
  const view = new DataView(message);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0);
  return String(binary % 10 ** DIGITS).padStart(DIGITS, "0");
}

/** The TOTP code for a base32 secret at a moment; null if the secret is not base32. */
export async function totpCode(secret: string, nowMs: number): Promise<string | null> {
  const key = base32Decode(secret);
  if (!key || key.length === 0) return null;
  return hotp(key as Uint8Array<ArrayBuffer>, totpStep(nowMs));
}
