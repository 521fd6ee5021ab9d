import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { fileSize, fileTypeNames, megabytes } from "../shared/format.js";
import {
  ErrorSummary,
  Field,
  HiddenFields,
  Layout,
  Notice,
  described,
  fieldMessage,
  type PageContext,
} from "../shared/pages.js";
import {
  Alert,
  BackLink,
  Locked,
  PartHeading,
  SentNote,
  UnsavedText,
  VersionField,
  WordLimitedField,
  type WrittenPartProps,
  lockedReason,
} from "./application-blocks.js";
import { fullPaths } from "./full-invitation.pages.js";

type FullApplication = NonNullable<Application.Info["fullApplication"]>;
type FullConfig = NonNullable<Call.Info["fullApplication"]>;
type Document = FullConfig["documents"][number];

/**
 * Whether the applicant may still write and send the full application: invited, not sent, before the due date,
 * and the application still shortlisted (not withdrawn or decided meanwhile).
 */
export function fullEditable(app: Application.Info, now = Clock.now()): boolean {
  return app.stage === "shortlisted" && Application.fullApplicationState(app, now) === "writing";
}

/** Why the full application can no longer be changed (or was never open), in one plain sentence. */
export function fullLockedReason(page: PageContext, app: Application.Info): string {
  const full = app.fullApplication;
  if (app.stage === "withdrawn") return lockedReason(page, app);
  if (full?.submittedAt) return page.t("full.locked.sent", { date: formatDate(page.locale, full.submittedAt) });
  if (full && Application.fullApplicationState(app) === "past_due") {
    return page.t("my.full.past_due", { date: formatDate(page.locale, full.dueAt) });
  }
  if (full) return page.t("my.locked");
  return page.t("full.locked.not_open");
}

/** The field or document an error is about, as the applicant knows it; undefined when the message names it already. */
function fullLabel(page: PageContext, config: FullConfig, error: FieldError): string | undefined {
  if (error.params?.["field"] !== undefined || error.params?.["document"] !== undefined) return undefined;
  const name = error.path.split(".").at(-1) ?? "";
  const field = config.fields.find((item) => item.id === name);
  if (field) return pick(field.label, page.locale);
  const document = config.documents.find((item) => item.id === name);
  return document ? pick(document.label, page.locale) : undefined;
}

/** An error of the full application with its field's name first ("Work plan: ..."), in the reader's language. */
export function fullNamedMessage(page: PageContext, config: FullConfig, error: FieldError): string {
  const label = fullLabel(page, config, error);
  const message = fieldMessage(page, error);
  return label ? `${label}: ${message}` : message;
}

/** The page a problem of the full application is fixed on: its document's, or the text's. */
function pageFor(config: FullConfig, error: FieldError): string {
  const document = config.documents.find((item) => error.path.split(".").includes(item.id));
  return document ? fullPaths.document(document.id) : fullPaths.fields;
}

/** The concept note as it was sent, folded away above the full application: to write from, never to change. */
function EarlierNote({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return (
    <details class="earlier">
      <summary>{page.t("full.concept_note")}</summary>
      <SentNote page={page} call={call} app={app} />
    </details>
  );
}

function SentFields({
  page,
  config,
  full,
  language,
}: {
  page: PageContext;
  config: FullConfig;
  full?: FullApplication;
  language: string;
}) {
  return (
    <dl class="sent">
      {config.fields.map((field) => {
        const text = full?.fields[field.id]?.trim();
        return (
          <>
            <dt>{pick(field.label, page.locale)}</dt>
            {text ? (
              <dd class="prose" lang={language}>
                {text}
              </dd>
            ) : (
              <dd class="note">{page.t("review.not_written")}</dd>
            )}
          </>
        );
      })}
    </dl>
  );
}

function SentDocument({ page, file }: { page: PageContext; file?: Application.Document | undefined }) {
  if (!file) return <p class="note">{page.t("review.no_file")}</p>;
  return (
    <dl class="sent">
      <dt>{page.t("review.file_name")}</dt>
      <dd>{file.fileName}</dd>
      <dt>{page.t("review.file_size")}</dt>
      <dd>{fileSize(file.size, page)}</dd>
      <dt>{page.t("review.file_type")}</dt>
      <dd>{fileTypeNames[file.contentType]}</dd>
    </dl>
  );
}

/** Everything the full application sends, part by part, each with a link to change it while it can be. */
function SentFull({ page, config, app }: { page: PageContext; config: FullConfig; app: Application.Info }) {
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
        <SentFields page={page} config={config} language={app.language} {...(full ? { full } : {})} />
      </section>
      {config.documents.map((document) => (
        <section class="part" aria-labelledby={`part-document-${document.id}`}>
          <PartHeading
            id={`part-document-${document.id}`}
            title={pick(document.label, page.locale)}
            page={page}
            {...(editable ? { href: fullPaths.document(document.id) } : {})}
          />
          <SentDocument page={page} file={full?.documents[document.id]} />
        </section>
      ))}
    </>
  );
}

/* ------------------------------------ the text ------------------------------------ */

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

/* ---------------------------------- the documents ---------------------------------- */

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

/* ------------------------------------ review and send ------------------------------------ */

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
      <span class="tag">{t("my.call", { title: pick(call.title, page.locale) })}</span>
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
      {editable && problems.length > 0 && (
        <div class="summary" role="alert" aria-labelledby="problems">
          <h2 id="problems">{t("review.problems")}</h2>
          <ul>
            {problems.map((problem) => (
              <li>
                <a href={pageFor(config, problem)}>{fullNamedMessage(page, config, problem)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <SentFull page={page} config={config} app={app} />
      <EarlierNote page={page} call={call} app={app} />
      {editable && problems.length === 0 && (
        <form method="post" action={fullPaths.review}>
          <VersionField app={app} />
          <p>{t("full.review.ready")}</p>
          <p class="actions">
            <button type="submit">{t("full.review.submit")}</button>
          </p>
        </form>
      )}
      {!editable && <p class="note print-hint">{t("review.print")}</p>}
      <BackLink page={page} />
    </Layout>
  );
}
