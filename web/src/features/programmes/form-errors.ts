import { t } from "../../i18n/index.ts";

// The API names fields by path ("content.activities.2.plannedParticipants"); the builder gives each
// control the id derived from that path, so an error sits beside its field and the summary links to it.

export type FormErrors = {
  /** The message for exactly this API field, if any. */
  of: (path: string) => string | undefined;
  /** The DOM id of the control for this API field. */
  idOf: (path: string) => string;
  /** Hides the field's error once the user changes it. */
  edited: (path: string) => void;
};

/** The control an API field's error should point at (some fields have no control of their own). */
export function targetPath(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "content" && parts[1] === "activities" && parts.length >= 3) {
    return `content.activities.${parts[2]}.plannedParticipants`;
  }
  if (parts[0] === "content" && parts.length === 2) return path;
  if (parts[0] === "content" && parts[1] === "areas") return "content.areas";
  return path;
}

/** A reader's name for an API field: "Objective 2", "Activity 3: planned participants". */
export function pathLabel(path: string): string {
  const [head, list, index, field] = path.split(".");
  if (head !== "content") {
    if (head === "title") return t("programmeForm.title");
    if (head === "periodStart") return t("programmeForm.periodStart");
    if (head === "periodEnd") return t("programmeForm.periodEnd");
    if (head === "nation") return t("programmeForm.nation");
    if (head === "note") return t("programmeForm.note");
    return path;
  }
  const n = index === undefined ? null : Number(index) + 1;
  switch (list) {
    case "areas":
      return t("programmeForm.areas");
    case "objectives":
      return n === null ? t("programmeForm.objectivesList") : t("programmeForm.objectiveN", { n });
    case "goals":
      return n === null ? t("programmeForm.goalsList") : t("programmeForm.goalN", { n });
    case "activities":
      if (n === null) return t("programmeForm.activitiesList");
      return field === "plannedParticipants"
        ? t("programmeForm.activityNPlanned", { n })
        : t("programmeForm.activityN", { n });
    case "sections":
      if (n === null) return t("programmeForm.sectionsList");
      return field === "title" ? t("programmeForm.sectionNTitle", { n }) : t("programmeForm.sectionNText", { n });
    default:
      return path;
  }
}
