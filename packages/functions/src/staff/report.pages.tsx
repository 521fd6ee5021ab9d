// A grant's reports as its coordinators meet them: listed in the grant section (each opened by a POST, as how
// the money reaches the grantee is, since every reading is on record), one report on a page of its own with
// the coordinator's answers to it, and the step that confirms closing the grant once every report is accepted.
import * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { fileSize } from "../shared/format.js";
import { described, ErrorSummary, Field, fieldMessage, type PageContext } from "../shared/pages.js";
import { dateControlValue } from "./full-application.pages.js";
import { StaffLayout } from "./layout.js";
import { Conversation } from "./review-conversation.js";

/** Where staff pages open, answer and download a report: through this app, by the session cookie. */
export const reportHref = (applicationId: string, reportId: string) =>
  `/staff/applications/${applicationId}/reports/${encodeURIComponent(reportId)}`;

/** The report page's form fields, by the name each has on the page (the application page has a `dueAt` too). */
export const reportFields = { question: "reportQuestion", dueAt: "reportDueAt" } as const;

/** The grant's reports, soonest due first, each with its dates and a button that opens it (on record). */
export function ReportList({ page, id, reports }: { page: PageContext; id: string; reports: Award.ReportSummary[] }) {
  const { t } = page;
  const date = (iso: string | undefined) => (iso ? formatDate(page.locale, iso) : "—");
  const columns = {
    report: t("staff.grant_report.col.report"),
    due: t("staff.grant_report.col.due"),
    status: t("staff.grant_report.col.status"),
    sent: t("staff.grant_report.col.sent"),
    accepted: t("staff.grant_report.col.accepted"),
    late: t("staff.grant_report.col.late"),
  };
  return (
    <>
      <h3 id="grant-reports">{t("staff.grant_report.heading")}</h3>
      <p>{t("staff.grant_report.recorded_note")}</p>
      <table class="stacked" aria-labelledby="grant-reports">
        <thead>
          <tr>
            {Object.values(columns).map((label) => (
              <th scope="col">{label}</th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{t("staff.grant_report.read")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr>
              <td data-label={columns.report}>{pick(report.title, page.locale)}</td>
              <td data-label={columns.due}>{date(report.dueAt)}</td>
              <td data-label={columns.status}>{t(`staff.grant_report.status.${report.status}`)}</td>
              <td data-label={columns.sent}>{date(report.sentAt)}</td>
              <td data-label={columns.accepted}>{date(report.acceptedAt)}</td>
              <td data-label={columns.late}>{date(report.lateAt)}</td>
              <td>
                {/* A POST, so that no link, prefetch or history entry opens it: each reading is on record. */}
                <form method="post" action={reportHref(id, report.id)}>
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={t("staff.grant_report.read_named", { title: pick(report.title, page.locale) })}
                  >
                    {t("staff.grant_report.read")}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** What the report page shows besides the report: whether the grant runs (answers are possible), and any refusal. */
export interface ReportPageProps {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  /** The application's version read with the report, which every answer names. */
  version: number;
  /** The language the grantee writes in. */
  language: string;
  report: Award.ReportView;
  /** Whether the grant runs, so that a coordinator may answer its reports. */
  running: boolean;
  errors?: FieldError[];
  typed?: Record<string, string>;
}

/** One report as a coordinator opened it (on record): what it holds, its conversation, and the answers to it. */
export function ReportPage(props: ReportPageProps) {
  const { page, user, call, id, language, report, errors = [] } = props;
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  const title = pick(report.title, page.locale);
  // Never sent: what the grantee is still writing is not the fund's to read, as with the full application.
  const sent = report.sentAt !== undefined;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{title}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p role="note">
        <strong>{t("staff.grant_report.page.recorded")}</strong>
      </p>
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path}`, text: fieldMessage(page, error) }))}
      />
      <dl class="confirm">
        <dt>{t("staff.grant_report.col.status")}</dt>
        <dd>{t(`staff.grant_report.status.${report.status}`)}</dd>
        <dt>{t("staff.grant_report.col.due")}</dt>
        <dd>{date(report.dueAt)}</dd>
        {report.sentAt && (
          <>
            <dt>{t("staff.grant_report.col.sent")}</dt>
            <dd>{date(report.sentAt)}</dd>
          </>
        )}
        {report.acceptedAt && (
          <>
            <dt>{t("staff.grant_report.col.accepted")}</dt>
            <dd>{date(report.acceptedAt)}</dd>
          </>
        )}
        {report.lateAt && (
          <>
            <dt>{t("staff.grant_report.col.late")}</dt>
            <dd>{date(report.lateAt)}</dd>
          </>
        )}
      </dl>
      {sent ? (
        <ReportContent page={page} id={id} language={language} report={report} />
      ) : (
        <p>{t("staff.grant_report.not_sent")}</p>
      )}
      {report.rounds.length > 0 && (
        <Conversation
          page={page}
          rounds={report.rounds}
          language={language}
          heading={{ id: "report-rounds", text: t("staff.grant_report.rounds") }}
          waiting={t("staff.grant_report.waiting")}
        />
      )}
      <Answers {...props} />
      <p>
        <a href={`/staff/applications/${id}#grant`}>{t("staff.award.back")}</a>
      </p>
    </StaffLayout>
  );
}

/** What the grantee wrote under each field, and the documents they gave, each downloaded through this app. */
function ReportContent({
  page,
  id,
  language,
  report,
}: {
  page: PageContext;
  id: string;
  language: string;
  report: Award.ReportView;
}) {
  const { t } = page;
  return (
    <>
      {report.fields.map((field) => (
        <section>
          <h2>{pick(field.label, page.locale)}</h2>
          <p class="prose" lang={language}>
            {report.texts[field.id] || "—"}
          </p>
        </section>
      ))}
      <h2>{t("staff.full.documents")}</h2>
      {report.documents.length === 0 ? (
        <p>{t("staff.grant_report.no_documents")}</p>
      ) : (
        <ul>
          {report.documents.map((document) => {
            const file = report.files[document.id];
            const label = pick(document.label, page.locale);
            if (!file) return <li>{t("staff.grant_report.document_missing", { label })}</li>;
            return (
              <li>
                {label}:{" "}
                <a
                  href={`${reportHref(id, report.id)}/documents/${encodeURIComponent(document.id)}`}
                  rel="noreferrer"
                  download={file.fileName}
                >
                  {t("staff.full.document", { name: file.fileName, size: fileSize(file.size, page) })}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/**
 * The coordinator's answers, each at the version read: accept a sent report or ask for more in it, and give any
 * report not yet accepted a later due date. None once it is accepted, or while the grant does not run.
 */
function Answers({ page, id, version, report, running, errors = [], typed = {} }: ReportPageProps) {
  const { t } = page;
  const action = reportHref(id, report.id);
  const errorOf = (path: string) => {
    const error = errors.find((item) => item.path === path);
    return error ? fieldMessage(page, error) : undefined;
  };
  const question = errorOf(reportFields.question);
  const dueAt = errorOf(reportFields.dueAt);
  if (report.status === "accepted") return null;
  if (!running) return <p>{t("staff.grant_report.not_running")}</p>;
  const versionField = <input type="hidden" name="version" value={String(version)} />;
  return (
    <section aria-labelledby="report-answers">
      <h2 id="report-answers">{t("staff.grant_report.answers")}</h2>
      {report.status === "sent" ? (
        <>
          <form method="post" action={`${action}/decision`}>
            {versionField}
            <input type="hidden" name="decision" value="accept" />
            <p>{t("staff.grant_report.accept_help")}</p>
            <p class="actions">
              <button type="submit">{t("staff.grant_report.accept")}</button>
            </p>
          </form>
          <form method="post" action={`${action}/decision`}>
            {versionField}
            <input type="hidden" name="decision" value="more" />
            <Field
              id={reportFields.question}
              label={t("staff.grant_report.more.label")}
              help={t("staff.grant_report.more.help")}
              {...(question ? { error: question } : {})}
            >
              <textarea
                id={reportFields.question}
                name="question"
                rows={5}
                maxlength={Award.reportMessageMax}
                required
                {...described(reportFields.question, { help: true, error: question })}
              >
                {typed["question"] ?? ""}
              </textarea>
            </Field>
            <p class="actions">
              <button type="submit" class="secondary">
                {t("staff.grant_report.more.submit")}
              </button>
            </p>
          </form>
        </>
      ) : report.status === "more_asked" ? (
        <p>{t("staff.grant_report.more_asked")}</p>
      ) : null}
      {/* A sent report waits for an answer, not for more time: its date moves before it is sent, or once more is asked. */}
      {report.status !== "sent" && (
        <form method="post" action={`${action}/due`}>
          {versionField}
          <Field
            id={reportFields.dueAt}
            label={t("staff.grant_report.due.label")}
            help={t("staff.grant_report.due.help", { date: formatDate(page.locale, report.dueAt) })}
            {...(dueAt ? { error: dueAt } : {})}
          >
            <input
              type="date"
              id={reportFields.dueAt}
              name="dueAt"
              required
              value={typed["dueAt"] ?? dateControlValue(report.dueAt)}
              {...described(reportFields.dueAt, { help: true, error: dueAt })}
            />
          </Field>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("staff.grant_report.due.submit")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

/** Closing the grant, checked but not made: it ends the grant, so it is confirmed first, at the version read. */
export function CloseConfirmPage({
  page,
  user,
  call,
  id,
  version,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  version: number;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.grant_report.close.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p>{t("staff.grant_report.close.intro")}</p>
      <form method="post" action={`/staff/applications/${id}/transition`}>
        <input type="hidden" name="confirm" value="yes" />
        <input type="hidden" name="to" value="closed" />
        <input type="hidden" name="version" value={String(version)} />
        <p class="actions">
          <button type="submit">{t("staff.grant_report.close.submit")}</button>
          <a href={`/staff/applications/${id}#grant`}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
  );
}
