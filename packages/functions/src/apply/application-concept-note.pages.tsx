// The concept note: the call's note fields as a part's text form, read-only once sent.
import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import { Layout, Notice, draftFormId } from "../shared/pages.js";
import { paths, BackLink, namedMessage, Locked, Alert, type WrittenPartProps } from "./application-blocks.js";
import { PartTextsForm, SentTexts } from "./part-components.js";

/** The concept note: one text area per field, with the word counts the API computes; read-only once sent. */
export function ConceptNotePage({
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
  const part = Application.conceptNotePart;
  if (!Stage.isEditable(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("note.heading")}</h1>
        <Locked page={page} app={app} />
        <SentTexts page={page} part={part} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action: paths.conceptNote }}>
      <h1>{t("note.heading")}</h1>
      <p class="lead">{t("note.intro")}</p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <PartTextsForm
        page={page}
        part={part}
        call={call}
        app={app}
        report={report}
        action={paths.conceptNote}
        problems={problems}
        nameOf={(problem) => namedMessage(page, call, problem)}
        unsaved={unsaved}
      />
      <BackLink page={page} />
    </Layout>
  );
}
