import type * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import { fileSize } from "../shared/format.js";
import { Field, described, fieldMessage, type PageContext } from "../shared/pages.js";

/**
 * A grant call's second stage on the staff's application page: the full application (once sent),
 * its documents to download through this app, and the coordinator's form to extend its due date.
 */

/** Where staff pages download a full application's document: through this app, by the session cookie. */
export const documentHref = (applicationId: string, documentId: string) =>
  `/staff/applications/${applicationId}/documents/${encodeURIComponent(documentId)}`;

/** The date a `date` control shows for a stored time (UTC), and the time a chosen date stands for (its last second). */
export const dateControlValue = (iso: string) => iso.slice(0, 10);
export const endOfDay = (date: string) => `${date}T23:59:59.000Z`;

/**
 * The full application: when it was invited and is due, and once it is sent, what was written under each of
 * the call's headings and each document, with any warning before its link (read before the file is opened).
 * Before it is sent nothing of it is shown: what the applicant is still writing is not the fund's to read.
 */
export function FullApplicationPart({
  page,
  spec,
  view,
  full,
}: {
  page: PageContext;
  spec: Call.FullApplication;
  view: Review.StaffView;
  full: Review.StaffFullApplication;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  const sent = full.submittedAt !== undefined;
  return (
    <section aria-labelledby="full-application">
      <h2 id="full-application">{t("staff.full.heading")}</h2>
      <p>
        {t("staff.full.invited", { invited: date(full.invitedAt), due: date(full.dueAt) })}{" "}
        {sent
          ? t("staff.full.submitted", { date: date(full.submittedAt!) })
          : Date.parse(full.dueAt) < Clock.nowMs()
            ? t("staff.full.past_due")
            : t("staff.full.not_submitted")}
      </p>
      {sent && (
        <>
          {spec.fields.map((field) => (
            <section>
              <h3>{pick(field.label, page.locale)}</h3>
              <p class="prose" lang={view.language}>
                {full.fields[field.id] || "—"}
              </p>
            </section>
          ))}
          <h3>{t("staff.full.documents")}</h3>
          {spec.documents.length === 0 ? (
            <p>{t("staff.full.no_documents")}</p>
          ) : (
            <ul>
              {spec.documents.map((document) => {
                const file = full.documents[document.id];
                const label = pick(document.label, page.locale);
                if (!file) return <li>{t("staff.full.document_missing", { label })}</li>;
                return (
                  <li>
                    {(file.warnings ?? []).map((warning) => (
                      <p role="note">
                        <strong>
                          {t(`staff.app.budget_warning.${warning.code}`, {
                            cells: warning.cells,
                            first: warning.first,
                          })}
                        </strong>
                      </p>
                    ))}
                    {label}:{" "}
                    <a href={documentHref(view.id, document.id)} rel="noreferrer" download={file.fileName}>
                      {t("staff.full.document", { name: file.fileName, size: fileSize(file.size, page) })}
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The coordinator's extension of one application's due date, while it is still unsent: a date (the new due
 * time is the end of that day, UTC), later than the current one.
 */
export function DueDateForm({
  page,
  id,
  full,
  error,
}: {
  page: PageContext;
  id: string;
  full: Review.StaffFullApplication;
  error?: FieldError | undefined;
}) {
  const { t } = page;
  const message = error ? fieldMessage(page, error) : undefined;
  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">{t("staff.due.heading")}</h2>
      <p>{t("staff.due.current", { date: formatDate(page.locale, full.dueAt) })}</p>
      <form method="post" action={`/staff/applications/${id}/due`}>
        <Field id="dueAt" label={t("staff.due.label")} help={t("staff.due.help")} error={message}>
          <input
            type="date"
            id="dueAt"
            name="dueAt"
            required
            min={dateControlValue(full.dueAt)}
            value={dateControlValue(full.dueAt)}
            {...described("dueAt", { help: true, error: message })}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.due.submit")}
          </button>
        </p>
      </form>
    </section>
  );
}
