import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { t } from "../../i18n/index.ts";
import { programmesApi } from "./api.ts";
import { contentOf, type Draft, draftOf } from "./draft.ts";
import { ProgrammeForm } from "./ProgrammeForm.tsx";
import { PROGRAMMES_KEY, programmeKey } from "./queries.ts";
import type { Programme, ProgrammeRevisionInput } from "./types.ts";

/**
 * The builder on an existing programme: saves a new revision based on the revision the editor
 * started from. If someone saved in between (409 CONFLICT), says so and offers to reload.
 */
export function EditProgramme({
  programme,
  onDone,
}: {
  programme: Programme;
  onDone: (revision: number | null) => void;
}) {
  const queryClient = useQueryClient();
  // The revision this editing session started from; it moves only on "reload".
  const [base, setBase] = useState(() => ({ revision: programme.currentRevision, draft: draftOf(programme) }));
  const [session, setSession] = useState(0);
  const known = Object.fromEntries(programme.activities.map((a) => [a.id, { reference: a.reference, title: a.title }]));
  const save = useMutation({
    mutationFn: (input: ProgrammeRevisionInput) => programmesApi.revise(programme.id, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(programmeKey(programme.id), saved);
      void queryClient.invalidateQueries({ queryKey: programmeKey(programme.id) });
      void queryClient.invalidateQueries({ queryKey: PROGRAMMES_KEY });
      onDone(saved.currentRevision);
    },
    onError: (error) => {
      // A stale base: fetch the programme again so the message can name the revision saved meanwhile.
      if (error instanceof ApiError && error.code === "CONFLICT") {
        void queryClient.invalidateQueries({ queryKey: programmeKey(programme.id) });
      }
    },
  });
  const conflict = save.error instanceof ApiError && save.error.code === "CONFLICT";
  // The API names the revision saved meanwhile; the refetched programme says it too.
  const told = save.error instanceof ApiError ? save.error.details.currentRevision : undefined;
  const latest = typeof told === "number" ? Math.max(told, programme.currentRevision) : programme.currentRevision;
  const reload = () => {
    setBase({ revision: programme.currentRevision, draft: draftOf(programme) });
    setSession((n) => n + 1);
    save.reset();
  };
  const submit = (d: Draft, note: string) =>
    save.mutate({ title: d.title.trim(), content: contentOf(d), expectedRevision: base.revision, note });
  const notice = conflict ? (
    <div className="notice notice--warn programme-conflict" role="alert">
      <div>
        <p>
          <strong>
            {latest > base.revision
              ? t("programmeEdit.conflictN", { n: latest, base: base.revision })
              : t("programmeEdit.conflict", { base: base.revision })}
          </strong>
        </p>
        <p>{t("programmeEdit.conflictHelp")}</p>
        <button type="button" className="button button--secondary button--small" onClick={reload}>
          {t("programmeEdit.reload")}
        </button>
      </div>
    </div>
  ) : null;
  return (
    <section className="section" aria-labelledby="programme-edit-title">
      <div className="section__head">
        <h2 id="programme-edit-title">{t("programmeEdit.title", { n: base.revision })}</h2>
        <p>{t("programmeEdit.lead")}</p>
      </div>
      <ProgrammeForm
        key={session}
        mode="edit"
        initial={base.draft}
        knownActivities={known}
        nations={null}
        error={conflict ? null : save.error}
        pending={save.isPending}
        submitLabel={t("programmeEdit.save")}
        onSubmit={submit}
        onCancel={() => onDone(null)}
        notice={notice}
      />
    </section>
  );
}
