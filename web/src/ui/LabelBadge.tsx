import type { Classification, Label } from "../api/types.ts";
import { t } from "../i18n/index.ts";

// Confidentiality labels, shown the same way wherever a labelled record appears. The colour
// follows the classification; the words say it too, so colour is never the only cue.

const NAMES: Record<Classification, string> = {
  PUBLIC: "PUBLIC",
  NU: "NATO UNCLASSIFIED",
  NR: "NATO RESTRICTED",
  NC: "NATO CONFIDENTIAL",
  NS: "NATO SECRET",
};

export const CLASSIFICATION_ORDER: readonly Classification[] = ["PUBLIC", "NU", "NR", "NC", "NS"];

/** The classification a marking starts with ("NATO RESTRICTED // RELEASABLE TO JPN" → NR). */
export function classificationOfMarking(marking: string): Classification | null {
  const head = marking.split("//")[0]?.trim().toUpperCase() ?? "";
  const found = (Object.entries(NAMES) as [Classification, string][]).find(([, name]) => name === head);
  return found ? found[0] : null;
}

export function classificationName(c: Classification): string {
  return NAMES[c];
}

type Props = {
  /** A label from the API, or just its marking (as the audit trail records it). */
  label?: Pick<Label, "classification" | "marking"> | null;
  marking?: string | null;
  /** "banner" is the full-width marking at the top and foot of a document page. */
  variant?: "inline" | "banner";
  className?: string;
};

/** A confidentiality marking, coloured by classification: "NATO RESTRICTED · RELEASABLE TO JPN". */
export function LabelBadge({ label, marking, variant = "inline", className }: Props) {
  const text = label?.marking ?? marking ?? "";
  if (!text) return null;
  const classification = label?.classification ?? classificationOfMarking(text);
  const [head = text, ...rest] = text.split(" // ");
  const release = rest.join(" // ");
  const modifier = classification ? classification.toLowerCase() : "unknown";
  const classes = ["label-badge", `label-badge--${modifier}`, `label-badge--${variant}`, className]
    .filter(Boolean)
    .join(" ");
  return (
    <span className={classes} title={variant === "inline" ? text : undefined}>
      <span className="visually-hidden">{t("label.srPrefix")} </span>
      <span className="label-badge__class">{head}</span>
      {release ? (
        <span className="label-badge__release">
          <span className="visually-hidden">, </span>
          {release}
        </span>
      ) : null}
    </span>
  );
}
