// A grant's report, for the applicant: its text (a part like the concept note), its documents (each uploaded in
// two steps on its own page, as the full application's), and sending it, with the answer when the fund's team
// asked for more. Once sent or accepted, what was sent, read-only, and where it stands.
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { CallTag, Field, Layout, Notice, type PageContext, Text, described, draftFormId } from "../shared/pages.js";
import { Alert, BackLink, Locked } from "./application-blocks.js";
import { Rounds } from "./application-more-info.pages.js";
import { reportPaths, reportStatusText } from "./award-blocks.js";
import {
  FileChoice,
  FileUploadForm,
  PartTextsForm,
  SentPartFile,
  SentTexts,
  partNamedMessage,
} from "./part-components.js";
import { SendProblems, StepList } from "./part-sending.js";

type Spec = Call.AwardReport;
type Document = Spec["documents"][number];

/** The report's name, due date and where it stands: the top of each of its pages. */
function ReportHead({ page, call, view }: { page: PageContext; call: Call.Info; view: Award.ReportView }) {
  const { t } = page;
  return (
    <>
      <CallTag page={page} call={call} />
      <h1>
        <Text text={view.title} locale={page.locale} />
      </h1>
      <p class="lead">{t("my.report.due", { date: formatDate(page.locale, view.dueAt) })}</p>
      <p>
        <strong>{t("my.status")}:</strong> {reportStatusText(page, view.status)}
      </p>
    </>
  );
}

/** Why a report cannot be written now, in one plain sentence: sent and waiting, accepted, or the grant not running. */
function lockedText(page: PageContext, view: Award.ReportView): string {
  if (view.status === "accepted" && view.acceptedAt) {
    return page.t("my.grant_report.accepted", { date: formatDate(page.locale, view.acceptedAt) });
  }
  if (view.status === "sent" && view.sentAt) {
    return page.t("my.report.waiting", { date: formatDate(page.locale, view.sentAt) });
  }
  return page.t("my.report.locked");
}

/** The question the fund's team is waiting on, as the more-information page shows its own. */
function OpenQuestion({ page, round }: { page: PageContext; round: Award.ReportView["rounds"][number] }) {
  const { t } = page;
  return (
    <section class="asked" aria-labelledby="question">
      <h2 id="question">{t("more_info.question")}</h2>
      <div class="question" id="question-text">
        <p class="note">{t("more_info.asked", { date: formatDate(page.locale, round.askedAt) })}</p>
        <p class="prose">{round.question}</p>
      </div>
    </section>
  );
}

/** The questions asked before and what was answered to each (all of them once nothing is waiting). */
function EarlierRounds({
  page,
  app,
  rounds,
}: {
  page: PageContext;
  app: Application.Info;
  rounds: Award.ReportView["rounds"];
}) {
  if (rounds.length === 0) return null;
  return (
    <section aria-labelledby="earlier">
      <h2 id="earlier">{page.t("more_info.earlier")}</h2>
      <Rounds page={page} rounds={rounds} language={app.language} />
    </section>
  );
}

/** The page a problem of the report is fixed at: its document's page, else the field (or answer) on this one. */
function hrefOf(reportId: string, spec: Spec, problem: FieldError): string {
  const [kind, id = ""] = problem.path.split(".");
  if (kind === "files" && spec.documents.some((document) => document.id === id)) {
    return reportPaths.document(reportId, id);
  }
  return `#${kind === "fields" ? id : kind || "main"}`;
}

export interface ReportPageProps {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  spec: Spec;
  view: Award.ReportView;
  /** Word counts as shown, when they are not the stored ones (text refused and shown as sent). */
  words?: Application.WordReport;
  notice?: string | undefined;
  /** Refusals of the text itself (longer in characters than its limit could need), from a save. */
  problems?: FieldError[];
  /** What kept the report from being sent, each linked to where it is fixed. */
  sendProblems?: FieldError[];
  /** The post was made from an older version: nothing was saved, and `unsaved` holds what was typed. */
  changed?: boolean;
  unsaved?: Record<string, string> | undefined;
  /** The answer typed to the open question, kept when the report was not sent. */
  answer?: string;
  /** Why what was posted changed nothing (the report was sent or closed meanwhile). */
  alert?: string | undefined;
}

/**
 * A report: while it may be written, its fields (word-limited, saved as a draft), its documents (each a link to
 * its upload page) and the button that sends it (with an answer box when the fund's team asked for more); once
 * sent, what was sent and that it waits for the fund's team; once accepted, that it was accepted.
 */
export function ReportPage(props: ReportPageProps) {
  const { page, call, app, spec, view } = props;
  const { t } = page;
  const part = Application.reportPart(view.id);
  const asked = view.status === "more_asked" ? view.rounds.at(-1) : undefined;
  const earlier = asked ? view.rounds.slice(0, -1) : view.rounds;
  if (!view.open) {
    const files = part.read(app).files;
    return (
      <Layout page={page}>
        <ReportHead page={page} call={call} view={view} />
        <Notice text={props.notice} />
        <Alert text={props.alert} />
        <Locked page={page} app={app} text={lockedText(page, view)} />
        {view.sentAt && <h2>{t("my.report.what_sent")}</h2>}
        <SentTexts page={page} part={part} call={call} app={app} />
        {spec.documents.map((document) => (
          <>
            <h3>
              <Text text={document.label} locale={page.locale} />
            </h3>
            <SentPartFile page={page} slotId={document.id} file={files[document.id]} />
          </>
        ))}
        <EarlierRounds page={page} app={app} rounds={view.rounds} />
        <p class="note print-hint">{t("review.print")}</p>
        <BackLink page={page} />
      </Layout>
    );
  }
  const action = reportPaths.report(view.id);
  const sendProblems = props.sendProblems ?? [];
  const answerProblem = sendProblems.find((problem) => problem.path === "answer");
  const answerError = answerProblem ? partNamedMessage(page, part, call, answerProblem) : undefined;
  const { files, pending } = part.read(app);
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action }}>
      <ReportHead page={page} call={call} view={view} />
      <Notice text={props.notice} />
      <Alert text={props.changed ? t("changed.elsewhere") : props.alert} />
      <SendProblems
        page={page}
        problems={sendProblems}
        hrefOf={(problem) => hrefOf(view.id, spec, problem)}
        nameOf={(problem) => partNamedMessage(page, part, call, problem)}
      />
      {asked && <OpenQuestion page={page} round={asked} />}
      <p>{t("my.report.intro")}</p>
      <PartTextsForm
        page={page}
        part={part}
        call={call}
        app={app}
        report={props.words ?? view.words}
        action={action}
        problems={props.problems ?? []}
        nameOf={(problem) => partNamedMessage(page, part, call, problem)}
        unsaved={props.unsaved}
      />
      {spec.documents.length > 0 && (
        <section aria-labelledby="documents">
          <h2 id="documents">{t("full.documents")}</h2>
          <p>{t("my.report.documents.intro")}</p>
          <StepList
            page={page}
            steps={spec.documents.map((document) => ({
              href: reportPaths.document(view.id, document.id),
              label: pick(document.label, page.locale),
              // An upload whose check never ran is not a kept file: the step is still to do.
              done: !!files[document.id] && !pending[document.id],
              optional: !document.required,
            }))}
          />
        </section>
      )}
      <section aria-labelledby="send">
        <h2 id="send">{t("my.report.send.heading")}</h2>
        {asked && (
          // Part of the draft form (`form`), so one press sends the text and the answer together.
          <Field
            id="answer"
            label={t("more_info.your_answer")}
            help={t("my.report.answer.help")}
            {...(answerError ? { error: answerError } : {})}
          >
            <textarea
              id="answer"
              name="answer"
              form={draftFormId}
              rows={6}
              maxlength={Award.reportMessageMax}
              dir="auto"
              lang={app.language}
              {...described("answer", { help: true, error: answerError })}
              class={answerError ? "invalid" : undefined}
            >
              {props.answer ?? ""}
            </textarea>
          </Field>
        )}
        <p>{t("my.report.send.ready")}</p>
        <p class="actions">
          <button type="submit" form={draftFormId} name="_send" value="1">
            {t("my.report.send")}
          </button>
        </p>
      </section>
      <EarlierRounds page={page} app={app} rounds={earlier} />
      <BackLink page={page} />
    </Layout>
  );
}

/** A report's document, step one: which kind of file (the upload form's policy fixes its type). */
export function ReportDocumentPage({
  page,
  app,
  view,
  document,
  notice,
  error,
}: {
  page: PageContext;
  app: Application.Info;
  view: Award.ReportView;
  document: Document;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const label = pick(document.label, page.locale);
  const { files, pending } = Application.reportPart(view.id).read(app);
  const tag = (
    <span class="tag">
      <Text text={view.title} locale={page.locale} />
    </span>
  );
  if (!view.open) {
    return (
      <Layout page={page}>
        {tag}
        <h1>{label}</h1>
        <Locked page={page} app={app} text={lockedText(page, view)} />
        <SentPartFile page={page} slotId={document.id} file={files[document.id]} />
        <BackToReport page={page} view={view} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      {tag}
      <h1>{label}</h1>
      {document.help && (
        <p class="lead">
          <Text text={document.help} locale={page.locale} />
        </p>
      )}
      <FileChoice
        page={page}
        slot={document}
        current={files[document.id]}
        pending={pending[document.id] !== undefined}
        action={reportPaths.document(view.id, document.id)}
        checkAction={reportPaths.uploaded(view.id, document.id)}
        doneHref={reportPaths.report(view.id)}
        label={label}
        lead={!document.help}
        notice={notice}
        error={error}
      />
      <BackToReport page={page} view={view} />
    </Layout>
  );
}

/** A report's document, step two: a form that posts the file straight to S3, which sends the browser back. */
export function ReportUploadPage({
  page,
  view,
  document,
  type,
  upload,
}: {
  page: PageContext;
  view: Award.ReportView;
  document: Document;
  type: Document["types"][number];
  upload: PresignedUpload;
}) {
  return (
    <Layout page={page}>
      <span class="tag">
        <Text text={view.title} locale={page.locale} />
      </span>
      <h1>
        <Text text={document.label} locale={page.locale} />
      </h1>
      <FileUploadForm page={page} slot={document} type={type} upload={upload} />
      <BackToReport page={page} view={view} />
    </Layout>
  );
}

/** Back to the report a document belongs to (its own page leads on to the status page). */
function BackToReport({ page, view }: { page: PageContext; view: Award.ReportView }) {
  return (
    <p class="back">
      <a href={reportPaths.report(view.id)}>
        <Text text={view.title} locale={page.locale} />
      </a>
    </p>
  );
}
