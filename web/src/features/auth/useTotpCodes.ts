import { useEffect, useState } from "react";
import { useNow } from "../../ui/hooks.ts";
import { canComputeTotp, secondsLeft, totpCode, totpStep } from "./totp.ts";

export type TotpCodes = {
  /** Secret → its current code (missing while computing, or when WebCrypto is unavailable). */
  codes: ReadonlyMap<string, string>;
  secondsLeft: number;
  supported: boolean;
};

/** The current TOTP code of each secret, recomputed as each 30-second step begins. */
export function useTotpCodes(secrets: readonly string[]): TotpCodes {
  const now = useNow(1000);
  const step = totpStep(now);
  const supported = canComputeTotp();
  const [codes, setCodes] = useState<ReadonlyMap<string, string>>(new Map());
  const key = secrets.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `secrets`; `step` triggers the recomputation
  useEffect(() => {
    if (!supported) return;
    let live = true;
    const at = step * 30_000 + 1;
    Promise.all(secrets.map(async (s) => [s, await totpCode(s, at)] as const))
      .then((pairs) => {
        if (!live) return;
        const next = new Map<string, string>();
        for (const [s, c] of pairs) if (c) next.set(s, c);
        setCodes(next);
      })
      .catch(() => {
        if (live) setCodes(new Map());
      });
    return () => {
      live = false;
    };
  }, [key, step, supported]);
  return { codes, secondsLeft: secondsLeft(now), supported };
}

/** "123456" → "123 456", easier to read aloud and to copy by eye. */
export function groupCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
