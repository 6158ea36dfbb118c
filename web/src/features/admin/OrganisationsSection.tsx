import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import type { CreateOrganisationInput, OrganisationKind } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem } from "../../ui/Field.tsx";
import { DataTable, errorMessage, ListState } from "../../ui/States.tsx";
import { kindName, ORGANISATION_KINDS } from "./kinds.ts";
import { ORGANISATIONS_KEY, useOrganisations } from "./queries.ts";

type FieldName = "name" | "kind" | "nation";

export function OrganisationsSection() {
  const id = useId();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OrganisationKind>("mission");
  const [nation, setNation] = useState("");
  const [createdName, setCreatedName] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: CreateOrganisationInput) => api.createOrganisation(input),
    onSuccess: (org) => {
      setCreatedName(org.name);
      setName("");
      setNation("");
      void queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
    },
  });
  const errors = fieldErrorsOf<FieldName>(create.error, (f) =>
    f === "name" || f === "kind" || f === "nation" ? f : null,
  );
  const general = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : undefined;
  const labels: Record<FieldName, string> = {
    name: t("orgs.name"),
    kind: t("orgs.kind"),
    nation: t("orgs.nation"),
  };
  const summary: SummaryItem[] = (["name", "kind", "nation"] as const).flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: `${id}-${f}`, label: labels[f], message }] : [];
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreatedName(null);
    create.mutate({ name: name.trim(), kind, nation: nation.trim() === "" ? null : nation.trim() });
  };
  const list = organisations.data?.organisations ?? [];

  return (
    <section className="section" aria-labelledby="admin-organisations">
      <div className="section__head">
        <h2 id="admin-organisations">{t("admin.organisationsTitle")}</h2>
      </div>
      <div className="orgs-layout">
        <div>
          <ListState query={organisations} isEmpty={list.length === 0} empty={t("orgs.empty")}>
            <DataTable
              caption={t("admin.organisationsTitle")}
              columns={[t("orgs.name"), t("orgs.kind"), t("orgs.nation"), t("orgs.col.created")]}
            >
              {list.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className="wrap">
                    {o.name}
                  </th>
                  <td>{kindName(o.kind)}</td>
                  <td>{o.nation ?? <span className="muted">{t("orgs.noNation")}</span>}</td>
                  <td>
                    <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </DataTable>
          </ListState>
        </div>
        <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className="form__title">
            {t("orgs.createTitle")}
          </h3>
          {createdName ? (
            <p className="notice notice--ok" role="status">
              {t("orgs.createdMessage", { name: createdName })}
            </p>
          ) : null}
          <ErrorSummary items={summary} message={general} trigger={create.error} />
          <Field id={`${id}-name`} label={labels.name} error={errors.name}>
            {(control) => <input {...control} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field id={`${id}-kind`} label={labels.kind} error={errors.kind}>
            {(control) => (
              <select {...control} value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
                {ORGANISATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindName(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-nation`} label={labels.nation} hint={t("orgs.nationHint")} error={errors.nation}>
            {(control) => (
              <input
                {...control}
                type="text"
                className="input--short"
                value={nation}
                maxLength={8}
                onChange={(e) => setNation(e.target.value.toUpperCase())}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" disabled={create.isPending}>
              {t("orgs.create")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
