import { t } from "../../i18n/index.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { CreateUserForm } from "./CreateUserForm.tsx";
import { OrganisationsSection } from "./OrganisationsSection.tsx";
import { UsersSection } from "./UsersSection.tsx";

/** Administration (admin role): users, their creation, and organisations. */
export function AdminPage() {
  useDocumentTitle(t("admin.title"));
  return (
    <RequireAuth roles={["admin"]} title={t("admin.title")}>
      {(user) => (
        <>
          <PageHeader title={t("admin.title")} lead={t("admin.lead")} />
          <nav className="in-page" aria-label={t("admin.onThisPage")}>
            <ul>
              <li>
                <a href="#admin-users">{t("admin.usersTitle")}</a>
              </li>
              <li>
                <a href="#admin-create-user">{t("admin.createUserTitle")}</a>
              </li>
              <li>
                <a href="#admin-organisations">{t("admin.organisationsTitle")}</a>
              </li>
            </ul>
          </nav>
          <UsersSection me={user} />
          <CreateUserForm />
          <OrganisationsSection />
        </>
      )}
    </RequireAuth>
  );
}
