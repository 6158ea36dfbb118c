/** A message: plain text with {placeholders}, or plural forms chosen by the `count` parameter. */
export type Message = string | { readonly one: string; readonly other: string };

export type CatalogueMeta = {
  /** BCP 47 tag written to <html lang>. */
  readonly lang: string;
  /** Locale used by Intl for dates and numbers (e.g. en-GB writes "14 April 2011"). */
  readonly intlLocale: string;
  /** The language's own name, for a language switcher. */
  readonly name: string;
};
