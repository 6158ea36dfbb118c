import { AppError } from "../../errors.js";
import {
  CLASSIFICATION_NAMES,
  CLASSIFICATIONS,
  type TClassification,
  type TLabel,
  type TLabelInput,
} from "./labels.schema.js";

// STANAG 4774-style XML for labels: an originatorConfidentialityLabel holding
// ConfidentialityInformation (PolicyIdentifier, Classification, Category ReleasableTo PERMISSIVE)
// and CreationDateTime, in the 4774 namespace. Enough of the syntax to exchange our labels.

const NS = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

export function labelToXml(label: TLabel): string {
  const review = label.reviewAt ? ` ReviewDateTime="${escapeXml(label.reviewAt)}T00:00:00Z"` : "";
  const values = label.releasableTo.map((t) => `        <GenericValue>${escapeXml(t)}</GenericValue>`).join("\n");
  const category =
    label.releasableTo.length > 0
      ? `\n      <Category TagName="ReleasableTo" Type="PERMISSIVE">\n${values}\n      </Category>`
      : "";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<originatorConfidentialityLabel xmlns="${NS}" ConfidentialityLabelVersion="1"${review}>`,
    "  <ConfidentialityInformation>",
    `    <PolicyIdentifier>${escapeXml(label.policyIdentifier)}</PolicyIdentifier>`,
    `    <Classification>${escapeXml(CLASSIFICATION_NAMES[label.classification])}</Classification>${category}`,
    "  </ConfidentialityInformation>",
    `  <CreationDateTime>${escapeXml(label.createdAt)}</CreationDateTime>`,
    "</originatorConfidentialityLabel>",
    "",
  ].join("\n");
}

function invalid(message: string): AppError {
  return new AppError("VALIDATION", `Invalid input: xml: ${message}`, { fields: [{ field: "xml", message }] });
}

const element = (xml: string, name: string) =>
  new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml)?.[1];

/** Reads a 4774-style label into our label input; values other than ReleasableTo categories are refused. */
export function labelFromXml(xml: string): TLabelInput {
  if (xml.length > 64 * 1024) throw invalid("larger than 64 KiB");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid("DTDs and entities are not accepted");
  if (!/<(?:\w+:)?originatorConfidentialityLabel\b/.test(xml))
    throw invalid("no originatorConfidentialityLabel element");
  const info = element(xml, "ConfidentialityInformation");
  if (info === undefined) throw invalid("no ConfidentialityInformation element");
  const policy = unescapeXml(element(info, "PolicyIdentifier")?.trim() ?? "NATO");
  const classificationText = unescapeXml(element(info, "Classification")?.trim() ?? "");
  const classification = (CLASSIFICATIONS as readonly string[]).find(
    (c) =>
      c === classificationText.toUpperCase() ||
      CLASSIFICATION_NAMES[c as TClassification] === classificationText.toUpperCase(),
  ) as TClassification | undefined;
  if (!classification) throw invalid(`unknown classification '${classificationText}'`);
  const releasableTo: string[] = [];
  for (const match of info.matchAll(/<(?:\w+:)?Category\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?Category>/g)) {
    const attributes = match[1] ?? "";
    const tag = /TagName="([^"]*)"/.exec(attributes)?.[1];
    const type = /Type="([^"]*)"/.exec(attributes)?.[1];
    if (tag !== "ReleasableTo" || type !== "PERMISSIVE")
      throw invalid(`unsupported category ${tag ?? "?"} (${type ?? "?"})`);
    for (const value of (match[2] ?? "").matchAll(/<(?:\w+:)?(?:GenericValue|CategoryValue)>([^<]*)<\//g)) {
      releasableTo.push(unescapeXml(value[1] ?? "").trim());
    }
  }
  const review = /ReviewDateTime="(\d{4}-\d{2}-\d{2})/.exec(xml)?.[1];
  return { policyIdentifier: policy, classification, releasableTo, ...(review ? { reviewAt: review } : {}) };
}
