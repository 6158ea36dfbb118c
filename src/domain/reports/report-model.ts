import type { TForceGenerationBoard } from "../force-generation/force-generation.schema.js";
import { CLASSIFICATION_NAMES, CLASSIFICATIONS, type TClassification } from "../labels/labels.schema.js";
import type { TContributionHistory, TPlacemat } from "../operations/operations.schema.js";
import type { TBriefing } from "./reports.schema.js";

// One neutral model for both renderers (PDF and XLSX): a document is a title, a marking and
// sections of tables, so the two exports always show the same content.

export type ReportCell = string | number | null;
export type ColumnKind = "text" | "number" | "date" | "percent";
export type ReportColumn = Readonly<{
  header: string;
  kind: ColumnKind /** Relative width in the PDF. */;
  width: number;
}>;
export type ReportSection = Readonly<{
  title: string;
  /** The XLSX sheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  columns: readonly ReportColumn[];
  rows: readonly (readonly ReportCell[])[];
  /** Shown when there are no rows. */
  empty: string;
}>;
export type ReportBar = Readonly<{ label: string; value: number }>;
export type ReportChart = Readonly<{ title: string; bars: readonly ReportBar[] }>;
export type ReportDocument = Readonly<{
  title: string;
  subtitle: string;
  marking: string;
  sections: readonly ReportSection[];
  /** Drawn after the first section (the placemat chart). */
  chart: ReportChart | null;
}>;

/** The operation report: placemat on a date, troop history and the force generation fill. */
export type OperationReport = Readonly<{
  asOf: string;
  generatedAt: string;
  placemat: TPlacemat;
  history: TContributionHistory;
  forceGeneration: TForceGenerationBoard;
  marking: string;
}>;

/** The classification a marking starts with ("NATO RESTRICTED // RELEASABLE TO JPN" is NR). */
export function classificationOfMarking(marking: string): TClassification {
  let found: TClassification = "PUBLIC";
  for (const c of CLASSIFICATIONS) {
    const name = CLASSIFICATION_NAMES[c];
    if (marking === name || marking.startsWith(`${name} `)) found = c;
  }
  return found;
}

/** The highest classification among the markings of what a report shows, as its own marking. */
export function highestMarking(markings: readonly string[]): string {
  let rank = 0;
  for (const m of markings) rank = Math.max(rank, CLASSIFICATIONS.indexOf(classificationOfMarking(m)));
  return CLASSIFICATION_NAMES[CLASSIFICATIONS[rank] ?? "PUBLIC"];
}

const NUMBER = new Intl.NumberFormat("en-GB");

const text = (header: string, width = 2): ReportColumn => ({ header, kind: "text", width });
const num = (header: string, width = 1): ReportColumn => ({ header, kind: "number", width });
const date = (header: string, width = 1.2): ReportColumn => ({ header, kind: "date", width });

export function briefingDocument(b: TBriefing): ReportDocument {
  const p = b.programme;
  return {
    title: `Partner briefing: ${b.nation.name} (${b.nation.code})`,
    subtitle: `As of ${b.asOf}. Generated ${b.generatedAt}.`,
    marking: b.marking,
    chart: null,
    sections: [
      {
        title: "Frameworks",
        sheet: "Frameworks",
        columns: [text("Code", 1), text("Framework", 3), date("Since")],
        rows: b.frameworks.map((f) => [f.code, f.name, f.since]),
        empty: "Not a member of any partnership framework on this date.",
      },
      {
        title: "Areas of cooperation",
        sheet: "Areas",
        columns: [text("Code", 1), text("Area", 3), text("Extent", 1)],
        rows: b.areas.map((a) => [a.code, a.name, a.extent]),
        empty: "No areas of cooperation recorded.",
      },
      {
        title: "Partnership programme",
        sheet: "Programme",
        columns: [text("Title", 3), text("Type", 1), text("Status", 1), date("Start"), date("End")],
        rows: p ? [[p.title, p.type, p.status, p.periodStart, p.periodEnd]] : [],
        empty: "No programme.",
      },
      {
        title: "Recognition as a contributor",
        sheet: "Recognitions",
        columns: [text("Operation", 1), text("Name", 3), text("Status", 1), date("Recognised from"), date("Until")],
        rows: b.recognitions.map((r) => [
          r.operation.code,
          r.operation.name,
          r.status,
          r.recognisedFrom,
          r.recognisedTo,
        ]),
        empty: "No recognition cases.",
      },
      {
        title: "Contributions",
        sheet: "Contributions",
        columns: [
          text("Operation", 1),
          text("Kind", 1.3),
          date("As of"),
          num("Troops"),
          num("Amount", 1.2),
          text("Currency", 0.8),
          text("Description", 3),
        ],
        rows: b.contributions.map((c) => [
          c.operation.code,
          c.kind,
          c.asOf,
          c.troops,
          c.amount,
          c.currency,
          c.description,
        ]),
        empty: "No contributions recorded.",
      },
      {
        title: "Liaison officers and representatives",
        sheet: "Postings",
        columns: [text("Officer", 2), text("Headquarters", 1.3), text("Role", 1.5), date("Start"), date("End")],
        rows: b.postings.map((x) => [x.officerName, x.headquarters, x.role, x.startDate, x.endDate]),
        empty: "No postings.",
      },
      {
        title: "Meetings",
        sheet: "Meetings",
        columns: [date("Date"), text("Title", 4), text("Status", 1.2)],
        rows: b.meetings.map((m) => [m.meetingDate, m.title, m.status]),
        empty: "No meetings.",
      },
      {
        title: "Participation in activities",
        sheet: "Activities",
        columns: [text("Reference", 1.2), text("Title", 4), date("Start")],
        rows: [
          [`Nominated: ${b.activities.nominated}`, `Confirmed: ${b.activities.confirmed}`, null],
          [`Attended: ${b.activities.attended}`, null, null],
          ...b.activities.recent.map((a) => [a.reference, a.title, a.startDate]),
        ],
        empty: "No participation.",
      },
      {
        title: "Open action items",
        sheet: "Action items",
        columns: [date("Due"), text("Action", 4), text("Status", 1.2)],
        rows: b.openActionItems.map((a) => [a.dueDate, a.text, a.status]),
        empty: "No open action items.",
      },
    ],
  };
}

export function operationReportDocument(r: OperationReport): ReportDocument {
  const { placemat, history, forceGeneration: fg } = r;
  const dates = history.dates;
  const historyRows = history.series.map((s) => {
    const byDate = new Map(s.points.map((pt) => [pt.asOf, pt.troops]));
    return [s.nation.code, s.nation.name, ...dates.map((d) => byDate.get(d) ?? null)];
  });
  return {
    title: `Operation report: ${placemat.operation.name} (${placemat.operation.code})`,
    subtitle: `Contributors as of ${r.asOf}. Generated ${r.generatedAt}.`,
    marking: r.marking,
    chart: {
      title: `Troops by nation on ${placemat.asOf}`,
      bars: placemat.rows.flatMap((row) =>
        row.troops === null ? [] : [{ label: row.nation.name, value: row.troops }],
      ),
    },
    sections: [
      {
        title: `Placemat: ${placemat.contributingNations} contributing nations, ${NUMBER.format(placemat.totalTroops)} troops`,
        sheet: "Placemat",
        columns: [
          text("Code", 0.8),
          text("Nation", 2.5),
          text("Ally", 0.7),
          num("Troops"),
          date("Snapshot"),
          date("Recognised from"),
        ],
        rows: placemat.rows.map((row) => [
          row.nation.code,
          row.nation.name,
          row.ally ? "yes" : "no",
          row.troops,
          row.snapshotDate,
          row.recognisedFrom,
        ]),
        empty: "No contributors on this date.",
      },
      {
        title: "Contribution history (troops)",
        sheet: "Troop history",
        columns: [text("Code", 0.8), text("Nation", 2), ...dates.map((d) => num(d))],
        rows: historyRows,
        empty: "No troop snapshots.",
      },
      {
        title: `Force generation: ${NUMBER.format(fg.totals.accepted)} of ${NUMBER.format(fg.totals.quantity)} filled, gap ${NUMBER.format(fg.totals.gap)}`,
        sheet: "Force generation",
        columns: [
          num("Line", 0.6),
          text("Capability", 3),
          text("Location", 1.5),
          num("Required"),
          num("Accepted"),
          num("Gap", 0.8),
          { header: "Fill", kind: "percent", width: 0.8 },
        ],
        rows: [
          ...fg.lines.map((l) => [l.lineNumber, l.capability, l.location, l.quantity, l.accepted, l.gap, l.fillRate]),
          ...(fg.lines.length > 0
            ? [[null, "Total", null, fg.totals.quantity, fg.totals.accepted, fg.totals.gap, fg.totals.fillRate]]
            : []),
        ],
        empty: "No statement of requirements.",
      },
    ],
  };
}
