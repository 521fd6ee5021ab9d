// The public view: what `GET /api/v1/calls` shows, in the reader's language.
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import { pick, type Locale } from "../i18n/index.js";
import { status, type Info } from "./info.js";
import { QuestionType, type Question } from "./questions.js";
import { shownTextLanguage } from "./text-languages.js";
import { BudgetFileType, Kind, type FullApplication } from "./schema.js";

const LocalOption = z.object({ value: z.string(), label: z.string() });

export const Summary = z.object({
  id: z.string(),
  kind: Kind,
  title: z.string(),
  summary: z.string(),
  status: z.enum(["open", "closed"]),
  closesAt: z.string().nullable(),
  decisionDays: z.number().int(),
  amount: z.object({ min: z.number(), max: z.number(), currency: z.string() }),
  languages: z.array(z.string()),
  /** The language the call's texts are shown in: the reader's, or the call's first text language when it has not that one. */
  textLanguage: z.string(),
});
export type Summary = z.infer<typeof Summary>;

export const Detail = Summary.extend({
  covers: z.array(z.string()),
  eligibility: z.object({
    questions: z.array(
      z.object({
        id: z.string(),
        type: QuestionType,
        label: z.string(),
        help: z.string().optional(),
        required: z.boolean(),
        options: z.array(LocalOption).optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      }),
    ),
  }),
  conceptNote: z.object({
    fields: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        help: z.string().optional(),
        maxWords: z.number(),
        required: z.boolean(),
      }),
    ),
  }),
  funding: z.object({
    currency: z.string(),
    min: z.number(),
    max: z.number(),
    maxRatioToAnnualBudget: z.number().nullable(),
    maxMonths: z.number(),
  }),
  budgetFile: z.object({ required: z.boolean(), maxBytes: z.number(), types: z.array(BudgetFileType) }),
  rubric: z.object({
    criteria: z.array(
      z.object({ id: z.string(), label: z.string(), weight: z.number(), min: z.number(), max: z.number() }),
    ),
  }),
  /** A grant call's second stage, for the shortlisted (only when the call has one). */
  fullApplication: z
    .object({
      fields: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          help: z.string().optional(),
          maxWords: z.number(),
          required: z.boolean(),
        }),
      ),
      documents: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          help: z.string().optional(),
          required: z.boolean(),
          maxBytes: z.number(),
          types: z.array(BudgetFileType),
        }),
      ),
      rubric: z.object({
        criteria: z.array(
          z.object({ id: z.string(), label: z.string(), weight: z.number(), min: z.number(), max: z.number() }),
        ),
      }),
      /** Days from the invitation to the due date. */
      days: z.number(),
    })
    .optional(),
});
export type Detail = z.infer<typeof Detail>;

/** The options a question offers, in the reader's language (countries named by `Intl.DisplayNames`). */
export function optionsOf(question: Question, locale: Locale): { value: string; label: string }[] | undefined {
  if (question.type === "country") {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return (question.countries ?? Country.codes)
      .map((code) => ({ value: code, label: names.of(code) ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }
  return question.options?.map((option) => ({ value: option.value, label: pick(option.label, locale) }));
}

/** A call as listed publicly. */
export function summarize(call: Info, locale: Locale, now = Clock.now()): Summary {
  return {
    id: call.id,
    kind: call.kind,
    title: pick(call.title, locale),
    summary: pick(call.summary, locale),
    status: status(call, now),
    closesAt: call.closesAt,
    decisionDays: call.decisionDays,
    amount: { min: call.funding.min, max: call.funding.max, currency: call.funding.currency },
    languages: call.languages,
    textLanguage: shownTextLanguage(call, locale),
  };
}

/** A call with everything an applicant needs to prepare; never the eligibility rules' thresholds. */
export function describe(call: Info, locale: Locale, now = Clock.now()): Detail {
  return {
    ...summarize(call, locale, now),
    covers: call.covers.map((text) => pick(text, locale)),
    eligibility: {
      questions: call.eligibility.questions.map((question) => ({
        id: question.id,
        type: question.type,
        label: pick(question.label, locale),
        ...(question.help ? { help: pick(question.help, locale) } : {}),
        required: question.required,
        ...(question.type === "single" || question.type === "multi" || question.type === "country"
          ? { options: optionsOf(question, locale) }
          : {}),
        ...(question.min !== undefined ? { min: question.min } : {}),
        ...(question.max !== undefined ? { max: question.max } : {}),
      })),
    },
    conceptNote: {
      fields: call.conceptNote.fields.map((field) => ({
        id: field.id,
        label: pick(field.label, locale),
        ...(field.help ? { help: pick(field.help, locale) } : {}),
        maxWords: field.maxWords,
        required: field.required,
      })),
    },
    funding: {
      currency: call.funding.currency,
      min: call.funding.min,
      max: call.funding.max,
      maxRatioToAnnualBudget: call.funding.maxRatioToAnnualBudget,
      maxMonths: call.funding.maxMonths,
    },
    budgetFile: call.budgetFile,
    rubric: {
      criteria: call.rubric.criteria.map((criterion) => ({
        id: criterion.id,
        label: pick(criterion.label, locale),
        weight: criterion.weight,
        min: criterion.min,
        max: criterion.max,
      })),
    },
    ...(call.fullApplication ? { fullApplication: describeFull(call.fullApplication, locale) } : {}),
  };
}

/** A call's full application, in the reader's language. */
function describeFull(full: FullApplication, locale: Locale): NonNullable<Detail["fullApplication"]> {
  return {
    fields: full.fields.map((field) => ({
      id: field.id,
      label: pick(field.label, locale),
      ...(field.help ? { help: pick(field.help, locale) } : {}),
      maxWords: field.maxWords,
      required: field.required,
    })),
    documents: full.documents.map((document) => ({
      id: document.id,
      label: pick(document.label, locale),
      ...(document.help ? { help: pick(document.help, locale) } : {}),
      required: document.required,
      maxBytes: document.maxBytes,
      types: document.types,
    })),
    rubric: {
      criteria: full.rubric.criteria.map((criterion) => ({
        id: criterion.id,
        label: pick(criterion.label, locale),
        weight: criterion.weight,
        min: criterion.min,
        max: criterion.max,
      })),
    },
    days: full.days,
  };
}
