import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNations } from "../../api/queries.ts";
import type { User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate } from "../../router/router.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { programmesApi } from "./api.ts";
import { contentOf, type Draft, emptyDraft } from "./draft.ts";
import { PROGRAMME_AUTHORS, PROGRAMME_STAFF } from "./labels.ts";
import { ProgrammeForm } from "./ProgrammeForm.tsx";
import { PROGRAMMES_KEY } from "./queries.ts";
import type { ProgrammeInput } from "./types.ts";

/** The programme builder for a new programme (a draft); saving opens its page. */
export function NewProgrammePage(_props: { id?: string }) {
  useDocumentTitle(t("programmeNew.title"));
  return (
    <RequireAuth roles={PROGRAMME_AUTHORS} title={t("programmeNew.title")}>
      {(user) => <NewProgramme user={user} />}
    </RequireAuth>
  );
}

function NewProgramme({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const isStaff = hasAnyRole(user, PROGRAMME_STAFF);
  const nations = useNations();
  const create = useMutation({
    mutationFn: (input: ProgrammeInput) => programmesApi.create(input),
    onSuccess: (programme) => {
      void queryClient.invalidateQueries({ queryKey: PROGRAMMES_KEY });
      navigate(`/programmes/${encodeURIComponent(programme.id)}`);
    },
  });
  const choices = isStaff
    ? (nations.data?.nations ?? [])
        .filter((n) => n.kind === "state")
        .map((n) => ({ code: n.code, name: n.name }))
        .sort((a, b) => a.name.localeCompare(b.name))
    : null;
  const save = (d: Draft) =>
    create.mutate({
      ...(isStaff ? { nation: d.nation } : {}),
      title: d.title.trim(),
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      content: contentOf(d),
    });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/programmes">{t("programmes.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("programmeNew.title")}</span>
      </p>
      <PageHeader title={t("programmeNew.title")} lead={t("programmeNew.lead")} />
      <ProgrammeForm
        mode="create"
        initial={emptyDraft(isStaff ? "" : (user.organisation.nation ?? ""))}
        knownActivities={{}}
        nations={choices}
        error={create.error}
        pending={create.isPending}
        submitLabel={t("programmeNew.save")}
        onSubmit={save}
        onCancel={() => navigate("/programmes")}
      />
    </>
  );
}
