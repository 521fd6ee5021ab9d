// What the application's pages share: their paths, headings, errors named by field, status, and what was sent
// of the parts that are not text or files (the answers, the funding).
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import type { Child } from "hono/jsx";
import { formatDate, formatMoney, pick } from "@amparo/core/i18n";
import { moneyIn } from "../shared/format.js";
import { fieldMessage, type PageContext, Text } from "../shared/pages.js";
import { ImmediateHelp } from "./immediate-help.js";
import { EligibilityAnswers } from "../shared/eligibility-answers.js";

/** Where each applicant page lives: fixed paths, so the browser's history shows no application id. */
export const paths = {
  overview: "/apply/my",
  code: "/apply/my/code",
  answers: "/apply/my/answers",
  conceptNote: "/apply/my/concept-note",
  funding: "/apply/my/funding",
  budget: "/apply/my/budget",
  budgetUploaded: "/apply/my/budget/uploaded",
  review: "/apply/my/submit",
  moreInfo: "/apply/my/more-info",
  withdraw: "/apply/my/withdraw",
  signOut: "/apply/my/sign-out",
  resume: "/apply/resume",
};

export function BackLink({ page }: { page: PageContext }) {
  return (
    <p class="back">
      <a href={paths.overview}>{page.t("my.back")}</a>
    </p>
  );
}

/* ------------------------- errors that name their field ------------------------- */

/** The field an error is about, as the applicant knows it; undefined when the message names it already. */
function fieldLabel(page: PageContext, call: Call.Info, error: FieldError): string | undefined {
  if (error.params?.["field"] !== undefined) return undefined;
  const name = error.path.replace(/^(funding|fields|conceptNote|eligibility\.answers|answers)\./, "");
  if (name === "amount" || name === "annualBudget" || name === "months") return page.t(`funding.field.${name}`);
  if (name === "contact.email") return page.t("start.email");
  const field = call.conceptNote.fields.find((item) => item.id === name);
  if (field) return pick(field.label, page.locale);
  const question = call.eligibility.questions.find((item) => item.id === name);
  return question ? pick(question.label, page.locale) : undefined;
}

/** An error as a list of problems shows it: the field's name first ("Amount: ..."), in the reader's language. */
export function namedMessage(page: PageContext, call: Call.Info, error: FieldError): string {
  const label = fieldLabel(page, call, error);
  const message = fieldMessage(page, error);
  // As the quiz names its questions: "Label: message" reads the same way in every interface language.
  return label ? `${label}: ${message}` : message;
}

/* ------------------------------ closed and changed ------------------------------ */

/** Why a part of the application can no longer be changed, in one plain sentence. */
export function lockedReason(page: PageContext, app: Application.Info): string {
  if (app.stage === "withdrawn" && app.withdrawnAt) {
    return page.t("locked.withdrawn", { date: formatDate(page.locale, app.withdrawnAt) });
  }
  if (app.submittedAt) return page.t("locked.sent", { date: formatDate(page.locale, app.submittedAt) });
  return page.t("my.locked");
}

export function Locked({ page, app, text }: { page: PageContext; app: Application.Info; text?: string }) {
  return <p class="locked">{text ?? lockedReason(page, app)}</p>;
}

/** Something the applicant must know before going on (their change was not saved, the call closed). */
export function Alert({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="summary" role="alert">
      {text}
    </p>
  ) : null;
}

/** The version a form was opened at: a post made from an older one changed nothing (another tab saved first). */
export function VersionField({ app }: { app: Application.Info }) {
  return <input type="hidden" name="_version" value={String(app.version)} />;
}

/* ------------------------------ what will be sent ------------------------------ */

/** A part's heading, with a link to its step while it can still be changed. */
export function PartHeading({
  id,
  title,
  href,
  page,
}: {
  id: string;
  title: string;
  href?: string;
  page: PageContext;
}) {
  return (
    <div class="part-head">
      <h2 id={id}>{title}</h2>
      {href && (
        <a class="change" href={href}>
          {page.t("review.change")}
          <span class="visually-hidden"> {title}</span>
        </a>
      )}
    </div>
  );
}

export function SentAnswers({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return <EligibilityAnswers page={page} call={call} answers={app.answers} />;
}

export function SentFunding({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  if (!app.funding) return <p class="note">{page.t("review.not_given")}</p>;
  const money = moneyIn(page, call.funding.currency);
  return (
    <dl class="sent">
      <dt>{page.t("funding.field.amount")}</dt>
      <dd>{money(app.funding.amount)}</dd>
      {app.funding.annualBudget !== undefined && (
        <>
          <dt>{page.t("funding.field.annualBudget")}</dt>
          <dd>{money(app.funding.annualBudget)}</dd>
        </>
      )}
      <dt>{page.t("funding.field.months")}</dt>
      <dd>{page.plural("review.months", app.funding.months)}</dd>
    </dl>
  );
}

export function Status({
  page,
  app,
  call,
  children,
}: {
  page: PageContext;
  app: Application.Info;
  call: Call.Info;
  /** What belongs with the news, before the call's next steps and the help (the grant, once there is one). */
  children?: Child;
}) {
  const { t } = page;
  const currency = call.funding.currency;
  const outcome = app.decision?.outcome;
  // The call's words for what follows a decision, until the grant's own steps have begun (or it stopped).
  const nextSteps =
    outcome === "declined" || (outcome === "approved" && (app.stage === "approved" || app.stage === "agreement_sent"))
      ? call.nextSteps?.[outcome]
      : undefined;
  // A message goes with the news it came with: a decision, or a request still waiting for the applicant.
  const message = outcome || app.stage === "more_info" ? app.messageToApplicant : undefined;
  // The open question shows here and again where it is answered, with the answer box.
  const question = Application.openQuestion(app);
  // Invited to a full application: the fund now waits on the applicant, so no decision date is promised.
  const full = app.stage === "shortlisted" && call.fullApplication ? Application.fullApplicationState(app) : "none";
  return (
    <>
      <p>
        <strong>{t("my.status")}:</strong> {full === "writing" ? t("my.full.status") : t(`stage.${app.stage}`)}
      </p>
      {app.decision?.outcome === "approved" && app.decision.amount !== undefined && (
        <p>{t("my.amount", { amount: formatMoney(page.locale, app.decision.amount, currency) })}</p>
      )}
      {app.submittedAt && <p>{t("my.sent", { date: formatDate(page.locale, app.submittedAt) })}</p>}
      {app.decisionDueAt && !app.decision && app.stage !== "withdrawn" && full === "none" && (
        <p>{t("my.due", { date: formatDate(page.locale, app.decisionDueAt) })}</p>
      )}
      {question && (
        <>
          <h2>{t("my.request")}</h2>
          <p class="prose">{question.question}</p>
          <p>
            <a href={paths.moreInfo}>{t("more_info.answer_now")}</a>
          </p>
        </>
      )}
      {message && (
        <>
          <h2>{t("my.message")}</h2>
          <p class="prose">{message}</p>
        </>
      )}
      {children}
      {nextSteps && (
        <>
          <h2>{t("my.next")}</h2>
          <p class="prose">
            <Text text={nextSteps} locale={page.locale} />
          </p>
        </>
      )}
      {outcome && <ImmediateHelp page={page} call={call} />}
    </>
  );
}

/** What the pages of a written part (the concept note, the full application's text) are given. */
export interface WrittenPartProps {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  saved?: boolean;
  problems?: FieldError[];
  /** The post was made from an older version: nothing was saved, and `unsaved` holds what was typed. */
  changed?: boolean;
  unsaved?: Record<string, string> | undefined;
}
