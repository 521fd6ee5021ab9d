// One staff account (its roles, calls, language and status), the confirmation of a second-factor reset, and the
// log of who opened which application or file.
import type * as Call from "@amparo/core/call";
import { formatDateTime } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { Field, Notice, described, type PageContext } from "../shared/pages.js";
import { StaffAccountFields, StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

/**
 * One staff account: its roles, calls and language (an edit names the version it was made on), and a separate
 * form to deactivate or reactivate it.
 */
export function AccountPage({
  page,
  user,
  account,
  calls,
  notice,
  error,
}: {
  page: PageContext;
  user: User.Info;
  account: User.Info;
  calls: Call.Info[];
  notice?: string;
  error?: string;
}) {
  const { t } = page;
  const version = String(account.version ?? 0);
  const active = account.deactivatedAt === undefined;
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href="/staff/admin">{t("staff.admin.heading")}</a>
      </p>
      <h1>{t("staff.account.heading")}</h1>
      <p>
        <strong>{account.email}</strong> — {t(active ? "staff.account.active" : "staff.account.inactive")}
      </p>
      <Notice text={notice} />
      {error ? (
        <div class="summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <form method="post" action={`/staff/admin/users/${account.id}`}>
        <input type="hidden" name="version" value={version} />
        <StaffAccountFields page={page} calls={calls} account={account} />
        <StepUpField page={page} id="edit-code" required={false} help={t("staff.account.edit.step_up")} />
        <p class="actions">
          <button type="submit">{t("staff.account.save")}</button>
        </p>
      </form>
      <h2>{t("staff.account.status")}</h2>
      {account.id === user.id ? (
        <p>{t("staff.account.self_lockout")}</p>
      ) : (
        <form method="post" action={`/staff/admin/users/${account.id}/${active ? "deactivate" : "reactivate"}`}>
          <input type="hidden" name="version" value={version} />
          {active ? <p id="deactivate-help">{t("staff.account.deactivate.help")}</p> : null}
          <StepUpField page={page} id="activity-code" />
          <p class="actions">
            <button type="submit" class="secondary" {...(active ? { "aria-describedby": "deactivate-help" } : {})}>
              {t(active ? "staff.account.deactivate" : "staff.account.reactivate")}
            </button>
          </p>
        </form>
      )}
      <h2>{t("staff.account.reset.heading")}</h2>
      {account.id === user.id ? (
        <p>{t("staff.account.reset.self")}</p>
      ) : (
        <>
          <p>{t("staff.account.reset.help")}</p>
          <p>
            <a href={`/staff/admin/users/${account.id}/reset-second-factor`}>{t("staff.account.reset.open")}</a>
          </p>
        </>
      )}
    </StaffLayout>
  );
}

/**
 * The confirmation step of a second-factor reset: what it does and how to be sure of the request, then a POST
 * form naming the account's version (so a reset already done by another admin is not done twice).
 */
export function ResetSecondFactorPage({
  page,
  user,
  account,
}: {
  page: PageContext;
  user: User.Info;
  account: User.Info;
}) {
  const { t } = page;
  const path = `/staff/admin/users/${account.id}`;
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href={path}>{t("staff.account.heading")}</a>
      </p>
      <h1>{t("staff.account.reset.confirm_heading")}</h1>
      <p>
        <strong>{account.email}</strong>
      </p>
      <p>{t("staff.account.reset.what")}</p>
      <p>
        <strong>{t("staff.account.reset.check")}</strong>
      </p>
      {account.id === user.id ? (
        <p>{t("staff.account.reset.self")}</p>
      ) : (
        <form method="post" action={`${path}/reset-second-factor`}>
          <input type="hidden" name="version" value={String(account.version ?? 0)} />
          <StepUpField page={page} id="reset-code" />
          <p class="actions">
            <button type="submit">{t("staff.account.reset.confirm")}</button>{" "}
            <a href={path}>{t("staff.account.reset.cancel")}</a>
          </p>
        </form>
      )}
    </StaffLayout>
  );
}

/** Who opened which application or file, newest first, filtered by staff member and application (a GET form). */
export function AccessPage({
  page,
  user,
  users,
  items,
  filter,
  next,
}: {
  page: PageContext;
  user: User.Info;
  users: User.Info[];
  items: { type: string; userId: string; applicationId: string; at: string }[];
  filter: { userId?: string; applicationId?: string };
  next?: string;
}) {
  const { t } = page;
  const emails = new Map(users.map((account) => [account.id, account.email]));
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(filter.userId ? { user: filter.userId } : {}),
      ...(filter.applicationId ? { application: filter.applicationId } : {}),
      ...extra,
    }).toString();
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href="/staff/admin">{t("staff.admin.heading")}</a>
      </p>
      <h1 id="access-heading">{t("staff.access.heading")}</h1>
      <p>{t("staff.access.intro")}</p>
      <form method="get" action="/staff/admin/access" class="inline-form">
        <Field id="access-user" label={t("staff.access.staff")}>
          <select id="access-user" name="user">
            <option value="">{t("staff.access.all_staff")}</option>
            {users.map((account) => (
              <option value={account.id} selected={filter.userId === account.id}>
                {account.email}
              </option>
            ))}
          </select>
        </Field>
        <Field id="access-application" label={t("staff.access.application")} help={t("staff.access.application.help")}>
          <input
            type="text"
            id="access-application"
            name="application"
            value={filter.applicationId ?? ""}
            autocomplete="off"
            spellcheck={false}
            {...described("access-application", { help: true })}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.access.filter")}
          </button>
        </p>
      </form>
      {items.length === 0 ? (
        <p>{t("staff.access.none")}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="access-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.access.when")}</th>
                <th scope="col">{t("staff.access.application")}</th>
                <th scope="col">{t("staff.access.staff")}</th>
                <th scope="col">{t("staff.access.what")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <td>
                    <time datetime={item.at}>{formatDateTime(page.locale, item.at)}</time>
                  </td>
                  <td>
                    <a href={`/staff/applications/${item.applicationId}`}>{item.applicationId.slice(0, 8)}</a>
                  </td>
                  <td>{emails.get(item.userId) ?? item.userId.slice(0, 8)}</td>
                  <td>
                    {t(
                      item.type === "viewed"
                        ? "staff.access.viewed"
                        : item.type === "budget_file_downloaded"
                          ? "staff.access.downloaded"
                          : item.type === "document_downloaded"
                            ? "staff.access.document_downloaded"
                            : item.type === "report_opened"
                              ? "staff.access.report_opened"
                              : item.type === "report_document_downloaded"
                                ? "staff.access.report_document_downloaded"
                                : "staff.access.payment_method_opened",
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <a href={`/staff/admin/access?${query({ before: next })}`}>{t("staff.access.older")}</a>
        </p>
      ) : null}
    </StaffLayout>
  );
}
