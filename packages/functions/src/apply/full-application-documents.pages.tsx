// A document of the full application, in two steps as every file of a part: which kind of file, then the upload
// form that posts straight to S3.
import type * as Application from "@amparo/core/application";
import { pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { Layout, type PageContext, Text } from "../shared/pages.js";
import { BackLink, Locked, paths } from "./application-blocks.js";
import { fullEditable, fullLockedReason, type Document } from "./full-application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";
import { FileChoice, FileUploadForm, SentPartFile } from "./part-components.js";

/** A document, step one: which kind of file (the upload form's policy fixes its type), as the budget file's. */
export function DocumentPage({
  page,
  app,
  document,
  notice,
  error,
}: {
  page: PageContext;
  app: Application.Info;
  document: Document;
  notice?: string;
  error?: string;
}) {
  const { t } = page;
  const label = pick(document.label, page.locale);
  const current = app.fullApplication?.documents[document.id];
  if (!fullEditable(app)) {
    return (
      <Layout page={page}>
        <h1>{label}</h1>
        <Locked page={page} app={app} text={fullLockedReason(page, app)} />
        {app.fullApplication && <SentPartFile page={page} slotId={document.id} file={current} />}
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <span class="tag">{t("full.heading")}</span>
      <h1>{label}</h1>
      {document.help && (
        <p class="lead">
          <Text text={document.help} locale={page.locale} />
        </p>
      )}
      <FileChoice
        page={page}
        slot={document}
        current={current}
        pending={app.fullApplication?.pendingUploads?.[document.id] !== undefined}
        action={fullPaths.document(document.id)}
        checkAction={fullPaths.uploaded(document.id)}
        doneHref={paths.overview}
        label={label}
        lead={!document.help}
        notice={notice}
        error={error}
      />
      <BackLink page={page} />
    </Layout>
  );
}

/** A document, step two: a form that posts the file straight to S3, which sends the browser back to check it. */
export function DocumentUploadPage({
  page,
  document,
  type,
  upload,
}: {
  page: PageContext;
  document: Document;
  type: Document["types"][number];
  upload: PresignedUpload;
}) {
  return (
    <Layout page={page}>
      <span class="tag">{page.t("full.heading")}</span>
      <h1>
        <Text text={document.label} locale={page.locale} />
      </h1>
      <FileUploadForm page={page} slot={document} type={type} upload={upload} />
      <BackLink page={page} />
    </Layout>
  );
}
