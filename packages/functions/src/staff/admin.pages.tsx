// The administration page: the list of calls (each opens in the editor) and of staff accounts, with the forms
// that open a new call and add an account.
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { isReviewed, languageName, locales, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { ErrorSummary, Field, Notice, described, fieldMessage, type PageContext } from "../shared/pages.js";
import { StaffAccountFields, StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

/**
 * Where each interface language stands: reviewed by a native speaker or drafted without one, and which calls
 * offer a drafted one (docs/languages.md has the same table, with how a reviewer sends corrections).
 */
function InterfaceLanguages({ page, calls }: { page: PageContext; calls: Call.Info[] }) {
  const { t } = page;
  return (
    <>
      <h2 id="languages">{t("staff.admin.languages")}</h2>
      <p>{t("staff.admin.languages.intro")}</p>
      <table class="stacked">
        <thead>
          <tr>
            <th scope="col">{t("staff.admin.languages.language")}</th>
            <th scope="col">{t("staff.admin.languages.status")}</th>
            <th scope="col">{t("staff.admin.languages.offered")}</th>
          </tr>
        </thead>
        <tbody>
          {locales.map((code) => {
            const offering = calls.filter((call) => call.unreviewedLanguages.includes(code));
            return (
              <tr>
                <th scope="row">
                  {languageName(code, page.locale)} (<span lang={code}>{languageName(code)}</span>)
                </th>
                <td data-label={t("staff.admin.languages.status")}>
                  {t(isReviewed(code) ? "staff.admin.languages.reviewed" : "staff.admin.languages.unreviewed")}
                </td>
                <td data-label={t("staff.admin.languages.offered")}>
                  {isReviewed(code)
                    ? t("staff.admin.languages.every_call")
                    : offering.length > 0
                      ? offering.map((call) => call.id).join(", ")
                      : t("staff.admin.languages.no_call")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Administration: the calls (each opens in the editor) and the staff accounts. */
export function AdminPage({
  page,
  user,
  calls,
  users,
  notice,
  errors = [],
}: {
  page: PageContext;
  user: User.Info;
  calls: Call.Info[];
  users: User.Info[];
  notice?: string;
  errors?: FieldError[];
}) {
  const { t } = page;
  const codeError = errors.find((error) => error.path === "code");
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.admin.heading")}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: error.path === "newCallId" ? "#new-call-id" : error.path === "code" ? "#user-code" : "#user-email",
          text: `${error.path && error.path !== "newCallId" ? `${error.path}: ` : ""}${fieldMessage(page, error)}`,
        }))}
      />
      <h2>{t("staff.admin.calls")}</h2>
      <ul>
        {calls.map((call) => (
          <li>
            <a href={`/staff/admin/calls/${call.id}`}>{t("staff.admin.edit", { id: call.id })}</a> —{" "}
            {pick(call.title, page.locale)} (<a href={`/staff/admin/calls/${call.id}/json`}>{t("editor.json.link")}</a>)
          </li>
        ))}
      </ul>
      <form method="get" action="/staff/admin/calls" class="inline-form">
        <Field
          id="new-call-id"
          label={t("staff.admin.new_call")}
          help={t("editor.new_call.help")}
          error={errors.find((error) => error.path === "newCallId") ? t("call.issue.slug") : undefined}
        >
          <input
            type="text"
            id="new-call-id"
            name="id"
            autocomplete="off"
            spellcheck={false}
            {...described("new-call-id", { help: true })}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("editor.new_call.open")}
          </button>
        </p>
      </form>
      <InterfaceLanguages page={page} calls={calls} />
      <h2>{t("staff.admin.users")}</h2>
      {/* Six columns do not fit a phone: there each row stacks its cells, each named (`stacked`). */}
      <table class="stacked">
        <thead>
          <tr>
            <th scope="col">{t("staff.admin.user.email")}</th>
            <th scope="col">{t("staff.admin.user.roles")}</th>
            <th scope="col">{t("staff.admin.user.calls")}</th>
            <th scope="col">{t("staff.admin.user.language")}</th>
            <th scope="col">{t("staff.account.status")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("staff.account.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((account) => (
            <tr>
              <td data-label={t("staff.admin.user.email")}>{account.email}</td>
              <td data-label={t("staff.admin.user.roles")}>
                {account.roles.map((role) => t(`staff.role.${role}`)).join(", ")}
              </td>
              <td data-label={t("staff.admin.user.calls")}>{account.callIds.join(", ")}</td>
              <td data-label={t("staff.admin.user.language")}>{languageName(account.language ?? "en")}</td>
              <td data-label={t("staff.account.status")}>
                {t(account.deactivatedAt ? "staff.account.inactive" : "staff.account.active")}
              </td>
              <td>
                <a href={`/staff/admin/users/${account.id}`} aria-label={`${t("staff.account.edit")} ${account.email}`}>
                  {t("staff.account.edit")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/staff/admin/access">{t("staff.access.heading")}</a>
      </p>
      <form method="post" action="/staff/admin/users">
        <Field id="user-email" label={t("staff.admin.user.email")}>
          <input type="email" id="user-email" name="email" required autocomplete="off" />
        </Field>
        <StaffAccountFields page={page} calls={calls} />
        <StepUpField
          page={page}
          id="user-code"
          required={false}
          help={t("staff.admin.user.step_up")}
          {...(codeError ? { error: fieldMessage(page, codeError) } : {})}
        />
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.admin.user.submit")}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
