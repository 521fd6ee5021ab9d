// The full application's review and send: every part as it will be sent, what is still missing, and the button.
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import { CallTag, Layout, Notice, type PageContext } from "../shared/pages.js";
import { Alert, BackLink, Locked, PartHeading } from "./application-blocks.js";
import { EarlierNote, fullEditable, fullLockedReason, type FullConfig } from "./full-application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";
import { SendForm, SendProblems } from "./part-sending.js";
import { SentPartFile, SentTexts, partNamedMessage } from "./part-components.js";

/** The page a problem of the full application is fixed on: its document's, or the text's. */
function pageFor(config: FullConfig, error: FieldError): string {
  const document = config.documents.find((item) => error.path.split(".").includes(item.id));
  return document ? fullPaths.document(document.id) : fullPaths.fields;
}

/** Everything the full application sends, part by part, each with a link to change it while it can be. */
function SentFull({
  page,
  call,
  config,
  app,
}: {
  page: PageContext;
  call: Call.Info;
  config: FullConfig;
  app: Application.Info;
}) {
  const editable = fullEditable(app);
  const full = app.fullApplication;
  return (
    <>
      <section class="part" aria-labelledby="part-full-fields">
        <PartHeading
          id="part-full-fields"
          title={page.t("full.fields")}
          page={page}
          {...(editable ? { href: fullPaths.fields } : {})}
        />
        <SentTexts page={page} part={Application.fullApplicationPart} call={call} app={app} />
      </section>
      {config.documents.map((document) => (
        <section class="part" aria-labelledby={`part-document-${document.id}`}>
          <PartHeading
            id={`part-document-${document.id}`}
            title={pick(document.label, page.locale)}
            page={page}
            {...(editable ? { href: fullPaths.document(document.id) } : {})}
          />
          <SentPartFile page={page} slotId={document.id} file={full?.documents[document.id]} />
        </section>
      ))}
    </>
  );
}

/**
 * Everything the full application will send, part by part with a link to change each, what is still missing or
 * too long, and the button; once sent (or past its date), the same parts read-only, with why.
 */
export function FullReviewPage({
  page,
  call,
  app,
  problems,
  alert,
  notice,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  problems: FieldError[];
  /** Why the submission just posted was not made (changed elsewhere, the due date passed). */
  alert?: string;
  notice?: string;
}) {
  const { t } = page;
  const config = call.fullApplication;
  if (!config || !app.fullApplication) {
    return (
      <Layout page={page}>
        <h1>{t("full.review.heading")}</h1>
        <Locked page={page} app={app} text={fullLockedReason(page, app)} />
        <BackLink page={page} />
      </Layout>
    );
  }
  const editable = fullEditable(app);
  return (
    <Layout page={page}>
      <CallTag page={page} call={call} />
      <h1>{t("full.review.heading")}</h1>
      <Notice text={notice} />
      <Alert text={alert} />
      {editable ? (
        <p class="lead">
          {t("full.review.intro")} {t("full.due", { date: formatDate(page.locale, app.fullApplication.dueAt) })}
        </p>
      ) : (
        <Locked page={page} app={app} text={fullLockedReason(page, app)} />
      )}
      {editable && (
        <SendProblems
          page={page}
          problems={problems}
          hrefOf={(problem) => pageFor(config, problem)}
          nameOf={(problem) => partNamedMessage(page, Application.fullApplicationPart, call, problem)}
        />
      )}
      <SentFull page={page} call={call} config={config} app={app} />
      <EarlierNote page={page} call={call} app={app} />
      {editable && problems.length === 0 && (
        <SendForm app={app} action={fullPaths.review} ready={t("full.review.ready")} submit={t("full.review.submit")} />
      )}
      {!editable && <p class="note print-hint">{t("review.print")}</p>}
      <BackLink page={page} />
    </Layout>
  );
}
