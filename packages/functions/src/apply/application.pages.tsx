import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type * as Contact from "@amparo/core/contact";
import type { FieldError } from "@amparo/core/error";
import { countryName, formatDate, formatMoney, formatNumber, languageName, pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { fileSize, fileTypeNames, megabytes, moneyIn } from "../shared/format.js";
import type { FormValues } from "../shared/forms.js";
import {
  ErrorSummary,
  Field,
  HiddenFields,
  Layout,
  Notice,
  described,
  fieldMessage,
  rowsForWords,
  type PageContext,
} from "../shared/pages.js";
import { QuestionField } from "./quiz.pages.js";
import { SentIdentity, identityPath } from "./identity.pages.js";
// (A cycle, harmless: each module uses the other's exports only while rendering.)
import { FullInvitation } from "./full-application.pages.js";

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

/** One eligibility answer in words: option labels, country names, yes or no, numbers in the reader's format. */
function answerText(page: PageContext, question: Call.Question, answer: unknown): string {
  if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return page.t("review.not_given");
  if (typeof answer === "boolean") return page.t(answer ? "quiz.yes" : "quiz.no");
  if (typeof answer === "number") return formatNumber(page.locale, answer);
  const labelOf = (value: string) =>
    question.type === "country"
      ? countryName(value, page.locale)
      : question.options
        ? pick(
            question.options.find((option) => option.value === value)?.label ?? { en: value, es: value, pt: value },
            page.locale,
          )
        : value;
  const values = Array.isArray(answer) ? answer.map(String) : [String(answer)];
  return new Intl.ListFormat(page.locale, { type: "conjunction" }).format(values.map(labelOf));
}

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

function SentAnswers({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return (
    <dl class="sent">
      {call.eligibility.questions.map((question) => (
        <>
          <dt>{pick(question.label, page.locale)}</dt>
          <dd>{answerText(page, question, app.answers[question.id])}</dd>
        </>
      ))}
    </dl>
  );
}

export function SentNote({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return (
    <dl class="sent">
      {call.conceptNote.fields.map((field) => {
        const text = app.conceptNote[field.id]?.trim();
        return (
          <>
            <dt>{pick(field.label, page.locale)}</dt>
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

function SentFunding({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  if (!app.funding) return <p class="note">{page.t("review.not_given")}</p>;
  const money = moneyIn(page, call.funding.currency);
  return (
    <dl class="sent">
      <dt>{page.t("funding.field.amount")}</dt>
      <dd>{money(app.funding.amount)}</dd>
      <dt>{page.t("funding.field.annualBudget")}</dt>
      <dd>{money(app.funding.annualBudget)}</dd>
      <dt>{page.t("funding.field.months")}</dt>
      <dd>{page.plural("review.months", app.funding.months)}</dd>
    </dl>
  );
}

/**
 * One written field with a word limit (the concept note's, the full application's): its label and help, a text
 * area sized to the limit, and the words counted on the last save, as an error when over the limit.
 */
export function WordLimitedField({
  page,
  field,
  value,
  count,
  language,
}: {
  page: PageContext;
  field: Call.Info["conceptNote"]["fields"][number];
  value: string;
  count: { words: number; maxWords: number; ok: boolean };
  language: string;
}) {
  const { t } = page;
  return (
    <div class="field">
      <label class="label" for={field.id}>
        {pick(field.label, page.locale)}
        {!field.required && ` (${t("quiz.optional")})`}
      </label>
      <span class="help" id={`${field.id}-help`}>
        {pick(field.help, page.locale)}
      </span>
      <textarea
        id={field.id}
        name={field.id}
        rows={rowsForWords(field.maxWords)}
        lang={language}
        aria-describedby={`${field.id}-help ${field.id}-count`}
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

function SentFile({ page, app }: { page: PageContext; app: Application.Info }) {
  if (!app.budgetFile) return <p class="note">{page.t("review.no_file")}</p>;
  return (
    <dl class="sent">
      <dt>{page.t("review.file_name")}</dt>
      <dd>{app.budgetFile.fileName}</dd>
      <dt>{page.t("review.file_size")}</dt>
      <dd>{fileSize(app.budgetFile.size, page)}</dd>
      <dt>{page.t("review.file_type")}</dt>
      <dd>{fileTypeNames[app.budgetFile.contentType]}</dd>
    </dl>
  );
}

/**
 * Everything the application sends, part by part, each with a link to change it while it can be changed:
 * the eligibility answers (until the first submission), the concept note, the funding and the budget file.
 */
function Sent({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  const { t } = page;
  const editable = Application.editableStages.includes(app.stage);
  const parts = [
    {
      id: "part-answers",
      title: t("my.step.answers"),
      href: app.stage === "draft" ? paths.answers : undefined,
      body: <SentAnswers page={page} call={call} app={app} />,
    },
    // Issue 12: what reviewers see first, to recognise a conflict of interest.
    {
      id: "part-identity",
      title: t("my.step.identity"),
      href: editable ? identityPath : undefined,
      body: <SentIdentity page={page} identity={app.identity} />,
    },
    {
      id: "part-note",
      title: t("my.step.note"),
      href: editable ? paths.conceptNote : undefined,
      body: <SentNote page={page} call={call} app={app} />,
    },
    {
      id: "part-funding",
      title: t("my.step.funding"),
      href: editable ? paths.funding : undefined,
      body: <SentFunding page={page} call={call} app={app} />,
    },
    {
      id: "part-budget",
      title: t("my.step.budget"),
      href: editable ? paths.budget : undefined,
      body: <SentFile page={page} app={app} />,
    },
  ];
  return (
    <>
      {parts.map((part) => (
        <section class="part" aria-labelledby={part.id}>
          <PartHeading id={part.id} title={part.title} page={page} {...(part.href ? { href: part.href } : {})} />
          {part.body}
        </section>
      ))}
    </>
  );
}

/** Choices before the access code is made: the writing language and an optional address for notices. */
export function StartPage({
  call,
  page,
  answers,
  errors = [],
  email = "",
  limited,
}: {
  call: Call.Info;
  page: PageContext;
  answers: Record<string, string | string[]>;
  errors?: FieldError[];
  email?: string;
  /** Refused by a creation limit: when to try again; the form keeps what was typed. */
  limited?: { minutes: number };
}) {
  const { t } = page;
  const emailError = errors.find((error) => error.path.startsWith("contact"));
  const preferred = call.languages.includes(page.locale) ? page.locale : call.languages[0];
  return (
    <Layout page={page}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("start.heading")}</h1>
      <p class="lead">{t("start.intro")}</p>
      {limited && (
        <section class="outcome" role="status" aria-labelledby="limited">
          <h2 id="limited">{t("start.limited.heading")}</h2>
          <p>{t("start.limited.body", { minutes: limited.minutes })}</p>
          {call.contact && (
            <>
              <h3>{t("start.limited.help")}</h3>
              <p class="prose">{pick(call.contact, page.locale)}</p>
            </>
          )}
        </section>
      )}
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: "#email", text: namedMessage(page, call, error) }))}
      />
      <form method="post" action={`/apply/${call.id}/start`} autocomplete="off">
        <HiddenFields values={answers} />
        <input type="hidden" name="_step" value="create" />
        <Field id="language" label={t("start.language")} help={t("start.language.help")}>
          <select id="language" name="language" {...described("language", { help: true })}>
            {call.languages.map((code) => (
              <option value={code} selected={code === preferred}>
                {languageName(code, page.locale)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="email"
          label={t("start.email")}
          help={t("start.email.help")}
          error={emailError && fieldMessage(page, emailError)}
        >
          <input
            type="email"
            id="email"
            name="email"
            value={email}
            autocomplete="off"
            {...described("email", { help: true, error: emailError })}
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("start.submit")}</button>
        </p>
      </form>
    </Layout>
  );
}

/** The access code, shown this once, with advice on keeping it. */
export function CodePage({ page, token }: { page: PageContext; token: string }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("code.heading")}</h1>
      <p class="lead">{t("code.intro")}</p>
      <p class="code" aria-label={t("code.heading")}>
        <strong>{token}</strong>
      </p>
      <ul>
        <li>{t("code.advice.share")}</li>
        <li>{t("code.advice.device")}</li>
      </ul>
      <p class="actions">
        <a class="button" href={paths.overview}>
          {t("code.continue")}
        </a>
      </p>
    </Layout>
  );
}

/** Asks for the access code to come back to an application. */
export function ResumePage({ page, unknown = false }: { page: PageContext; unknown?: boolean }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("resume.heading")}</h1>
      <p class="lead">{t("resume.intro")}</p>
      <ErrorSummary page={page} items={unknown ? [{ href: "#code", text: t("resume.unknown") }] : []} />
      <form method="post" action={paths.resume} autocomplete="off">
        <Field id="code" label={t("resume.label")} error={unknown ? t("resume.unknown") : undefined}>
          <input
            type="text"
            id="code"
            name="code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            {...described("code", { error: unknown })}
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("resume.submit")}</button>
        </p>
      </form>
    </Layout>
  );
}

function Status({ page, app, call }: { page: PageContext; app: Application.Info; call: Call.Info }) {
  const { t } = page;
  const currency = call.funding.currency;
  const outcome = app.decision?.outcome;
  const nextSteps = outcome === "approved" || outcome === "declined" ? call.nextSteps?.[outcome] : undefined;
  // A message goes with the news it came with: a decision, or a request still waiting for the applicant.
  const message = outcome || app.stage === "more_info" ? app.messageToApplicant : undefined;
  // Invited to a full application (issue 13): the fund now waits on the applicant, so no decision date is promised.
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
      {app.stage === "more_info" && app.moreInfoRequest && (
        <>
          <h2>{t("my.request")}</h2>
          <p class="prose">{app.moreInfoRequest}</p>
        </>
      )}
      {message && (
        <>
          <h2>{t("my.message")}</h2>
          <p class="prose">{message}</p>
        </>
      )}
      {nextSteps && (
        <>
          <h2>{t("my.next")}</h2>
          <p class="prose">{pick(nextSteps, page.locale)}</p>
        </>
      )}
    </>
  );
}

/** The application's home: status in neutral words, what is still needed, and the way to each part. */
export function OverviewPage({
  page,
  call,
  app,
  report,
  notice,
  contact,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  notice?: string;
  /** What the applicant should know of their contact address (`Contact.status`). */
  contact?: Contact.Status | undefined;
}) {
  const { t } = page;
  const editable = Application.editableStages.includes(app.stage);
  const writing =
    app.stage === "shortlisted" && !!call.fullApplication && Application.fullApplicationState(app) === "writing";
  const steps = [
    ...(app.stage === "draft"
      ? [{ href: paths.answers, label: t("my.step.answers"), done: true, optional: false }]
      : []),
    { href: identityPath, label: t("my.step.identity"), done: !!app.identity, optional: true },
    { href: paths.conceptNote, label: t("my.step.note"), done: report.complete, optional: false },
    { href: paths.funding, label: t("my.step.funding"), done: !!app.funding, optional: false },
    { href: paths.budget, label: t("my.step.budget"), done: !!app.budgetFile, optional: !call.budgetFile.required },
  ];
  return (
    <Layout page={page}>
      <span class="tag">{t("my.call", { title: pick(call.title, page.locale) })}</span>
      <h1>{t("my.heading")}</h1>
      <Notice text={notice} />
      <Status page={page} app={app} call={call} />
      {contact && contact !== "confirmed" && <p class="note">{t(`my.contact_status.${contact}`)}</p>}
      <FullInvitation page={page} call={call} app={app} />
      {editable ? (
        <>
          <h2>{t("my.todo")}</h2>
          <ul class="steps">
            {steps.map((step) => (
              <li>
                <a href={step.href}>{step.label}</a>{" "}
                <span class="note">
                  ({step.done ? t("my.step.done") : step.optional ? t("my.step.optional") : t("my.step.todo")})
                </span>
              </li>
            ))}
          </ul>
          <p class="actions">
            <a class="button" href={paths.review}>
              {t("my.review")}
            </a>
          </p>
        </>
      ) : (
        <>
          {/* Not while a full application is being written: that part can still change. */}
          {!writing && <p class="note">{t("my.locked")}</p>}
          {app.submittedAt && (
            <>
              <p>
                <a href={paths.review}>{t("my.what_sent")}</a>
              </p>
              <p class="note print-hint">{t("review.print")}</p>
            </>
          )}
        </>
      )}
      {call.contact && (
        <section aria-labelledby="contact">
          <h2 id="contact">{t("my.contact.heading")}</h2>
          <p class="prose">{pick(call.contact, page.locale)}</p>
        </section>
      )}
      {!Application.finalStages.includes(app.stage) && (
        <p class="no-print">
          <a href={paths.withdraw}>{t("my.withdraw")}</a>
        </p>
      )}
      <form method="post" action={paths.signOut}>
        <button type="submit" class="secondary">
          {t("my.signout")}
        </button>
      </form>
    </Layout>
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
  fields: Call.Info["conceptNote"]["fields"];
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
            <dt>{pick(field.label, page.locale)}</dt>
            <dd class="prose" lang={language}>
              {unsaved![field.id]}
            </dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** The concept note: one text area per field, with the word counts the API computes; read-only once sent. */
export function ConceptNotePage({
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
  if (!Application.editableStages.includes(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("note.heading")}</h1>
        <Locked page={page} app={app} />
        <SentNote page={page} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page}>
      <h1>{t("note.heading")}</h1>
      <p class="lead">{t("note.intro")}</p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <UnsavedText
        page={page}
        fields={call.conceptNote.fields}
        saved={app.conceptNote}
        unsaved={unsaved}
        language={app.language}
      />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({
          href: `#${problem.path.replace(/^fields\./, "")}`,
          text: namedMessage(page, call, problem),
        }))}
      />
      <form method="post" action={paths.conceptNote} autocomplete="off">
        <VersionField app={app} />
        {call.conceptNote.fields.map((field) => (
          <WordLimitedField
            page={page}
            field={field}
            value={app.conceptNote[field.id] ?? ""}
            count={report.fields[field.id]!}
            language={app.language}
          />
        ))}
        <p class="actions">
          <button type="submit">{t("note.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}

/** The funding fields the page asks for: the annual budget only when the call's quiz did not. */
export function fundingFields(call: Call.Info, app: Pick<Application.Info, "answers">) {
  return Application.annualBudgetFromAnswers(call, app) === undefined
    ? (["amount", "annualBudget", "months"] as const)
    : (["amount", "months"] as const);
}

/** A number the applicant could type into each funding field, for the message when theirs is unreadable. */
export function fundingExample(call: Call.Info, name: "amount" | "annualBudget" | "months"): string {
  const { min, max, maxMonths } = call.funding;
  if (name === "months") return String(Math.min(maxMonths, 6));
  if (name === "annualBudget") return "20000";
  return String(Math.max(min, Math.round((min + max) / 2 / 500) * 500));
}

/** What the applicant asks for, with the call's rules stated before any error; read-only once sent. */
export function FundingPage({
  page,
  call,
  app,
  values,
  errors = [],
  saved = false,
  changed = false,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  values?: Record<string, string>;
  errors?: FieldError[];
  saved?: boolean;
  changed?: boolean;
}) {
  const { t } = page;
  const rules = call.funding;
  const money = moneyIn(page, rules.currency);
  if (!Application.editableStages.includes(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("funding.heading")}</h1>
        <Locked page={page} app={app} />
        <SentFunding page={page} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  const fromQuiz = Application.annualBudgetFromAnswers(call, app);
  const current = values ?? {
    amount: app.funding ? String(app.funding.amount) : "",
    annualBudget: app.funding ? String(app.funding.annualBudget) : "",
    months: app.funding ? String(app.funding.months) : "",
  };
  const labels = {
    amount: t("funding.amount", { currency: rules.currency }),
    annualBudget: t("funding.annual_budget", { currency: rules.currency }),
    months: t("funding.months"),
  };
  const errorsFor = (name: string) => errors.filter((error) => error.path === name);
  return (
    <Layout page={page}>
      <h1>{t("funding.heading")}</h1>
      <p class="lead">
        {t("funding.rules", { min: money(rules.min), max: money(rules.max), months: rules.maxMonths })}
        {rules.maxRatioToAnnualBudget !== null && <> {t("call.ratio", { ratio: rules.maxRatioToAnnualBudget })}</>}
      </p>
      {fromQuiz !== undefined && (
        <p>
          {t("funding.from_quiz", { amount: money(fromQuiz) })}
          {app.stage === "draft" && (
            <>
              {" "}
              <a href={paths.answers}>{t("funding.from_quiz.change")}</a>
            </>
          )}
        </p>
      )}
      <Notice text={saved ? t("funding.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path}`, text: namedMessage(page, call, error) }))}
      />
      <form method="post" action={paths.funding} autocomplete="off" novalidate>
        <VersionField app={app} />
        {fundingFields(call, app).map((name) => {
          // One field can break several rules (the amount: below the minimum and above the ratio).
          const own = errorsFor(name)
            .map((error) => fieldMessage(page, error))
            .join(" ");
          return (
            <Field id={name} label={labels[name]} error={own || undefined}>
              <input
                type="text"
                inputmode="numeric"
                id={name}
                name={name}
                value={current[name] ?? ""}
                autocomplete="off"
                {...described(name, { error: own })}
                class={own ? "invalid" : undefined}
              />
            </Field>
          );
        })}
        <p class="actions">
          <button type="submit">{t("funding.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}

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
  if (!Application.editableStages.includes(app.stage)) {
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

/**
 * Everything that will be sent, part by part with a link to change each, then what is missing or wrong, or
 * the button; once sent, the same parts read-only, to check or print.
 */
export function ReviewPage({
  page,
  call,
  app,
  problems,
  alert,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  problems: FieldError[];
  /** Why the submission just posted was not made (changed elsewhere, the call closed). */
  alert?: string;
}) {
  const { t } = page;
  const editable = Application.editableStages.includes(app.stage);
  const linkFor = (path: string) =>
    path.startsWith("conceptNote") ? paths.conceptNote : path.startsWith("funding") ? paths.funding : paths.budget;
  return (
    <Layout page={page}>
      <span class="tag">{t("my.call", { title: pick(call.title, page.locale) })}</span>
      <h1>{t("review.heading")}</h1>
      <Status page={page} app={app} call={call} />
      <Alert text={alert} />
      {editable ? <p class="lead">{t("review.intro")}</p> : <Locked page={page} app={app} />}
      {editable && problems.length > 0 && (
        <div class="summary" role="alert" aria-labelledby="problems">
          <h2 id="problems">{t("review.problems")}</h2>
          <ul>
            {problems.map((problem) => (
              <li>
                <a href={linkFor(problem.path)}>{namedMessage(page, call, problem)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Sent page={page} call={call} app={app} />
      {editable && problems.length === 0 && (
        <form method="post" action={paths.review}>
          <VersionField app={app} />
          <p>{t("review.ready")}</p>
          <p class="actions">
            <button type="submit">{t("review.submit")}</button>
          </p>
        </form>
      )}
      {!editable && <p class="note print-hint">{t("review.print")}</p>}
      <BackLink page={page} />
    </Layout>
  );
}

/** The answers as a form's values, to fill the quiz's controls again (yes/no radios, typed numbers, checkboxes). */
function formValuesOf(answers: Application.Info["answers"]): FormValues {
  return Object.fromEntries(
    Object.entries(answers).map(([id, answer]) => [
      id,
      typeof answer === "boolean" ? (answer ? "yes" : "no") : Array.isArray(answer) ? answer : String(answer),
    ]),
  );
}

/**
 * The eligibility answers the application was started with: the quiz again, filled in, until the first
 * submission (checked again on save); read-only after it.
 */
export function AnswersPage({
  page,
  call,
  app,
  values,
  errors = [],
  reasons = [],
  saved = false,
  changed = false,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  values?: FormValues;
  errors?: FieldError[];
  /** The call's reasons the answers sent would break (nothing was saved). */
  reasons?: string[];
  saved?: boolean;
  changed?: boolean;
}) {
  const { t } = page;
  if (app.stage !== "draft") {
    return (
      <Layout page={page}>
        <h1>{t("answers.heading")}</h1>
        <Locked page={page} app={app} text={app.stage === "withdrawn" ? undefined : t("locked.answers")} />
        <SentAnswers page={page} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  const errorFor = new Map(
    errors.map((error) => [error.path.replace(/^(eligibility\.)?answers\./, ""), fieldMessage(page, error)]),
  );
  const questions = call.eligibility.questions;
  return (
    <Layout page={page}>
      <h1>{t("answers.heading")}</h1>
      <p class="lead">{t("answers.intro")}</p>
      <Notice text={saved ? t("answers.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      {reasons.length > 0 && (
        <div class="summary" role="alert">
          <p>{t("answers.not_eligible")}</p>
          <ul>
            {reasons.map((reason) => (
              <li>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorSummary
        page={page}
        items={errors.map((error) => {
          const question = questions.find((item) => error.path.endsWith(`answers.${item.id}`));
          const inline = question?.type === "number" || question?.type === "country";
          return {
            href: question ? `#${inline ? question.id : `${question.id}-0`}` : "#main",
            text: namedMessage(page, call, error),
          };
        })}
      />
      <form method="post" action={paths.answers} autocomplete="off" novalidate>
        <VersionField app={app} />
        {questions.map((question) => (
          <QuestionField
            question={question}
            page={page}
            values={values ?? formValuesOf(app.answers)}
            {...(errorFor.has(question.id) ? { error: errorFor.get(question.id)! } : {})}
          />
        ))}
        <p class="actions">
          <button type="submit">{t("answers.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}

/** Withdrawal asks once more, and says what happens to the content. */
export function WithdrawPage({ page, call }: { page: PageContext; call: Call.Info }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("withdraw.heading")}</h1>
      <p>{page.plural("withdraw.text", call.retentionDays)}</p>
      <form method="post" action={paths.withdraw} class="actions">
        <button type="submit">{t("withdraw.confirm")}</button>
        <a href={paths.overview}>{t("my.back")}</a>
      </form>
    </Layout>
  );
}
