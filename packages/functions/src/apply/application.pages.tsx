import * as Application from "@amparo/core/application";
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, formatMoney, languageName, pick } from "@amparo/core/i18n";
import type { PresignedUpload } from "@amparo/core/upload";
import { fileTypeNames, megabytes, moneyIn } from "../shared/format.js";
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

/** Where each applicant page lives: fixed paths, so the browser's history shows no application id. */
export const paths = {
  overview: "/apply/my",
  code: "/apply/my/code",
  conceptNote: "/apply/my/concept-note",
  funding: "/apply/my/funding",
  budget: "/apply/my/budget",
  budgetUploaded: "/apply/my/budget/uploaded",
  review: "/apply/my/submit",
  withdraw: "/apply/my/withdraw",
  signOut: "/apply/my/sign-out",
  resume: "/apply/resume",
};

function BackLink({ page }: { page: PageContext }) {
  return (
    <p>
      <a href={paths.overview}>{page.t("my.back")}</a>
    </p>
  );
}

/** Choices before the access code is made: the writing language and an optional address for notices. */
export function StartPage({
  call,
  page,
  answers,
  errors = [],
  email = "",
}: {
  call: Call.Info;
  page: PageContext;
  answers: Record<string, string | string[]>;
  errors?: FieldError[];
  email?: string;
}) {
  const { t } = page;
  const emailError = errors.find((error) => error.path.startsWith("contact"));
  const preferred = call.languages.includes(page.locale) ? page.locale : call.languages[0];
  return (
    <Layout page={page}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("start.heading")}</h1>
      <p class="lead">{t("start.intro")}</p>
      <ErrorSummary page={page} items={errors.map((error) => ({ href: "#email", text: fieldMessage(page, error) }))} />
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

function Status({ page, app, currency }: { page: PageContext; app: Application.Info; currency: string }) {
  const { t } = page;
  return (
    <>
      <p>
        <strong>{t("my.status")}:</strong> {t(`stage.${app.stage}`)}
      </p>
      {app.decision?.outcome === "approved" && app.decision.amount !== undefined && (
        <p>{t("my.amount", { amount: formatMoney(page.locale, app.decision.amount, currency) })}</p>
      )}
      {app.stage === "more_info" && app.moreInfoRequest && (
        <>
          <h2>{t("my.request")}</h2>
          <p class="prose">{app.moreInfoRequest}</p>
        </>
      )}
      {app.submittedAt && <p>{t("my.sent", { date: formatDate(page.locale, app.submittedAt) })}</p>}
      {app.decisionDueAt && !app.decision && app.stage !== "withdrawn" && (
        <p>{t("my.due", { date: formatDate(page.locale, app.decisionDueAt) })}</p>
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
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  notice?: string;
}) {
  const { t } = page;
  const editable = Application.editableStages.includes(app.stage);
  const steps = [
    { href: paths.conceptNote, label: t("my.step.note"), done: report.complete, optional: false },
    { href: paths.funding, label: t("my.step.funding"), done: !!app.funding, optional: false },
    { href: paths.budget, label: t("my.step.budget"), done: !!app.budgetFile, optional: !call.budgetFile.required },
  ];
  return (
    <Layout page={page}>
      <span class="tag">{t("my.call", { title: pick(call.title, page.locale) })}</span>
      <h1>{t("my.heading")}</h1>
      <Notice text={notice} />
      <Status page={page} app={app} currency={call.funding.currency} />
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
        <p class="note">{t("my.locked")}</p>
      )}
      {!Application.finalStages.includes(app.stage) && (
        <p>
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

/** The concept note: one text area per field, with the word counts the API computes. */
export function ConceptNotePage({
  page,
  call,
  app,
  report,
  saved = false,
  problems = [],
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  saved?: boolean;
  problems?: FieldError[];
}) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("note.heading")}</h1>
      <p class="lead">{t("note.intro")}</p>
      <Notice text={saved ? t("note.saved") : undefined} />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({
          href: `#${problem.path.replace(/^fields\./, "")}`,
          text: fieldMessage(page, problem),
        }))}
      />
      <form method="post" action={paths.conceptNote} autocomplete="off">
        {call.conceptNote.fields.map((field) => {
          const count = report.fields[field.id]!;
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
                rows={8}
                lang={app.language}
                aria-describedby={`${field.id}-help ${field.id}-count`}
                aria-invalid={count.ok ? undefined : "true"}
                class={count.ok ? undefined : "invalid"}
              >
                {app.conceptNote[field.id] ?? ""}
              </textarea>
              <span class={count.ok ? "help" : "error"} id={`${field.id}-count`}>
                {count.ok
                  ? t("note.words", { words: count.words, max: count.maxWords })
                  : t("note.over", { words: count.words, max: count.maxWords })}
              </span>
            </div>
          );
        })}
        <p class="actions">
          <button type="submit">{t("note.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}

/** What the applicant asks for, with the call's rules stated before any error. */
export function FundingPage({
  page,
  call,
  app,
  values,
  errors = [],
  saved = false,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  values?: Record<string, string>;
  errors?: FieldError[];
  saved?: boolean;
}) {
  const { t } = page;
  const rules = call.funding;
  const money = moneyIn(page, rules.currency);
  const current = values ?? {
    amount: app.funding ? String(app.funding.amount) : "",
    annualBudget: app.funding ? String(app.funding.annualBudget) : "",
    months: app.funding ? String(app.funding.months) : "",
  };
  const inputs = [
    { name: "amount", label: t("funding.amount", { currency: rules.currency }) },
    { name: "annualBudget", label: t("funding.annual_budget", { currency: rules.currency }) },
    { name: "months", label: t("funding.months") },
  ];
  const errorsFor = (name: string) => errors.filter((error) => error.path === name);
  return (
    <Layout page={page}>
      <h1>{t("funding.heading")}</h1>
      <p class="lead">
        {t("funding.rules", { min: money(rules.min), max: money(rules.max), months: rules.maxMonths })}
        {rules.maxRatioToAnnualBudget !== null && <> {t("call.ratio", { ratio: rules.maxRatioToAnnualBudget })}</>}
      </p>
      <Notice text={saved ? t("funding.saved") : undefined} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path}`, text: fieldMessage(page, error) }))}
      />
      <form method="post" action={paths.funding} autocomplete="off" novalidate>
        {inputs.map((input) => {
          // One field can break several rules (the amount: below the minimum and above the ratio).
          const own = errorsFor(input.name)
            .map((error) => fieldMessage(page, error))
            .join(" ");
          return (
            <Field id={input.name} label={input.label} error={own || undefined}>
              <input
                type="text"
                inputmode="numeric"
                id={input.name}
                name={input.name}
                value={current[input.name] ?? ""}
                autocomplete="off"
                {...described(input.name, { error: own })}
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
      <ErrorSummary page={page} items={error ? [{ href: "#type-0", text: error }] : []} />
      {app.budgetFile && (
        <p>{t("budget.current", { name: app.budgetFile.fileName, size: megabytes(app.budgetFile.size, page) })}</p>
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

/** Everything at once before submitting: what is missing or wrong, or the button. */
export function ReviewPage({
  page,
  call,
  app,
  problems,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  problems: FieldError[];
}) {
  const { t } = page;
  const editable = Application.editableStages.includes(app.stage);
  const linkFor = (path: string) =>
    path.startsWith("conceptNote") ? paths.conceptNote : path.startsWith("funding") ? paths.funding : paths.budget;
  return (
    <Layout page={page}>
      <h1>{t("review.heading")}</h1>
      <Status page={page} app={app} currency={call.funding.currency} />
      {!editable ? (
        <p class="note">{t("my.locked")}</p>
      ) : problems.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="problems">
          <h2 id="problems">{t("review.problems")}</h2>
          <ul>
            {problems.map((problem) => (
              <li>
                <a href={linkFor(problem.path)}>{fieldMessage(page, problem)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action={paths.review}>
          <p>{t("review.ready")}</p>
          <p class="actions">
            <button type="submit">{t("review.submit")}</button>
          </p>
        </form>
      )}
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
