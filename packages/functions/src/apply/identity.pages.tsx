import * as Application from "@amparo/core/application";
import * as Country from "@amparo/core/country";
import { countryName, type Locale } from "@amparo/core/i18n";
import { ErrorSummary, Field, Layout, Notice, described, type PageContext, draftFormId } from "../shared/pages.js";

/** "About you", how reviewers should know the applicant, so they can recognise a conflict. */
export const identityPath = "/apply/my/about";

/** Every country of the quiz's list, by its name in the reader's language. */
function countryOptions(locale: Locale) {
  return Country.codes
    .map((code) => ({ value: code, label: countryName(code, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The name or organisation and country, as the review step shows them (and reviewers will see them). */
export function SentIdentity({ page, identity }: { page: PageContext; identity: Application.Identity | undefined }) {
  const { t } = page;
  return (
    <dl class="sent">
      <dt>{t("identity.name")}</dt>
      {identity?.name ? <dd>{identity.name}</dd> : <dd class="note">{t("review.not_given")}</dd>}
      <dt>{t("identity.country")}</dt>
      {identity?.country ? (
        <dd>{countryName(identity.country, page.locale)}</dd>
      ) : (
        <dd class="note">{t("review.not_given")}</dd>
      )}
    </dl>
  );
}

/**
 * The optional "About you" step: a name or organisation and a country, the only things an assigned reviewer
 * sees before declaring a conflict of interest. Read-only once the application can no longer be changed.
 */
export function IdentityPage({
  page,
  app,
  locked,
  values,
  error,
  saved = false,
}: {
  page: PageContext;
  app: Application.Info;
  /** Why it can no longer be changed, when it cannot. */
  locked?: string;
  /** What was typed, shown again when it was refused. */
  values?: { name: string; country: string };
  error?: string;
  saved?: boolean;
}) {
  const { t } = page;
  const back = (
    <p class="back">
      <a href="/apply/my">{t("my.back")}</a>
    </p>
  );
  if (locked) {
    return (
      <Layout page={page}>
        <h1>{t("identity.heading")}</h1>
        <p class="locked">{locked}</p>
        <SentIdentity page={page} identity={app.identity} />
        {back}
      </Layout>
    );
  }
  const current = values ?? { name: app.identity?.name ?? "", country: app.identity?.country ?? "" };
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action: identityPath }}>
      <h1>{t("identity.heading")}</h1>
      <p class="lead">{t("identity.intro")}</p>
      <Notice text={saved ? t("identity.saved") : undefined} />
      <ErrorSummary page={page} items={error ? [{ href: "#identity-name", text: error }] : []} />
      <form method="post" action={identityPath} id={draftFormId} autocomplete="off">
        <input type="hidden" name="_version" value={String(app.version)} />
        <Field
          id="identity-name"
          label={t("identity.name")}
          help={t("identity.name.help")}
          {...(error ? { error } : {})}
        >
          <input
            type="text"
            id="identity-name"
            name="name"
            dir="auto"
            value={current.name}
            maxlength={200}
            autocomplete="off"
            {...described("identity-name", { help: true, error })}
            class={error ? "invalid" : undefined}
          />
        </Field>
        <Field id="identity-country" label={t("identity.country")}>
          <select id="identity-country" name="country">
            <option value="">{t("review.not_given")}</option>
            {countryOptions(page.locale).map((option) => (
              <option value={option.value} selected={option.value === current.country}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <p class="actions">
          <button type="submit">{t("identity.save")}</button>
        </p>
      </form>
      {back}
    </Layout>
  );
}
