import * as Stage from "@amparo/core/stage";
import { ErrorSummary, Layout, Notice } from "../shared/pages.js";
import {
  paths,
  BackLink,
  namedMessage,
  Locked,
  Alert,
  VersionField,
  SentNote,
  WordLimitedField,
  type WrittenPartProps,
  UnsavedText,
} from "./application-blocks.js";

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
  if (!Stage.isEditable(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("note.heading")}</h1>
        <Locked page={page} app={app} />
        <SentNote page={page} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <h1>{t("note.heading")}</h1>
      <p class="lead">{t("note.intro")}</p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <UnsavedText
        page={page}
        fields={call.conceptNote.fields}
        saved={app.conceptNote}
        unsaved={unsaved}
        language={app.language}
      />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({
          href: `#${problem.path.replace(/^fields\./, "")}`,
          text: namedMessage(page, call, problem),
        }))}
      />
      <form method="post" action={paths.conceptNote} autocomplete="off">
        <VersionField app={app} />
        {call.conceptNote.fields.map((field) => (
          <WordLimitedField
            page={page}
            field={field}
            value={app.conceptNote[field.id] ?? ""}
            count={report.fields[field.id]!}
            language={app.language}
          />
        ))}
        <p class="actions">
          <button type="submit">{t("note.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}
