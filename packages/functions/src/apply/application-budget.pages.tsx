import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import type { PresignedUpload } from "@amparo/core/upload";
import { fileSize, fileTypeNames, megabytes } from "../shared/format.js";
import { ErrorSummary, Field, HiddenFields, Layout, Notice, described, type PageContext } from "../shared/pages.js";
import { paths, BackLink, Locked, SentFile } from "./application-blocks.js";

/** The budget file, step one: which kind of file (the upload form's policy fixes its type). */
export function BudgetPage({
  page,
  call,
  app,
  notice,
  error,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  notice?: string;
  error?: string;
}) {
  const { t } = page;
  if (!Stage.isEditable(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("budget.heading")}</h1>
        <Locked page={page} app={app} />
        <SentFile page={page} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <h1>{t("budget.heading")}</h1>
      <p class="lead">
        {t("budget.allowed", {
          types: call.budgetFile.types.map((type) => fileTypeNames[type]).join(", "),
          size: megabytes(call.budgetFile.maxBytes, page),
        })}
      </p>
      <p>{t("budget.metadata")}</p>
      <Notice text={notice} />
      <ErrorSummary page={page} items={error ? [{ href: "#type-0", text: `${t("my.step.budget")}: ${error}` }] : []} />
      {app.budgetFile && (
        <p>{t("budget.current", { name: app.budgetFile.fileName, size: fileSize(app.budgetFile.size, page) })}</p>
      )}
      {app.pendingUpload && (
        // The way back to the check when S3's redirect did not arrive (another address, a lost cookie).
        <form method="get" action={paths.budgetUploaded}>
          <p>{t("budget.pending")}</p>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("budget.check")}
            </button>
          </p>
        </form>
      )}
      <form method="post" action={paths.budget}>
        <fieldset>
          <legend>{t("budget.type")}</legend>
          {call.budgetFile.types.map((type, index) => (
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

/** The budget file, step two: a form that posts the file straight to S3, which sends the browser back. */
export function BudgetUploadPage({
  page,
  call,
  type,
  upload,
}: {
  page: PageContext;
  call: Call.Info;
  type: Call.Info["budgetFile"]["types"][number];
  upload: PresignedUpload;
}) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("budget.heading")}</h1>
      <p class="lead">
        {t("budget.allowed", { types: fileTypeNames[type], size: megabytes(call.budgetFile.maxBytes, page) })}
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
