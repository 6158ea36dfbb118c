import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { AppError } from "../../errors.js";
import { validationError } from "../shared/validation.js";
import { type TSeedData, ZSeedData } from "./seed-data.schema.js";

export type SeedNation = { code: string; numeric: string; name: string };
export type SeedFiles = TSeedData & { nations: SeedNation[] };

const YAML_FILES = {
  sources: "sources.yaml",
  organisations: "organisations.yaml",
  frameworks: "frameworks.yaml",
  memberships: "memberships.yaml",
  milestones: "milestones.yaml",
  policyRules: "policy-rules.yaml",
  areas: "areas.yaml",
  partnerAreas: "partner-areas.yaml",
  partnerEvents: "partner-events.yaml",
  operations: "operations.yaml",
} as const;

/** Reads and validates data/seed/: YAML files for the cited facts, nations.csv for ISO 3166. */
export function readSeedFiles(dir: string): SeedFiles {
  const raw: Record<string, unknown> = {};
  for (const [key, file] of Object.entries(YAML_FILES)) {
    raw[key] = parseYaml(readFileSync(path.join(dir, file), "utf8"));
  }
  const parsed = ZSeedData.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const data = { ...parsed.data, nations: readNationsCsv(path.join(dir, "nations.csv")) };
  checkUnique(data);
  checkCitations(data);
  return data;
}

/** Duplicate keys are reported by file and key, before the database would refuse them. */
function checkUnique(data: SeedFiles): void {
  const keyed: [string, string[]][] = [
    ["sources.yaml", data.sources.map((s) => s.id)],
    [
      "organisations.yaml / nations.csv",
      [...data.nations.map((n) => n.code), ...data.organisations.map((o) => o.code)],
    ],
    ["frameworks.yaml", data.frameworks.map((f) => f.code)],
    ["milestones.yaml", data.milestones.map((m) => m.id)],
    ["policy-rules.yaml", data.policyRules.map((r) => r.id)],
    ["areas.yaml", data.areas.map((a) => a.code)],
    ["partner-areas.yaml", data.partnerAreas.map((a) => `${a.nation}/${a.area}`)],
    ["operations.yaml", data.operations.map((o) => o.code)],
  ];
  for (const [file, keys] of keyed) {
    const seen = new Set<string>();
    const duplicate = keys.find((k) => seen.has(k) || !seen.add(k));
    if (duplicate !== undefined)
      throw new AppError("VALIDATION", `${file}: '${duplicate}' appears twice`, { file, key: duplicate });
  }
}

function readNationsCsv(file: string): SeedNation[] {
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  return lines.slice(1).map((line) => {
    const match = /^([A-Z]{3}),(\d{3}),(?:"((?:[^"]|"")*)"|(.*))$/.exec(line.trim());
    if (!match) throw new AppError("VALIDATION", `nations.csv: cannot read line '${line}'`);
    const name = match[3] !== undefined ? match[3].replace(/""/g, '"') : (match[4] ?? "");
    return { code: match[1] ?? "", numeric: match[2] ?? "", name };
  });
}

/** Every fact must cite a known source: a dangling citation is a data error, not a warning. */
function checkCitations(data: SeedFiles): void {
  const known = new Set(data.sources.map((s) => s.id));
  const cites: string[] = [
    ...data.organisations.map((o) => o.cite),
    ...data.frameworks.flatMap((f) => [f.cite, ...f.names.map((n) => n.cite)]),
    ...data.memberships.flatMap((g) => g.members.flatMap((m) => [m.cite, ...m.suspensions.map((s) => s.cite)])),
    ...data.milestones.map((m) => m.cite),
    ...data.policyRules.map((r) => r.cite),
    ...data.partnerAreas.map((a) => a.cite),
    ...data.partnerEvents.map((e) => e.cite),
    ...data.operations.map((o) => o.cite),
  ];
  const missing = [...new Set(cites.map((c) => c.split("#")[0] ?? c))].filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError("VALIDATION", `Seed data cites unknown sources: ${missing.join(", ")}`, { missing });
  }
}
