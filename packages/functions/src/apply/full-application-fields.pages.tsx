// The full application's text: one word-limited field per question, under the concept note as sent.
import { formatDate, pick } from "@amparo/core/i18n";
import { ErrorSummary, Layout, Notice } from "../shared/pages.js";
import {
  Alert,
  BackLink,
  Locked,
  UnsavedText,
  VersionField,
  WordLimitedField,
  type WrittenPartProps,
} from "./application-blocks.js";
import {
  EarlierNote,
  SentFields,
  fullEditable,
  fullLockedReason,
  fullNamedMessage,
} from "./full-application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";

/**
 * The full application's text: one text area per field with its help and the word counts counted on save,
 * under the concept note as sent (folded). Read-only, with why, once it can no longer be changed.
 */
export function FullFieldsPage({
  page,
  call,
  app,
  report,
  saved = false,
  problems = [],
  changed = false,
  unsaved,
}: WrittenPartProps) {
  const { t } = page;
  const config = call.fullApplication;
  const full = app.fullApplication;
  if (!config || !full || !fullEditable(app)) {
    return (
      <Layout page={page}>
        <h1>{t("full.heading")}</h1>
        <Locked page={page} app={app} text={fullLockedReason(page, app)} />
        {config && full && <SentFields page={page} config={config} full={full} language={app.language} />}
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <span class="tag">{t("my.call", { title: pick(call.title, page.locale) })}</span>
      <h1>{t("full.heading")}</h1>
      <p class="lead">
        {t("full.intro")} <strong>{t("full.due", { date: formatDate(page.locale, full.dueAt) })}</strong>
      </p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <UnsavedText page={page} fields={config.fields} saved={full.fields} unsaved={unsaved} language={app.language} />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({
          href: `#${problem.path.split(".").at(-1) ?? ""}`,
          text: fullNamedMessage(page, config, problem),
        }))}
      />
      <EarlierNote page={page} call={call} app={app} />
      <form method="post" action={fullPaths.fields} autocomplete="off">
        <VersionField app={app} />
        {config.fields.map((field) => (
          <WordLimitedField
            page={page}
            field={field}
            value={full.fields[field.id] ?? ""}
            count={report.fields[field.id] ?? { words: 0, maxWords: field.maxWords, ok: true }}
            language={app.language}
          />
        ))}
        <p class="actions">
          <button type="submit">{t("note.save")}</button>
          <a href={fullPaths.review}>{t("my.review")}</a>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}
