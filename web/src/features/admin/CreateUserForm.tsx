import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import type { Clearance, CreateUserInput, Role, User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import {
  ErrorSummary,
  Field,
  FieldErrorText,
  fieldErrorsOf,
  type SummaryItem,
  useFieldErrors,
} from "../../ui/Field.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { classificationName } from "../../ui/LabelBadge.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { ALL_ROLES, roleName } from "../auth/roles.ts";
import { generatePassword } from "./password.ts";
import { USERS_KEY, useOrganisations } from "./queries.ts";

type FieldName = "username" | "displayName" | "email" | "organisationId" | "clearance" | "roles" | "password";
const FIELDS: FieldName[] = ["username", "displayName", "email", "organisationId", "clearance", "roles", "password"];
const CLEARANCES: Clearance[] = ["NU", "NR", "NC", "NS"];

const toField = (f: string): FieldName | null => {
  const head = f.split(".")[0] ?? "";
  return (FIELDS as string[]).includes(head) ? (head as FieldName) : null;
};

export function CreateUserForm() {
  const id = useId();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [organisationId, setOrganisationId] = useState("");
  const [clearance, setClearance] = useState<Clearance>("NU");
  const [roles, setRoles] = useState<Role[]>([]);
  const [poc, setPoc] = useState(false);
  const [password, setPassword] = useState(() => generatePassword());
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  const create = useMutation({
    mutationFn: (input: CreateUserInput) => api.createUser(input),
    onSuccess: (user, input) => {
      setCreated({ user, password: input.password });
      setUsername("");
      setDisplayName("");
      setRoles([]);
      setPoc(false);
      setPassword(generatePassword());
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });

  const { errors, edited } = useFieldErrors<FieldName>(create.error, toField);
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const ids: Record<FieldName, string> = {
    username: `${id}-username`,
    displayName: `${id}-display`,
    email: `${id}-email`,
    organisationId: `${id}-org`,
    clearance: `${id}-clearance`,
    roles: `${id}-role-${ALL_ROLES[0]}`,
    password: `${id}-password`,
  };
  const labels: Record<FieldName, string> = {
    username: t("admin.username"),
    displayName: t("admin.displayName"),
    email: t("admin.email"),
    organisationId: t("admin.organisation"),
    clearance: t("admin.clearance"),
    roles: t("admin.roles"),
    password: t("admin.initialPassword"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({
      username: username.trim(),
      displayName: displayName.trim(),
      organisationId,
      clearance,
      roles,
      isPointOfContact: poc,
      ...(email.trim() === "" ? {} : { email: email.trim() }),
      password,
    });
  };

  const toggleRole = (role: Role, on: boolean) => {
    setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));
    edited("roles");
  };

  return (
    <section className="section" aria-labelledby="admin-create-user">
      <div className="section__head">
        <h2 id="admin-create-user">{t("admin.createUserTitle")}</h2>
      </div>
      {created ? (
        <div className="notice notice--ok created-user" role="status">
          <Icon name="check" />
          <div>
            <p>{t("admin.userCreated", { name: created.user.displayName, username: created.user.username })}</p>
            <p className="secret-once__value">
              <code>{created.password}</code> <CopyButton text={created.password} label={t("admin.copyPassword")} />
            </p>
          </div>
        </div>
      ) : null}
      <form className="card form form--grid" onSubmit={onSubmit} noValidate aria-labelledby="admin-create-user">
        <ErrorSummary items={summary} message={general} trigger={create.error} />
        <div className="form-grid">
          <Field id={ids.username} label={labels.username} hint={t("admin.usernameHint")} error={errors.username}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={username}
                onChange={(e) => {
                  setUsername(e.target.value);
                  edited("username");
                }}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </Field>
          <Field id={ids.displayName} label={labels.displayName} error={errors.displayName}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={displayName}
                onChange={(e) => {
                  setDisplayName(e.target.value);
                  edited("displayName");
                }}
              />
            )}
          </Field>
          <Field id={ids.email} label={labels.email} hint={t("admin.emailHint")} error={errors.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                value={email}
                autoComplete="off"
                onChange={(e) => {
                  setEmail(e.target.value);
                  edited("email");
                }}
              />
            )}
          </Field>
          <Field id={ids.organisationId} label={labels.organisationId} error={errors.organisationId}>
            {(control) => (
              <select
                {...control}
                value={organisationId}
                onChange={(e) => {
                  setOrganisationId(e.target.value);
                  edited("organisationId");
                }}
                disabled={organisations.isPending}
              >
                <option value="">{organisations.isPending ? t("state.loading") : t("admin.chooseOrganisation")}</option>
                {(organisations.data?.organisations ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids.clearance} label={labels.clearance} error={errors.clearance}>
            {(control) => (
              <select {...control} value={clearance} onChange={(e) => setClearance(e.target.value as Clearance)}>
                {CLEARANCES.map((c) => (
                  <option key={c} value={c}>
                    {classificationName(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset
            className={`field checkbox-group form-grid__wide${errors.roles ? " field--error" : ""}`}
            aria-describedby={errors.roles ? `${id}-roles-error` : undefined}
          >
            <legend>{labels.roles}</legend>
            {errors.roles ? <FieldErrorText id={`${id}-roles-error`} message={errors.roles} /> : null}
            <div className="checkbox-group__options">
              {ALL_ROLES.map((role) => (
                <label key={role} className="checkbox" htmlFor={`${id}-role-${role}`}>
                  <input
                    id={`${id}-role-${role}`}
                    type="checkbox"
                    checked={roles.includes(role)}
                    onChange={(e) => toggleRole(role, e.target.checked)}
                  />
                  <span>{roleName(role)}</span>
                </label>
              ))}
            </div>
            <p className="field__hint">{t("admin.rolesHint")}</p>
          </fieldset>
          <div className="field form-grid__wide">
            <label className="checkbox" htmlFor={`${id}-poc`}>
              <input id={`${id}-poc`} type="checkbox" checked={poc} onChange={(e) => setPoc(e.target.checked)} />
              <span>{t("admin.pocLabel")}</span>
            </label>
            <p className="field__hint checkbox__hint">{t("admin.pocHint")}</p>
          </div>
          <Field
            id={ids.password}
            label={labels.password}
            hint={t("admin.initialPasswordHint")}
            error={errors.password}
            className="form-grid__wide"
          >
            {(control) => (
              <div className="password-row">
                <input
                  {...control}
                  type="text"
                  className="input--mono"
                  value={password}
                  onChange={(e) => {
                    setPassword(e.target.value);
                    edited("password");
                  }}
                  autoComplete="new-password"
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setPassword(generatePassword())}
                >
                  <Icon name="refresh" />
                  {t("admin.generate")}
                </button>
              </div>
            )}
          </Field>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("admin.creating") : t("admin.createUser")}
          </button>
        </div>
      </form>
    </section>
  );
}
