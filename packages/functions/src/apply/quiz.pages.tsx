import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import type * as Eligibility from "@amparo/core/eligibility";
import { formatDate, formatDateTime, languageName, pick, t as translate } from "@amparo/core/i18n";
import { fileSize, fileTypeNames, moneyIn } from "../shared/format.js";
import type { FormValues } from "../shared/forms.js";
import {
  described,
  ErrorSummary,
  Field,
  HiddenFields,
  Layout,
  type PageContext,
  Text,
  TextLanguageNotice,
} from "../shared/pages.js";
import { ImmediateHelp } from "./immediate-help.js";

/** The short facts of a call: kind, amount, decision time, dates. */
function Facts({ call, page }: { call: Call.Info; page: PageContext }) {
  const { t } = page;
  const status = Call.status(call);
  const money = moneyIn(page, call.funding.currency);
  return (
    <ul class="facts">
      <li>{t("call.amount", { min: money(call.funding.min), max: money(call.funding.max) })}</li>
      <li>{t("call.decision_days", { days: call.decisionDays })}</li>
      <li>
        {!call.closesAt
          ? t("call.always_open")
          : status === "open"
            ? // The closing moment to the minute, in UTC and saying so: a day alone would read as the reader's own day.
              t("call.closes", { date: formatDateTime(page.locale, call.closesAt) })
            : t("call.closed_on", { date: formatDate(page.locale, call.closesAt) })}
      </li>
    </ul>
  );
}

function CallCard({ call, page }: { call: Call.Info; page: PageContext }) {
  return (
    <li class="card">
      <span class="tag">{page.t(`call.kind.${call.kind}`)}</span>
      <h3>
        <a href={`/apply/${call.id}`}>
          <Text text={call.title} locale={page.locale} />
        </a>
      </h3>
      <p>
        <Text text={call.summary} locale={page.locale} />
      </p>
      <Facts call={call} page={page} />
    </li>
  );
}

/** The home page: open calls first, closed ones after. */
export function HomePage({ calls, page }: { calls: Call.Info[]; page: PageContext }) {
  const { t } = page;
  const open = calls.filter((call) => Call.status(call) === "open");
  const closed = calls.filter((call) => Call.status(call) === "closed");
  return (
    <Layout page={page}>
      <h1>{t("home.heading")}</h1>
      <p class="lead">{t("home.intro")}</p>
      <p>
        <a href="/apply/resume">{t("home.resume")}</a>
      </p>
      <h2>{t("home.open")}</h2>
      {open.length === 0 ? (
        <p>{t("home.none_open")}</p>
      ) : (
        <ul class="cards">
          {open.map((call) => (
            <CallCard call={call} page={page} />
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <>
          <h2>{t("home.closed")}</h2>
          <ul class="cards">
            {closed.map((call) => (
              <CallCard call={call} page={page} />
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** One call: what it funds, what an application needs, and the way to the quiz. */
export function CallPage({ call, page }: { call: Call.Info; page: PageContext }) {
  const { t } = page;
  const open = Call.status(call) === "open";
  const types = call.budgetFile.types.map((type) => fileTypeNames[type]).join(", ");
  const size = fileSize(call.budgetFile.maxBytes, page);
  return (
    <Layout page={page}>
      <span class="tag">{t(`call.kind.${call.kind}`)}</span>
      <TextLanguageNotice page={page} call={call} />
      <h1>
        <Text text={call.title} locale={page.locale} />
      </h1>
      <p class="lead">
        <Text text={call.summary} locale={page.locale} />
      </p>
      <Facts call={call} page={page} />
      <p>
        {page.plural("call.max_months", call.funding.maxMonths)}
        {call.funding.maxRatioToAnnualBudget !== null && (
          <> {t("call.ratio", { ratio: call.funding.maxRatioToAnnualBudget })}</>
        )}
      </p>
      {call.covers.length > 0 && (
        <>
          <h2>{t("call.covers")}</h2>
          <ul>
            {call.covers.map((item) => (
              <li>
                <Text text={item} locale={page.locale} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("call.needs")}</h2>
      <p>{t("call.needs.note")}</p>
      <ul>
        {call.conceptNote.fields.map((field) => (
          <li>
            <Text text={field.label} locale={page.locale} /> ({page.plural("call.needs.words", field.maxWords)}
            {!field.required && <>, {t("call.needs.optional")}</>})
          </li>
        ))}
      </ul>
      <p>
        {call.budgetFile.required
          ? t("call.needs.budget.required", { types, size })
          : t("call.needs.budget.optional", { types, size })}
      </p>
      <p>
        {t("call.languages", {
          languages: call.languages.map((code) => languageName(code, page.locale)).join(", "),
        })}
      </p>
      {open ? (
        <p class="actions">
          <a class="button" href={`/apply/${call.id}/eligibility`}>
            {t("call.check")}
          </a>
        </p>
      ) : (
        <p>
          <strong>{t("call.is_closed")}</strong>
        </p>
      )}
      <ImmediateHelp page={page} call={call} />
      <p>
        <a href="/">{t("site.back_home")}</a>
      </p>
    </Layout>
  );
}

function valuesOf(values: FormValues, id: string): string[] {
  const value = values[id];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The platform's own word under a question: for the annual budget, that someone applying alone may write 0. */
export function questionHint(call: Call.Info, question: Call.Question, page: PageContext): string | undefined {
  return question.id === call.funding.annualBudgetQuestion ? page.t("funding.annual_budget.hint") : undefined;
}

/** One quiz question as plain HTML controls, with its error (if any) tied to it for screen readers. */
export function QuestionField({
  question,
  page,
  values,
  error,
  hint,
}: {
  question: Call.Question;
  page: PageContext;
  values: FormValues;
  error?: string;
  hint?: string | undefined;
}) {
  const { t } = page;
  const label = pick(question.label, page.locale);
  const help = [question.help ? pick(question.help, page.locale) : "", hint ?? ""].join(" ").trim() || undefined;
  const marker = question.required ? "" : ` (${t("quiz.optional")})`;
  const aria = described(question.id, { help, error });
  const chosen = valuesOf(values, question.id);
  const helpText = help && (
    <span class="help" id={`${question.id}-help`}>
      {help}
    </span>
  );
  const errorText = error && (
    <span class="error" id={`${question.id}-error`}>
      {error}
    </span>
  );

  if (question.type === "number" || question.type === "country") {
    return (
      <Field id={question.id} label={`${label}${marker}`} help={help} error={error}>
        {question.type === "number" ? (
          <input
            type="text"
            inputmode="numeric"
            id={question.id}
            name={question.id}
            dir="auto"
            value={chosen[0] ?? ""}
            autocomplete="off"
            required={question.required}
            {...aria}
            class={error ? "invalid" : undefined}
          />
        ) : (
          <select
            id={question.id}
            name={question.id}
            required={question.required}
            {...aria}
            class={error ? "invalid" : undefined}
          >
            <option value="">{t("quiz.choose_country")}</option>
            {Call.optionsOf(question, page.locale)!.map((option) => (
              <option value={option.value} selected={chosen.includes(option.value)}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }

  const options =
    question.type === "boolean"
      ? [
          { value: "yes", label: t("quiz.yes") },
          { value: "no", label: t("quiz.no") },
        ]
      : Call.optionsOf(question, page.locale)!;
  const multiple = question.type === "multi";
  return (
    <fieldset {...aria}>
      <legend>
        {label}
        {marker}
      </legend>
      {helpText}
      {question.type !== "boolean" && <span class="help">{multiple ? t("quiz.choose_many") : t("quiz.choose")}</span>}
      {errorText}
      {options.map((option, index) => (
        <div class="choice">
          <input
            type={multiple ? "checkbox" : "radio"}
            id={`${question.id}-${index}`}
            name={question.id}
            value={option.value}
            checked={chosen.includes(option.value)}
            required={!multiple && question.required && index === 0}
          />
          <label for={`${question.id}-${index}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The eligibility quiz as a plain form; after a failed check it shows every problem and keeps the answers. */
export function QuizPage({
  call,
  page,
  values = {},
  errors = [],
}: {
  call: Call.Info;
  page: PageContext;
  values?: FormValues;
  errors?: FieldError[];
}) {
  const { t } = page;
  const errorFor = new Map(
    errors.map((error) => [error.path.replace(/^answers\./, ""), translate(page.locale, error.message, error.params)]),
  );
  const questions = call.eligibility.questions;
  const action = `/apply/${call.id}/eligibility`;
  return (
    <Layout page={page} switchForm={{ id: "quiz", action }}>
      <span class="tag">
        <Text text={call.title} locale={page.locale} />
      </span>
      <TextLanguageNotice page={page} call={call} />
      <h1>{t("quiz.heading")}</h1>
      <p class="lead">{t("quiz.intro")}</p>
      <ErrorSummary
        page={page}
        items={questions
          .filter((question) => errorFor.has(question.id))
          .map((question) => ({
            href: `#${question.type === "number" || question.type === "country" ? question.id : `${question.id}-0`}`,
            text: `${pick(question.label, page.locale)}: ${errorFor.get(question.id)}`,
          }))}
      />
      <form method="post" action={action} id="quiz" autocomplete="off" novalidate>
        {questions.map((question) => (
          <QuestionField
            question={question}
            page={page}
            values={values}
            error={errorFor.get(question.id)}
            hint={questionHint(call, question, page)}
          />
        ))}
        <p class="actions">
          <button type="submit">{t("quiz.submit")}</button>
        </p>
      </form>
    </Layout>
  );
}

/** The quiz's answer: eligible with the next step, or every reason in plain words. */
export function ResultPage({
  call,
  page,
  result,
  values,
}: {
  call: Call.Info;
  page: PageContext;
  result: Pick<Eligibility.Result, "eligible" | "failures">;
  values: FormValues;
}) {
  const { t } = page;
  const action = `/apply/${call.id}/eligibility`;
  return (
    <Layout page={page} switchForm={{ id: "answers", action }}>
      {/* What the language switch posts: the answers, to see this same result in another language. */}
      <form method="post" action={action} id="answers" hidden>
        <input type="hidden" name="_result" value="1" />
        <HiddenFields values={values} />
      </form>
      <span class="tag">
        <Text text={call.title} locale={page.locale} />
      </span>
      {result.eligible ? (
        <>
          <div class="outcome">
            <h1>{t("result.eligible.heading")}</h1>
            <p>{t("result.eligible.text")}</p>
          </div>
          <h2>{t("result.eligible.next")}</h2>
          <p>{t("result.eligible.steps")}</p>
          <form method="post" action={`/apply/${call.id}/start`} class="actions">
            <HiddenFields values={values} />
            <button type="submit">{t("result.eligible.start")}</button>
          </form>
        </>
      ) : (
        <>
          <div class="outcome no">
            <h1>{t("result.ineligible.heading")}</h1>
            <p>{page.plural("result.ineligible.text", result.failures.length)}</p>
            <ul>
              {result.failures.map((failure) => (
                <li>
                  <Text text={failure.reason} locale={page.locale} />
                </li>
              ))}
            </ul>
          </div>
          <form method="post" action={`/apply/${call.id}/eligibility`} class="actions">
            <input type="hidden" name="_edit" value="1" />
            <HiddenFields values={values} />
            <button type="submit" class="secondary">
              {t("result.change")}
            </button>
            <a href="/">{t("result.other_calls")}</a>
          </form>
          <ImmediateHelp page={page} call={call} />
        </>
      )}
      <p class="note">{t("result.not_stored")}</p>
    </Layout>
  );
}
