import type { Role } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";

export const ALL_ROLES: readonly Role[] = ["admin", "staff", "delegation", "partner", "hq", "auditor", "analyst"];

export function roleName(role: Role): string {
  switch (role) {
    case "admin":
      return t("role.admin");
    case "staff":
      return t("role.staff");
    case "delegation":
      return t("role.delegation");
    case "partner":
      return t("role.partnerUser");
    case "hq":
      return t("role.hq");
    case "auditor":
      return t("role.auditor");
    case "analyst":
      return t("role.analyst");
  }
}
