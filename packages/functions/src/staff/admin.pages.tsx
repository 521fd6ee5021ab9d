import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { languageName, locales, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { ErrorSummary, Field, Notice, fieldMessage, type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** Administration: each call's configuration as JSON, and the staff accounts. */
export function AdminPage({
  page,
  user,
  calls,
  users,
  editing,
  config,
  notice,
  errors = [],
}: {
  page: PageContext;
  user: User.Info;
  calls: Call.Info[];
  users: User.Info[];
  editing?: string;
  config?: string;
  notice?: string;
  errors?: FieldError[];
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.admin.heading")}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: editing ? "#config" : "#user-email",
          text: `${error.path ? `${error.path}: ` : ""}${fieldMessage(page, error)}`,
        }))}
      />
      <h2>{t("staff.admin.calls")}</h2>
      <ul>
        {calls.map((call) => (
          <li>
            <a href={`/staff/admin/calls/${call.id}`}>{t("staff.admin.edit", { id: call.id })}</a> —{" "}
            {pick(call.title, page.locale)}
          </li>
        ))}
      </ul>
      {editing !== undefined && (
        <form method="post" action={`/staff/admin/calls/${editing}`}>
          <Field
            id="config"
            label={
              <>
                {t("staff.admin.config")} — {editing}
              </>
            }
          >
            <textarea id="config" name="config" rows={24} spellcheck={false} class="code-input">
              {config ?? ""}
            </textarea>
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.admin.save")}</button>
          </p>
        </form>
      )}
      <h2>{t("staff.admin.users")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.admin.user.email")}</th>
            <th scope="col">{t("staff.admin.user.roles")}</th>
            <th scope="col">{t("staff.admin.user.calls")}</th>
            <th scope="col">{t("staff.admin.user.language")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((account) => (
            <tr>
              <td>{account.email}</td>
              <td>{account.roles.map((role) => t(`staff.role.${role}`)).join(", ")}</td>
              <td>{account.callIds.join(", ")}</td>
              <td>{languageName(account.language ?? "en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/staff/admin/users">
        <Field id="user-email" label={t("staff.admin.user.email")}>
          <input type="email" id="user-email" name="email" required autocomplete="off" />
        </Field>
        <fieldset>
          <legend>{t("staff.admin.user.roles")}</legend>
          {(["reviewer", "coordinator", "funder", "admin"] as const).map((role) => (
            <div class="choice">
              <input type="checkbox" id={`role-${role}`} name="roles" value={role} />
              <label for={`role-${role}`}>{t(`staff.role.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("staff.admin.user.calls")}</legend>
          {calls.map((call) => (
            <div class="choice">
              <input type="checkbox" id={`call-${call.id}`} name="callIds" value={call.id} />
              <label for={`call-${call.id}`}>{pick(call.title, page.locale)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="user-language" label={t("staff.admin.user.language")}>
          <select id="user-language" name="language">
            {locales.map((code) => (
              <option value={code}>{languageName(code)}</option>
            ))}
          </select>
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.admin.user.submit")}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
