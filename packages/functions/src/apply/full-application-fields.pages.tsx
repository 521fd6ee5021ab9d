// The full application's text: one word-limited field per question, under the concept note as sent.
import * as Application from "@amparo/core/application";
import { formatDate } from "@amparo/core/i18n";
import { CallTag, Layout, Notice, draftFormId } from "../shared/pages.js";
import { Alert, BackLink, Locked, type WrittenPartProps } from "./application-blocks.js";
import { EarlierNote, fullEditable, fullLockedReason } from "./full-application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";
import { PartTextsForm, SentTexts, partNamedMessage } from "./part-components.js";

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
        {config && full && <SentTexts page={page} part={Application.fullApplicationPart} call={call} app={app} />}
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action: fullPaths.fields }}>
      <CallTag page={page} call={call} />
      <h1>{t("full.heading")}</h1>
      <p class="lead">
        {t("full.intro")} <strong>{t("full.due", { date: formatDate(page.locale, full.dueAt) })}</strong>
      </p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <PartTextsForm
        page={page}
        part={Application.fullApplicationPart}
        call={call}
        app={app}
        report={report}
        action={fullPaths.fields}
        problems={problems}
        nameOf={(problem) => partNamedMessage(page, Application.fullApplicationPart, call, problem)}
        unsaved={unsaved}
        above={<EarlierNote page={page} call={call} app={app} />}
      >
        <a href={fullPaths.review}>{t("my.review")}</a>
      </PartTextsForm>
      <BackLink page={page} />
    </Layout>
  );
}
