import { useSyncExternalStore } from "react";
import type { CatalogueMeta, Message } from "./catalogue.ts";
import { en, type MessageKey } from "./en.ts";

export type { MessageKey } from "./en.ts";

// One translation function for every user-facing string. Each language is one catalogue with
// the same keys as the English one (a French catalogue is `fr.ts` typed `Catalogue` and one
// entry in `catalogues` below). Missing keys fall back to English.

export type Catalogue = {
  readonly meta: CatalogueMeta;
  readonly messages: { readonly [K in MessageKey]: Message };
};

const catalogues: Record<string, Catalogue> = { en };
export type Locale = keyof typeof catalogues;

let current: Catalogue = en;
const listeners = new Set<() => void>();

export type Params = Record<string, string | number>;

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value) : value;
  });
}

/** Translates `key`, filling {placeholders} from `params`; `params.count` picks a plural form. */
export function t(key: MessageKey, params?: Params): string {
  const message: Message = current.messages[key] ?? en.messages[key];
  if (typeof message === "string") return interpolate(message, params);
  const count = typeof params?.count === "number" ? params.count : 0;
  const form = new Intl.PluralRules(current.meta.intlLocale).select(count) === "one" ? message.one : message.other;
  return interpolate(form, params);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current.meta.intlLocale).format(value);
}

export function intlLocale(): string {
  return current.meta.intlLocale;
}

export function availableLocales(): { code: string; name: string }[] {
  return Object.entries(catalogues).map(([code, c]) => ({ code, name: c.meta.name }));
}

export function setLocale(locale: string): void {
  const next = catalogues[locale];
  if (!next || next === current) return;
  current = next;
  document.documentElement.lang = next.meta.lang;
  for (const listener of listeners) listener();
}

/** Re-renders the caller when the language changes; returns the current <html lang>. */
export function useLocale(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current.meta.lang,
  );
}

export function initLocale(): void {
  document.documentElement.lang = current.meta.lang;
}
