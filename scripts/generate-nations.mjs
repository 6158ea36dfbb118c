// Regenerates data/seed/nations.csv: node scripts/generate-nations.mjs > data/seed/nations.csv

import { createRequire } from "node:module";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
const names = countries.getNames("en", { select: "official" });
const rows = [];
for (const [a2, name] of Object.entries(names)) {
  const a3 = countries.alpha2ToAlpha3(a2);
  const num = countries.alpha2ToNumeric(a2);
  rows.push([a3, num, name]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
const overrides = {
  KOR: "Republic of Korea",
  PRK: "Democratic People's Republic of Korea",
  MKD: "North Macedonia",
  RUS: "Russia",
  MDA: "Moldova",
  GBR: "United Kingdom",
  USA: "United States",
  IRN: "Iran",
  SYR: "Syria",
  TZA: "Tanzania",
  VEN: "Venezuela",
  BOL: "Bolivia",
  LAO: "Laos",
  VNM: "Viet Nam",
  CZE: "Czechia",
  FSM: "Micronesia",
  PSE: "Palestine",
  TWN: "Taiwan",
  KGZ: "Kyrgyz Republic",
  BIH: "Bosnia and Herzegovina",
  COD: "Democratic Republic of the Congo",
  COG: "Republic of the Congo",
  ARE: "United Arab Emirates",
  NLD: "Netherlands",
  TUR: "Türkiye",
  CIV: "Côte d'Ivoire",
  BRN: "Brunei Darussalam",
  VAT: "Holy See",
};
const q = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
console.log("# ISO 3166-1 nations: alpha-3 code, numeric code, English short name.");
console.log(
  "# Generated once from the i18n-iso-countries package; names adjusted to NATO usage where noted in the overrides of scripts/generate-nations.mjs.",
);
console.log("code,numeric,name");
for (const [a3, num, name] of rows) console.log([a3, num, q(overrides[a3] ?? name)].join(","));
