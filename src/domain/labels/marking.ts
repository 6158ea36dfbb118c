import { CLASSIFICATION_NAMES, type TClassification } from "./labels.schema.js";

const GROUP_ORDER = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE"];

/** Releasability tokens in reading order: groups first (in framework order), then codes A-Z. */
export function orderTokens(tokens: readonly string[]): string[] {
  const unique = [...new Set(tokens)];
  const rank = (t: string) => {
    const i = GROUP_ORDER.indexOf(t);
    return i === -1 ? GROUP_ORDER.length : i;
  };
  return unique.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** How a token reads in a marking: CONTRIB:ISAF is "ISAF CONTRIBUTORS". */
const markingToken = (token: string) => (token.startsWith("CONTRIB:") ? `${token.slice(8)} CONTRIBUTORS` : token);

/** The familiar marking, e.g. "NATO UNCLASSIFIED // RELEASABLE TO AUS, JPN". */
export function renderMarking(label: { classification: TClassification; releasableTo: readonly string[] }): string {
  const name = CLASSIFICATION_NAMES[label.classification];
  if (label.classification === "PUBLIC" || label.releasableTo.length === 0) return name;
  return `${name} // RELEASABLE TO ${orderTokens(label.releasableTo).map(markingToken).join(", ")}`;
}
