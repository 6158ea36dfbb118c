// Framework codes, their display order and map colours. The colour priority decides the single
// colour of a nation that belongs to several frameworks: NATO > PfP/EAPC > MD > ICI > GLOBAL > DIALOGUE.

export const FRAMEWORK_CODES = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE"] as const;
export type FrameworkCode = (typeof FRAMEWORK_CODES)[number];

/** Colour categories, highest priority first. PfP and the EAPC share one. */
export const CATEGORIES = ["NATO", "EURO", "MD", "ICI", "GLOBAL", "DIALOGUE"] as const;
export type Category = (typeof CATEGORIES)[number];

export function categoryOf(framework: string): Category | null {
  switch (framework) {
    case "NATO":
      return "NATO";
    case "PFP":
    case "EAPC":
      return "EURO";
    case "MD":
    case "ICI":
    case "GLOBAL":
    case "DIALOGUE":
      return framework;
    default:
      return null;
  }
}

/**
 * Fill colours, chosen to be told apart with common colour-vision deficiencies and to keep 3:1
 * contrast against the white country borders. Each CSS variable is defined in styles.css.
 */
export const CATEGORY_VAR: Record<Category, string> = {
  NATO: "var(--fw-nato)",
  EURO: "var(--fw-euro)",
  MD: "var(--fw-md)",
  ICI: "var(--fw-ici)",
  GLOBAL: "var(--fw-global)",
  DIALOGUE: "var(--fw-dialogue)",
};

export function categoryClass(framework: string): string {
  const category = categoryOf(framework);
  return category ? `fw-${category.toLowerCase()}` : "fw-none";
}

/**
 * The category a nation is coloured by: its highest-priority framework that is not suspended;
 * if every membership is suspended, the highest-priority suspended one (drawn hatched).
 */
export function colourFor(
  frameworks: readonly string[],
  suspended: readonly string[],
): { category: Category; suspended: boolean } | null {
  const rank = (f: string) => {
    const c = categoryOf(f);
    return c === null ? Number.POSITIVE_INFINITY : CATEGORIES.indexOf(c);
  };
  const byPriority = [...frameworks].sort((a, b) => rank(a) - rank(b));
  const active = byPriority.find((f) => !suspended.includes(f) && categoryOf(f) !== null);
  if (active) return { category: categoryOf(active) as Category, suspended: false };
  const first = byPriority.find((f) => categoryOf(f) !== null);
  return first ? { category: categoryOf(first) as Category, suspended: true } : null;
}
