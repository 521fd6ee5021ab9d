import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import type { FormValues } from "../shared/forms.js";
import { ErrorSummary, Layout, Notice, fieldMessage, type PageContext, draftFormId } from "../shared/pages.js";
import { QuestionField, questionHint } from "./quiz.pages.js";
import { paths, BackLink, namedMessage, Locked, Alert, VersionField, SentAnswers } from "./application-blocks.js";

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
    <Layout page={page} switchForm={{ id: draftFormId, action: paths.answers }}>
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
      <form method="post" action={paths.answers} id={draftFormId} autocomplete="off" novalidate>
        <VersionField app={app} />
        {questions.map((question) => (
          <QuestionField
            question={question}
            page={page}
            values={values ?? formValuesOf(app.answers)}
            hint={questionHint(call, question, page)}
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
