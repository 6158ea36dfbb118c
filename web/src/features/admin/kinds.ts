import type { OrganisationKind } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  "alliance-staff",
  "command",
  "delegation",
  "mission",
  "international-organisation",
];

export function kindName(kind: OrganisationKind): string {
  switch (kind) {
    case "alliance-staff":
      return t("orgKind.allianceStaff");
    case "command":
      return t("orgKind.command");
    case "delegation":
      return t("orgKind.delegation");
    case "mission":
      return t("orgKind.mission");
    case "international-organisation":
      return t("orgKind.internationalOrganisation");
  }
}
