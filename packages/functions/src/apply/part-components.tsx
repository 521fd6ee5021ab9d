// The applicant's components for any part of an application (the concept note, the budget file, the full
// application): its text fields with their word counts, its files in two steps, and what was sent, read-only
// (the steps, problems and button that send it are in part-sending.tsx). A page for a new part is these.
import * as Application from "@amparo/core/application";
import type * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import type { FieldError } from "@amparo/core/error";
import { pick } from "@amparo/core/i18n";
import { extensionOf, type PresignedUpload } from "@amparo/core/upload";
import type { Child } from "hono/jsx";
import { fileSize, fileTypeNames } from "../shared/format.js";
import {
  described,
  ErrorSummary,
  Field,
  fieldMessage,
  HiddenFields,
  Notice,
  type PageContext,
  rowsForWords,
  Text,
  draftFormId,
} from "../shared/pages.js";
import { VersionField } from "./application-blocks.js";

type Part = Application.Part;
type FileSlot = Application.FileSlot;

/* ------------------------------------ text ------------------------------------ */

/**
 * One written field with a word limit: its label and help, a text area sized to the limit, and the words counted
 * on the last save, as an error when over the limit.
 */
export function WordLimitedField({
  page,
  field,
  value,
  count,
  language,
}: {
  page: PageContext;
  field: Application.TextField;
  value: string;
  count: { words: number; maxWords: number; ok: boolean };
  language: string;
}) {
  const { t } = page;
  return (
    <div class="field">
      <label class="label" for={field.id}>
        <Text text={field.label} locale={page.locale} />
        {!field.required && ` (${t("quiz.optional")})`}
      </label>
      {field.help && (
        <span class="help" id={`${field.id}-help`}>
          <Text text={field.help} locale={page.locale} />
        </span>
      )}
      <textarea
        id={field.id}
        name={field.id}
        rows={rowsForWords(field.maxWords)}
        lang={language}
        dir="auto"
        aria-describedby={`${field.help ? `${field.id}-help ` : ""}${field.id}-count`}
        aria-invalid={count.ok ? undefined : "true"}
        class={count.ok ? undefined : "invalid"}
      >
        {value}
      </textarea>
      <span class={count.ok ? "help" : "error"} id={`${field.id}-count`}>
        {count.ok
          ? t("note.words", { words: count.words, max: count.maxWords })
          : t("note.over", { words: count.words, max: count.maxWords })}
      </span>
    </div>
  );
}

/**
 * What the applicant typed but could not be saved (the part changed elsewhere meanwhile), field by field where it
 * differs from what is stored, so nothing they wrote is lost.
 */
export function UnsavedText({
  page,
  fields,
  saved,
  unsaved,
  language,
}: {
  page: PageContext;
  fields: readonly Application.TextField[];
  saved: Record<string, string>;
  unsaved: Record<string, string> | undefined;
  language: string;
}) {
  const lost = fields.filter(
    (field) => unsaved?.[field.id] !== undefined && unsaved[field.id] !== (saved[field.id] ?? ""),
  );
  if (lost.length === 0) return null;
  return (
    <details class="unsaved">
      <summary>{page.t("changed.unsaved")}</summary>
      <dl class="sent">
        {lost.map((field) => (
          <>
            <dt>
              <Text text={field.label} locale={page.locale} />
            </dt>
            <dd class="prose" lang={language}>
              {unsaved![field.id]}
            </dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/**
 * A part's text as a form: what could not be saved, the problems (each linked to its field), one word-limited
 * field per field of the call, and the save button (with any further actions after it).
 */
export function PartTextsForm({
  page,
  part,
  call,
  app,
  report,
  action,
  problems,
  nameOf,
  unsaved,
  above,
  children,
}: {
  page: PageContext;
  part: Part;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  action: string;
  problems: FieldError[];
  /** A problem as the list shows it, its field named first. */
  nameOf: (problem: FieldError) => string;
  unsaved: Record<string, string> | undefined;
  /** What the applicant should see after the problems and before the fields (what they wrote earlier). */
  above?: Child;
  children?: Child;
}) {
  const fields = part.fields(call);
  const { texts } = part.read(app);
  return (
    <>
      <UnsavedText page={page} fields={fields} saved={texts} unsaved={unsaved} language={app.language} />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({ href: `#${problem.path.split(".").at(-1) ?? ""}`, text: nameOf(problem) }))}
      />
      {above}
      <form method="post" action={action} id={draftFormId} autocomplete="off">
        <VersionField app={app} />
        {fields.map((field) => (
          <WordLimitedField
            page={page}
            field={field}
            value={texts[field.id] ?? ""}
            count={report.fields[field.id] ?? { words: 0, maxWords: field.maxWords, ok: true }}
            language={app.language}
          />
        ))}
        <p class="actions">
          <button type="submit">{page.t("note.save")}</button>
          {children}
        </p>
      </form>
    </>
  );
}

/** A part's text as it was sent (or stands), read-only: each field's label and text, or that it was not written. */
export function SentTexts({
  page,
  part,
  call,
  app,
}: {
  page: PageContext;
  part: Part;
  call: Call.Info;
  app: Application.Info;
}) {
  const { texts } = part.read(app);
  return (
    <dl class="sent">
      {part.fields(call).map((field) => {
        const text = texts[field.id]?.trim();
        return (
          <>
            <dt>
              <Text text={field.label} locale={page.locale} />
            </dt>
            {text ? (
              <dd class="prose" lang={app.language}>
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

/** The field or file a problem of a part is about, named as the applicant sees it ("Work plan: ..."). */
export function partNamedMessage(page: PageContext, part: Part, call: Call.Info, error: FieldError): string {
  const message = fieldMessage(page, error);
  if (error.params?.["field"] !== undefined || error.params?.["document"] !== undefined) return message;
  const name = error.path.split(".").at(-1);
  const label =
    part.fields(call).find((field) => field.id === name)?.label ??
    part.files(call).find((slot) => slot.id === name)?.label;
  return label ? `${pick(label, page.locale)}: ${message}` : message;
}

/* ------------------------------------ files ------------------------------------ */

/**
 * The name a file sent from a page is kept under: the slot's, since a form posted straight to S3 cannot tell the
 * page the applicant's own without putting it in the browser's history (docs/decisions/upload-file-names.md).
 */
export const pageUploadName = (slotId: string, contentType: keyof typeof extensionOf) =>
  `${slotId}.${extensionOf[contentType]}`;

/** The file's own name, or undefined when it has only the name its page gave it (never shown as the applicant's). */
const ownName = (slotId: string, file: Application.AcceptedFile) =>
  file.fileName === pageUploadName(slotId, file.contentType) ? undefined : file.fileName;

/** A file as it was accepted, read-only: its own name (if it came with one), size and type (never where it is kept). */
export function SentPartFile({
  page,
  slotId,
  file,
}: {
  page: PageContext;
  slotId: string;
  file?: Application.AcceptedFile | undefined;
}) {
  if (!file) return <p class="note">{page.t("review.no_file")}</p>;
  const name = ownName(slotId, file);
  return (
    <dl class="sent">
      {name && (
        <>
          <dt>{page.t("review.file_name")}</dt>
          <dd>{name}</dd>
        </>
      )}
      <dt>{page.t("review.file_size")}</dt>
      <dd>{fileSize(file.size, page)}</dd>
      <dt>{page.t("review.file_type")}</dt>
      <dd>{fileTypeNames[file.contentType]}</dd>
    </dl>
  );
}

/**
 * A file, step one: what the slot allows, the file kept now, the way back to the check of an upload whose return
 * from S3 never arrived, and which kind of file comes next (the upload form's policy fixes its type).
 */
export function FileChoice({
  page,
  slot,
  current,
  pending,
  action,
  checkAction,
  doneHref,
  label,
  lead = false,
  notice,
  error,
}: {
  page: PageContext;
  slot: FileSlot;
  current: Application.AcceptedFile | undefined;
  pending: boolean;
  /** Where the choice of type is posted. */
  action: string;
  /** Where an upload is checked. */
  checkAction: string;
  /** Where the applicant goes on once a file is kept. */
  doneHref: string;
  /** The file's name in the problem list. */
  label: string;
  /** Whether what the slot allows is the page's lead paragraph (when the slot has no help text of its own). */
  lead?: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = page;
  return (
    <>
      <p class={lead ? "lead" : undefined}>
        {t("budget.allowed", {
          types: slot.types.map((type) => fileTypeNames[type]).join(", "),
          size: fileSize(slot.maxBytes, page),
        })}
      </p>
      <p>{t("budget.metadata")}</p>
      <Notice text={notice} />
      <ErrorSummary page={page} items={error ? [{ href: "#type-0", text: `${label}: ${error}` }] : []} />
      {current && (
        // A file is kept: what is done looks done, and going back is the main way on; replacing it comes second.
        <>
          <p>
            {t("budget.current", {
              name: ownName(slot.id, current) ?? fileTypeNames[current.contentType],
              size: fileSize(current.size, page),
            })}
          </p>
          <p class="actions">
            <a class="button" href={doneHref}>
              {t("budget.done")}
            </a>
          </p>
          <h2>{t("budget.replace.heading")}</h2>
        </>
      )}
      {pending && (
        // The way back to the check when S3's redirect did not arrive (another address, a lost cookie).
        <form method="get" action={checkAction}>
          <p>{t("budget.pending")}</p>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("budget.check")}
            </button>
          </p>
        </form>
      )}
      <form method="post" action={action}>
        <fieldset>
          <legend>{t("budget.type")}</legend>
          {slot.types.map((type, index) => (
            <div class="choice">
              <input type="radio" id={`type-${index}`} name="type" value={type} required={index === 0} />
              <label for={`type-${index}`}>{fileTypeNames[type]}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class={current ? "secondary" : undefined}>
            {t(current ? "budget.replace" : "budget.next")}
          </button>
        </p>
      </form>
    </>
  );
}

/** A file, step two: what this type may be, and a form that posts the file straight to S3, which sends it back. */
export function FileUploadForm({
  page,
  slot,
  type,
  upload,
}: {
  page: PageContext;
  slot: FileSlot;
  type: FileSlot["types"][number];
  upload: PresignedUpload;
}) {
  const { t } = page;
  // How long the form works, as a duration: a clock time would need the reader's zone, which no page knows.
  const minutes = Math.max(1, Math.round((Date.parse(upload.expiresAt) - Clock.nowMs()) / 60_000));
  return (
    <>
      <p class="lead">{t("budget.allowed", { types: fileTypeNames[type], size: fileSize(slot.maxBytes, page) })}</p>
      <form method="post" action={upload.url} enctype="multipart/form-data">
        <HiddenFields values={upload.fields} />
        <Field id="file" label={t("budget.file")} help={page.plural("budget.expires", minutes)}>
          <input type="file" id="file" name="file" accept={type} required {...described("file", { help: true })} />
        </Field>
        <p class="actions">
          <button type="submit">{t("budget.upload")}</button>
        </p>
      </form>
    </>
  );
}
