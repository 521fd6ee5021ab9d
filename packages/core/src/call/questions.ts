// The eligibility quiz's parts: the questions a call asks, and the rules (data, not code) that read their answers.
import { z } from "zod";
import * as Country from "../country/index.js";
import { LocalizedText } from "../i18n/index.js";
import { Slug } from "./schema.js";

export const QuestionType = z.enum(["single", "multi", "boolean", "number", "country"]);
export type QuestionType = z.infer<typeof QuestionType>;

export const Option = z.object({ value: Slug, label: LocalizedText });

export const Question = z
  .object({
    id: Slug,
    type: QuestionType,
    label: LocalizedText,
    help: LocalizedText.optional(),
    /** Choices for `single` and `multi`; for `country`, an optional shorter list (otherwise every country). */
    options: z.array(Option).min(1).optional(),
    /** For `country`: the codes offered, when not every country. */
    countries: z.array(Country.Code).min(1).optional(),
    required: z.boolean().default(true),
    /** Bounds of what can be typed into a `number` question (not eligibility: that is a rule). */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((question, ctx) => {
    const needsOptions = question.type === "single" || question.type === "multi";
    if (needsOptions && !question.options) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: `a ${question.type} question needs options`,
        params: { key: "call.issue.needs_options" },
      });
    }
    if (!needsOptions && question.options) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: `a ${question.type} question takes no options`,
        params: { key: "call.issue.no_options" },
      });
    }
    if (question.countries && question.type !== "country") {
      ctx.addIssue({
        code: "custom",
        path: ["countries"],
        message: "only a country question lists countries",
        params: { key: "call.issue.countries_only" },
      });
    }
    const values = question.options?.map((option) => option.value) ?? [];
    if (new Set(values).size !== values.length) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "option values must be unique",
        params: { key: "call.issue.unique" },
      });
    }
  });
export type Question = z.infer<typeof Question>;

/**
 * An eligibility rule: data, not code. Each names the question it reads and the reason shown (in plain
 * words) when it is not met.
 * - `in`: the answer is one of `values` (for `multi`: at least one chosen answer is).
 * - `not_in`: the answer is none of `values` (for `multi`: no chosen answer is).
 * - `equals`: a yes/no answer must be `value`.
 * - `range`: a number must be at least `min` and at most `max`.
 */
const RuleBase = z.object({ id: Slug, questionId: Slug, reason: LocalizedText });
export const Rule = z.discriminatedUnion("test", [
  RuleBase.extend({ test: z.literal("in"), values: z.array(z.string().min(1)).min(1) }),
  RuleBase.extend({ test: z.literal("not_in"), values: z.array(z.string().min(1)).min(1) }),
  RuleBase.extend({ test: z.literal("equals"), value: z.boolean() }),
  RuleBase.extend({ test: z.literal("range"), min: z.number().optional(), max: z.number().optional() }),
]);
export type Rule = z.infer<typeof Rule>;

/** Which rule tests make sense for which question types. */
export const testsFor: Record<QuestionType, Rule["test"][]> = {
  single: ["in", "not_in"],
  multi: ["in", "not_in"],
  country: ["in", "not_in"],
  boolean: ["equals"],
  number: ["range"],
};
