// A document of the full application, in two steps as the budget file: which kind of file, then the upload
// form that posts straight to S3.
import * as Application from "@amparo/core/application";
import { pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { fileSize, fileTypeNames, megabytes } from "../shared/format.js";
import { ErrorSummary, Field, HiddenFields, Layout, Notice, described, type PageContext } from "../shared/pages.js";
import { BackLink, Locked } from "./application-blocks.js";
import { SentDocument, fullEditable, fullLockedReason, type Document } from "./full-application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";

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
        {app.fullApplication && <SentDocument page={page} file={current} />}
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <span class="tag">{t("full.heading")}</span>
      <h1>{label}</h1>
      {document.help && <p class="lead">{pick(document.help, page.locale)}</p>}
      <p>
        {t("budget.allowed", {
          types: document.types.map((type) => fileTypeNames[type]).join(", "),
          size: megabytes(document.maxBytes, page),
        })}
      </p>
      <p>{t("budget.metadata")}</p>
      <Notice text={notice} />
      <ErrorSummary page={page} items={error ? [{ href: "#type-0", text: `${label}: ${error}` }] : []} />
      {current && <p>{t("budget.current", { name: current.fileName, size: fileSize(current.size, page) })}</p>}
      {app.fullApplication?.pendingUploads?.[document.id] && (
        // The way back to the check when S3's redirect did not arrive (another address, a lost cookie).
        <form method="get" action={fullPaths.uploaded(document.id)}>
          <p>{t("budget.pending")}</p>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("budget.check")}
            </button>
          </p>
        </form>
      )}
      <form method="post" action={fullPaths.document(document.id)}>
        <fieldset>
          <legend>{t("budget.type")}</legend>
          {document.types.map((type, index) => (
            <div class="choice">
              <input type="radio" id={`type-${index}`} name="type" value={type} required={index === 0} />
              <label for={`type-${index}`}>{fileTypeNames[type]}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit">{t("budget.next")}</button>
        </p>
      </form>
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
  const { t } = page;
  return (
    <Layout page={page}>
      <span class="tag">{t("full.heading")}</span>
      <h1>{pick(document.label, page.locale)}</h1>
      <p class="lead">
        {t("budget.allowed", { types: fileTypeNames[type], size: megabytes(document.maxBytes, page) })}
      </p>
      <form method="post" action={upload.url} enctype="multipart/form-data">
        <HiddenFields values={upload.fields} />
        <Field id="file" label={t("budget.file")} help={t("budget.expires", { time: upload.expiresAt.slice(11, 16) })}>
          <input type="file" id="file" name="file" accept={type} required {...described("file", { help: true })} />
        </Field>
        <p class="actions">
          <button type="submit">{t("budget.upload")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}
