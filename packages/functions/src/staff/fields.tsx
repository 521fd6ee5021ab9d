import type * as Call from "@amparo/core/call";
import { languageName, pick, staffLocales } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import { Field, type PageContext } from "../shared/pages.js";

/**
 * Form controls the administration pages share: a tickable choice with its label, and the fields of a staff
 * account (roles, calls, language) that both the "add an account" form and an account's own page carry, so the
 * two forms cannot drift apart.
 */

/** One checkbox with its label after it, as every list of choices shows them. */
export function Choice({
  id,
  name,
  value,
  checked,
  label,
}: {
  id: string;
  name: string;
  value: string;
  /** Left out, the box carries no `checked` attribute at all. */
  checked?: boolean;
  label: Child;
}) {
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value={value} {...(checked ? { checked } : {})} />
      <label for={id}>{label}</label>
    </div>
  );
}

/**
 * A staff account's roles, calls and email language. With `account`, its current values are ticked and
 * selected; without, nothing is (a new account: the first language is the browser's default choice).
 */
export function StaffAccountFields({
  page,
  calls,
  account,
}: {
  page: PageContext;
  calls: Call.Info[];
  account?: Pick<User.Info, "roles" | "callIds" | "language">;
}) {
  const { t } = page;
  const language = account ? (account.language ?? "en") : undefined;
  return (
    <>
      <fieldset>
        <legend>{t("staff.admin.user.roles")}</legend>
        {User.Role.options.map((role) => (
          <Choice
            id={`role-${role}`}
            name="roles"
            value={role}
            checked={account?.roles.includes(role)}
            label={t(`staff.role.${role}`)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("staff.admin.user.calls")}</legend>
        {calls.map((call) => (
          <Choice
            id={`call-${call.id}`}
            name="callIds"
            value={call.id}
            checked={account?.callIds.includes(call.id)}
            label={pick(call.title, page.locale)}
          />
        ))}
      </fieldset>
      <Field id="user-language" label={t("staff.admin.user.language")}>
        <select id="user-language" name="language">
          {staffLocales.map((code) => (
            <option value={code} {...(language === code ? { selected: true } : {})}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/**
 * The fresh second-factor code a security action asks for (a code from the authenticator app, or an unused
 * recovery code), sent with the form it stands in. Never filled in again: a code is good once.
 */
export function StepUpField({
  page,
  id,
  help,
  error,
  required = true,
}: {
  page: PageContext;
  id: string;
  help?: string;
  error?: string;
  /** Left false where only some saves need it (a call's retention). */
  required?: boolean;
}) {
  const helpText = help ?? page.t("staff.account.step_up.help");
  return (
    <Field id={id} label={page.t("staff.account.step_up.code")} help={helpText} {...(error ? { error } : {})}>
      <input
        type="text"
        id={id}
        name="code"
        autocomplete="one-time-code"
        maxlength={40}
        {...(required ? { required: true } : {})}
        aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
        {...(error ? { "aria-invalid": "true" } : {})}
      />
    </Field>
  );
}
