import * as Application from "@amparo/core/application";
import type * as Call from "@amparo/core/call";
import { countryName, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { Field, type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** Before any content: an assigned reviewer declares a conflict of interest, or none. */
export function ConflictPage({
  page,
  user,
  id,
  declared = false,
  identity,
  call,
}: {
  page: PageContext;
  user: User.Info;
  id: string;
  declared?: boolean;
  /** What the applicant gave for conflict checks (shown before the declaration only). */
  identity?: Application.StaffIdentity;
  /** The application's call (shown before the declaration only, as the API's `BeforeDeclaration` gives it). */
  call?: Call.Info;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.conflict.heading")}</h1>
      {declared ? (
        <p>{t("staff.conflict.declared")}</p>
      ) : (
        <form method="post" action={`/staff/applications/${id}/conflict`}>
          {call && <p>{t("staff.conflict.about", { id: id.slice(0, 8), call: pick(call.title, page.locale) })}</p>}
          <p>{t("staff.conflict.intro")}</p>
          {identity && (
            <>
              <p>{t("staff.identity.intro")}</p>
              <dl class="sent identity">
                <dt>{t("staff.identity.name")}</dt>
                <dd>{identity.name ?? t("staff.identity.not_given")}</dd>
                <dt>{t("staff.identity.country")}</dt>
                <dd>
                  {identity.country ? countryName(identity.country, page.locale) : t("staff.identity.not_given")}
                  {identity.countryFromQuiz && <span class="note"> {t("staff.identity.from_quiz")}</span>}
                </dd>
              </dl>
            </>
          )}
          <fieldset>
            <legend>{t("staff.conflict.heading")}</legend>
            <div class="choice">
              <input type="radio" id="conflict-no" name="conflict" value="no" required />
              <label for="conflict-no">{t("staff.conflict.none")}</label>
            </div>
            <div class="choice">
              <input type="radio" id="conflict-yes" name="conflict" value="yes" />
              <label for="conflict-yes">{t("staff.conflict.yes")}</label>
            </div>
          </fieldset>
          <Field id="note" label={t("staff.conflict.note")}>
            <textarea id="note" name="note" rows={3} />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.conflict.submit")}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}
