// A call's whole configuration (`Info`) with the checks that tie its parts together, and whether it is open.
import { z } from "zod";
import * as Clock from "../clock/index.js";
import { isReviewed, Locale, LocalizedText, staffLocales } from "../i18n/index.js";
import { awardStages, requiredStages, Stage } from "../stage/stages.js";
import * as Words from "../words/index.js";
import { Question, Rule, testsFor } from "./questions.js";
import {
  Award,
  BudgetFile,
  CallId,
  ConceptNoteField,
  Criterion,
  FullApplication,
  Funding,
  Kind,
  Language,
  HelpContact,
  NextSteps,
} from "./schema.js";
import { missingTexts } from "./text-languages.js";

/** A call's configuration before the checks that tie its parts together. */
const Fields = z.object({
  id: CallId,
  kind: Kind,
  title: LocalizedText,
  summary: LocalizedText,
  /** What the money may pay for, shown on the call page as a list. */
  covers: z.array(LocalizedText).default([]),
  /** When applications open and close; an emergency fund is rolling and has no closing date. */
  opensAt: z.iso.datetime().nullable().default(null),
  closesAt: z.iso.datetime().nullable(),
  /** An admin can close a call by hand, whatever its dates say. */
  paused: z.boolean().default(false),
  /** Days from submission to the promised decision. */
  decisionDays: z.number().int().positive(),
  /** Days after submission to remind reviewers, and to escalate to the coordinator. */
  reminderDays: z.number().int().positive(),
  escalationDays: z.number().int().positive(),
  /** Days after a decline or withdrawal before the application's content is deleted. */
  retentionDays: z.number().int().positive(),
  /**
   * Days after an approval before the application's content is deleted: longer, since a grant is reported on
   * and audited for years (10 by default). The stage history and the counters stay either way.
   */
  approvedRetentionDays: z.number().int().positive().default(3650),
  /** Days after its last edit before a draft never submitted is deleted, with its uploads. */
  draftRetentionDays: z.number().int().positive().default(30),
  /** The languages applicants may write in. */
  languages: z.array(Language).min(1),
  /**
   * The interface languages the call's texts are written in: each required text is given in every one of them.
   * A reader whose language is not among them reads the texts in the first (in `locales` order).
   */
  textLanguages: z
    .array(Locale)
    .min(1)
    .refine((list) => new Set(list).size === list.length, { params: { key: "call.issue.unique" } })
    .default([...staffLocales]),
  /**
   * The interface languages not yet reviewed by a native speaker (`unreviewedLocales`) that this call's admin
   * chooses to offer its applicants anyway; the reviewed ones are always offered. docs/languages.md says why.
   */
  unreviewedLanguages: z
    .array(Locale.refine((code) => !isReviewed(code), { params: { key: "call.issue.reviewed_language" } }))
    .refine((list) => new Set(list).size === list.length, { params: { key: "call.issue.unique" } })
    .default([]),
  stages: z.array(Stage).min(requiredStages.length),
  eligibility: z.object({ questions: z.array(Question), rules: z.array(Rule) }),
  conceptNote: z.object({ fields: z.array(ConceptNoteField).min(1) }),
  funding: Funding,
  budgetFile: BudgetFile,
  rubric: z.object({ criteria: z.array(Criterion).min(1) }),
  /** What the applicant reads on their status page once the decision is made: how money is paid, who else may help. */
  nextSteps: NextSteps.optional(),
  /**
   * How applicants reach the fund's team (a secure address, a Signal number), in the fund's words: shown on
   * their status page, so that someone who missed a date or needs help knows where to turn. Never emailed.
   */
  contact: LocalizedText.optional(),
  /**
   * Where someone under attack today can turn at once (24/7 helplines): listed on the call's page, the page that
   * says they cannot apply, the refusal to start one more application, and the outcome on their status page.
   */
  immediateHelp: z.array(HelpContact).max(8).default([]),
  /** A grant call's second stage, for the shortlisted; without it, a call ends at the concept note. */
  fullApplication: FullApplication.optional(),
  /** What follows an approval (the agreement, the grant's period, its reports, how it is paid): `award/`. */
  award: Award.optional(),
});

/** A call's whole configuration, as an admin writes it and as it is stored. */
export const Info = Fields.superRefine((call, ctx) => {
  for (const { path, language } of missingTexts(Fields, call, call.textLanguages)) {
    ctx.addIssue({
      code: "custom",
      path: [...path, language],
      message: `required in ${language}, one of the call's text languages`,
      params: { key: "validation.required" },
    });
  }
  for (const stage of requiredStages) {
    if (!call.stages.includes(stage)) {
      ctx.addIssue({
        code: "custom",
        path: ["stages"],
        message: `the stage ${stage} is required`,
        params: { key: "call.issue.stage_required", stage },
      });
    }
  }
  awardProblems(call, ctx);
  if (call.kind === "grant" && !call.closesAt) {
    ctx.addIssue({
      code: "custom",
      path: ["closesAt"],
      message: "a grant call needs a closing date",
      params: { key: "call.issue.closing_date" },
    });
  }
  if (!(call.reminderDays < call.escalationDays && call.escalationDays <= call.decisionDays)) {
    ctx.addIssue({
      code: "custom",
      path: ["reminderDays"],
      message: "reminder must come before escalation, and escalation no later than the decision",
      params: { key: "call.issue.day_order" },
    });
  }
  const questions = new Map(call.eligibility.questions.map((question) => [question.id, question]));
  if (questions.size !== call.eligibility.questions.length) {
    ctx.addIssue({
      code: "custom",
      path: ["eligibility", "questions"],
      message: "question ids must be unique",
      params: { key: "call.issue.unique" },
    });
  }
  const budgetQuestion = call.funding.annualBudgetQuestion;
  if (budgetQuestion !== undefined && questions.get(budgetQuestion)?.type !== "number") {
    ctx.addIssue({
      code: "custom",
      path: ["funding", "annualBudgetQuestion"],
      message: `no number question ${budgetQuestion}`,
      params: { key: "call.issue.budget_question" },
    });
  }
  call.eligibility.rules.forEach((rule, index) => {
    const question = questions.get(rule.questionId);
    const path = ["eligibility", "rules", index];
    if (!question) {
      ctx.addIssue({
        code: "custom",
        path: [...path, "questionId"],
        message: `no question ${rule.questionId}`,
        params: { key: "call.issue.no_question" },
      });
    } else if (!testsFor[question.type].includes(rule.test)) {
      ctx.addIssue({
        code: "custom",
        path: [...path, "test"],
        message: `a ${rule.test} rule cannot test a ${question.type} question`,
        params: { key: "call.issue.rule_test" },
      });
    }
  });
  for (const [name, list] of [
    ["conceptNote", call.conceptNote.fields],
    ["rubric", call.rubric.criteria],
  ] as const) {
    const ids = list.map((item) => item.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "ids must be unique",
        params: { key: "call.issue.unique" },
      });
  }
  const full = call.fullApplication;
  if (full) {
    const issue = (path: (string | number)[], message: string, key: string) =>
      ctx.addIssue({ code: "custom", path: ["fullApplication", ...path], message, params: { key } });
    if (call.kind !== "grant") issue([], "only a grant call has a full application", "call.issue.full_grant_only");
    for (const stage of ["shortlisted", "full_submitted"] as const) {
      if (!call.stages.includes(stage)) issue([], `the stage ${stage} is required`, "call.issue.full_stages");
    }
    for (const [name, list] of [
      ["fields", full.fields],
      ["documents", full.documents],
      ["rubric", full.rubric.criteria],
    ] as const) {
      const ids = list.map((item) => item.id);
      if (new Set(ids).size !== ids.length) issue([name], "ids must be unique", "call.issue.unique");
    }
    if (!(full.reminderDays < full.escalationDays && full.escalationDays <= full.decisionDays)) {
      issue(
        ["reminderDays"],
        "reminder must come before escalation, and escalation no later than the decision",
        "call.issue.day_order",
      );
    }
    if (Words.maxNoteCharsOf(full.fields.map((field) => field.maxWords)) > Words.maxNoteChars) {
      issue(
        ["fields"],
        "the word limits add up to more than a full application may hold (about 3,000 words in all)",
        "call.issue.note_too_long",
      );
    }
  }
  // The HTTP layer sizes the concept note's body limit from this bound, before it knows the call.
  if (Words.maxNoteCharsOf(call.conceptNote.fields.map((field) => field.maxWords)) > Words.maxNoteChars) {
    ctx.addIssue({
      code: "custom",
      path: ["conceptNote", "fields"],
      message: "the word limits add up to more than a concept note may hold (about 3,000 words in all)",
      params: { key: "call.issue.note_too_long" },
    });
  }
});
export type Info = z.infer<typeof Info>;

/**
 * The award's stages need what they stand on: any of them needs the award's settings and `agreed` (every grant
 * is agreed before it is paid, suspended or cancelled); `agreement_sent` needs the terms accepted in Amparo or a
 * coordinator to record the signature.
 */
function awardProblems(call: z.infer<typeof Fields>, ctx: z.RefinementCtx): void {
  const used = awardStages.filter((stage) => call.stages.includes(stage));
  if (used.length === 0) return;
  if (!call.award) {
    ctx.addIssue({
      code: "custom",
      path: ["award"],
      message: `the stages ${used.join(", ")} need the award's settings`,
      params: { key: "call.issue.award_missing" },
    });
  }
  if (!call.stages.includes("agreed")) {
    ctx.addIssue({
      code: "custom",
      path: ["stages"],
      message: "the stage agreed is required by the award's other stages",
      params: { key: "call.issue.stage_required", stage: "agreed" },
    });
  }
  const reports = call.award?.reports.map((report) => report.id) ?? [];
  if (new Set(reports).size !== reports.length) {
    ctx.addIssue({
      code: "custom",
      path: ["award", "reports"],
      message: "ids must be unique",
      params: { key: "call.issue.unique" },
    });
  }
}
export type InfoInput = z.input<typeof Info>;

export type Status = "open" | "closed";

/** Whether applications are accepted at `now`. */
export function status(call: Info, now = Clock.now()): Status {
  if (call.paused) return "closed";
  if (call.opensAt && now < new Date(call.opensAt)) return "closed";
  if (call.closesAt && now >= new Date(call.closesAt)) return "closed";
  return "open";
}
