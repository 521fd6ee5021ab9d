// What the full application's pages share: whether it can still be changed and why not, its errors' names,
// and what was sent, shown read-only.
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import { fileSize, fileTypeNames } from "../shared/format.js";
import { fieldMessage, type PageContext } from "../shared/pages.js";
import { SentNote, lockedReason } from "./application-blocks.js";

type FullApplication = NonNullable<Application.Info["fullApplication"]>;
export type FullConfig = NonNullable<Call.Info["fullApplication"]>;
export type Document = FullConfig["documents"][number];

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

/** The concept note as it was sent, folded away above the full application: to write from, never to change. */
export function EarlierNote({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return (
    <details class="earlier">
      <summary>{page.t("full.concept_note")}</summary>
      <SentNote page={page} call={call} app={app} />
    </details>
  );
}

export function SentFields({
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

export function SentDocument({ page, file }: { page: PageContext; file?: Application.Document | undefined }) {
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
