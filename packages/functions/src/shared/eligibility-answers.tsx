// The eligibility quiz's answers in words, question by question: shown to the applicant before sending, and to
// the coordinators of the call (on record) on the application's page.
import type * as Call from "@amparo/core/call";
import { countryName, formatNumber, pick } from "@amparo/core/i18n";
import { Text, type PageContext } from "./pages.js";

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

/** Every question of the call with its answer, as a list of terms. */
export function EligibilityAnswers({
  page,
  call,
  answers,
}: {
  page: PageContext;
  call: Pick<Call.Info, "eligibility">;
  answers: Record<string, unknown>;
}) {
  return (
    <dl class="sent">
      {call.eligibility.questions.map((question) => (
        <>
          <dt>
            <Text text={question.label} locale={page.locale} />
          </dt>
          <dd>{answerText(page, question, answers[question.id])}</dd>
        </>
      ))}
    </dl>
  );
}
