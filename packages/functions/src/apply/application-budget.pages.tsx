// The budget file, in two steps as every file of a part: which kind of file, then the upload form that posts
// straight to S3.
import * as Application from "@amparo/core/application";
import type * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import type { PresignedUpload } from "@amparo/core/upload";
import { Layout, type PageContext } from "../shared/pages.js";
import { paths, BackLink, Locked } from "./application-blocks.js";
import { FileChoice, FileUploadForm, SentPartFile } from "./part-components.js";

const budgetSlot = (call: Call.Info) => Application.budgetFilePart.files(call)[0]!;

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
        <SentPartFile page={page} slotId="budget" file={app.budgetFile} />
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <h1>{t("budget.heading")}</h1>
      <FileChoice
        page={page}
        slot={budgetSlot(call)}
        current={app.budgetFile}
        pending={app.pendingUpload !== undefined}
        action={paths.budget}
        checkAction={paths.budgetUploaded}
        doneHref={paths.overview}
        label={t("my.step.budget")}
        lead
        notice={notice}
        error={error}
      />
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
  return (
    <Layout page={page}>
      <h1>{page.t("budget.heading")}</h1>
      <FileUploadForm page={page} slot={budgetSlot(call)} type={type} upload={upload} />
      <BackLink page={page} />
    </Layout>
  );
}
