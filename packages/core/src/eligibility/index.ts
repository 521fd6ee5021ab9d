import { z } from "zod";
import type * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import { InvalidInputError, UnprocessableError, type FieldError } from "../error/index.js";
import { pick, type Locale } from "../i18n/index.js";
import { notWholeError, readTypedNumber } from "../form/index.js";
import * as Counters from "../report/counters.js";

/** Answers as a client sends them: question id to value. Values are checked against each question's type. */
export const Answers = z.record(z.string(), z.unknown());
export type Answers = z.infer<typeof Answers>;

/** An answer after checking: the type its question asks for. */
export type Answer = string | string[] | boolean | number;

/** A rule the answers did not meet. */
export interface Failure {
  ruleId: string;
  questionId: string;
  reason: Call.Rule["reason"];
}

export interface Result {
  eligible: boolean;
  failures: Failure[];
  /** The answers, checked and typed, for whoever needs to keep them (an application does; a quiz does not). */
  answers: Record<string, Answer>;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * Checks every answer against its question and reports all problems at once: unknown questions and
 * wrongly typed values are malformed input (400); missing required answers and out-of-range numbers are
 * well-formed but unacceptable (422). Throws a `VisibleError` listing each.
 */
export function validate(call: Call.Info, answers: Answers): Record<string, Answer> {
  const questions = new Map(call.eligibility.questions.map((question) => [question.id, question]));
  const malformed: FieldError[] = [];
  const unacceptable: FieldError[] = [];
  const typed: Record<string, Answer> = {};

  for (const id of Object.keys(answers)) {
    if (!questions.has(id)) malformed.push({ path: `answers.${id}`, message: "eligibility.unknown_question" });
  }

  for (const question of call.eligibility.questions) {
    const path = `answers.${question.id}`;
    const value = answers[question.id];
    if (isBlank(value)) {
      if (question.required) unacceptable.push({ path, message: "eligibility.required" });
      continue;
    }
    const options = new Set(question.options?.map((option) => option.value));
    switch (question.type) {
      case "single":
        if (typeof value !== "string") malformed.push({ path, message: "eligibility.expected_choice" });
        else if (!options.has(value)) malformed.push({ path, message: "eligibility.unknown_option" });
        else typed[question.id] = value;
        break;
      case "multi":
        if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
          malformed.push({ path, message: "eligibility.expected_choices" });
        } else if (!value.every((item) => options.has(item))) {
          malformed.push({ path, message: "eligibility.unknown_option" });
        } else typed[question.id] = [...new Set(value as string[])];
        break;
      case "boolean":
        if (typeof value !== "boolean") malformed.push({ path, message: "eligibility.expected_boolean" });
        else typed[question.id] = value;
        break;
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) {
          // Text here comes from a form whose number `fromForm` could not take as whole: say how it was read.
          const reading = typeof value === "string" ? readTypedNumber(value) : undefined;
          malformed.push(
            reading?.kind === "fraction"
              ? notWholeError(path, reading.value)
              : { path, message: "eligibility.expected_number" },
          );
        } else if (question.min !== undefined && value < question.min) {
          unacceptable.push({ path, message: "eligibility.number_too_small", params: { min: question.min } });
        } else if (question.max !== undefined && value > question.max) {
          unacceptable.push({ path, message: "eligibility.number_too_large", params: { max: question.max } });
        } else typed[question.id] = value;
        break;
      case "country":
        if (typeof value !== "string" || !Country.isCode(value.toUpperCase())) {
          malformed.push({ path, message: "eligibility.expected_country" });
        } else if (question.countries && !question.countries.includes(value.toUpperCase())) {
          malformed.push({ path, message: "eligibility.unknown_option" });
        } else typed[question.id] = value.toUpperCase();
        break;
    }
  }

  if (malformed.length > 0) {
    throw new InvalidInputError(
      "eligibility.invalid_answers",
      [...malformed, ...unacceptable],
      "error.invalid_answers",
    );
  }
  if (unacceptable.length > 0) {
    throw new UnprocessableError("eligibility.incomplete_answers", "error.incomplete_answers", unacceptable);
  }
  return typed;
}

function meets(rule: Call.Rule, answer: Answer): boolean {
  switch (rule.test) {
    case "in":
      return Array.isArray(answer)
        ? answer.some((value) => rule.values.includes(value))
        : rule.values.includes(String(answer));
    case "not_in":
      return Array.isArray(answer)
        ? !answer.some((value) => rule.values.includes(value))
        : !rule.values.includes(String(answer));
    case "equals":
      return answer === rule.value;
    case "range":
      return (
        typeof answer === "number" &&
        (rule.min === undefined || answer >= rule.min) &&
        (rule.max === undefined || answer <= rule.max)
      );
  }
}

/**
 * Applies the call's rules to checked answers. A rule on an optional question that was left blank does not
 * apply. Every rule is evaluated, so the applicant learns all reasons at once.
 */
export function evaluate(call: Call.Info, answers: Record<string, Answer>): Omit<Result, "answers"> {
  const failures: Failure[] = [];
  for (const rule of call.eligibility.rules) {
    const answer = answers[rule.questionId];
    if (answer === undefined) continue;
    if (!meets(rule, answer)) failures.push({ ruleId: rule.id, questionId: rule.questionId, reason: rule.reason });
  }
  return { eligible: failures.length === 0, failures };
}

/** Validates and evaluates a set of answers; throws a `VisibleError` for malformed or incomplete ones. */
export function check(call: Call.Info, answers: Answers): Result {
  const typed = validate(call, answers);
  return { ...evaluate(call, typed), answers: typed };
}

/** The reasons of a result in the reader's language, as the API and the result page give them. */
/** What a quiz attempt answers: whether the answers meet the call's rules, and why not, in the reader's language. */
export const Outcome = z.object({
  eligible: z.boolean(),
  reasons: z.array(z.object({ questionId: z.string(), message: z.string() })),
});
export type Outcome = z.infer<typeof Outcome>;

/** The quiz's request body. */
export const CheckInput = z.object({ answers: Answers });

export function reasons(result: Pick<Result, "failures">, locale: Locale): Outcome["reasons"] {
  return result.failures.map((failure) => ({ questionId: failure.questionId, message: pick(failure.reason, locale) }));
}

/**
 * Counts a quiz attempt without anything about the person: per call and month of the attempt, how many
 * attempts, how many were eligible, and how often each rule failed. No answers, no finer time, no identifier.
 */
export async function count(
  callId: string,
  result: Pick<Result, "eligible" | "failures">,
  now = Clock.now(),
): Promise<void> {
  await Counters.countAttempt(callId, result, now);
}

/**
 * Reads answers from an HTML form, where everything is text: yes/no radios become booleans, typed numbers
 * become whole numbers (`readTypedNumber`: "$12,000", "12.000" and "12 000" are twelve thousand), checkboxes
 * become lists. Fields that are not questions (the language, the CSRF token) are ignored. What cannot be read,
 * a decimal number included, is passed on as it is, so `validate` names it.
 */
export function fromForm(call: Call.Info, form: Record<string, string | string[]>): Answers {
  const answers: Answers = {};
  for (const question of call.eligibility.questions) {
    const raw = form[question.id];
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((value) => value.trim()).filter((value) => value !== "");
    const first = values[0];
    if (question.type === "multi") answers[question.id] = values;
    else if (first === undefined) continue;
    else if (question.type === "boolean")
      answers[question.id] = first === "yes" ? true : first === "no" ? false : first;
    else if (question.type === "number") {
      const reading = readTypedNumber(first);
      answers[question.id] = reading.kind === "whole" ? reading.value : first;
    } else answers[question.id] = first;
  }
  return answers;
}
