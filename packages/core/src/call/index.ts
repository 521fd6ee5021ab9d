import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import * as Dynamo from "../dynamo/index.js";
import { requiredStages, Stage } from "../stage/stages.js";
import { CallChangedError, NotFoundError, PreconditionFailedError, StepUpRequiredError } from "../error/index.js";
import { LocalizedText, pick, type Locale } from "../i18n/index.js";
import { parseStored } from "../util/stored.js";
import * as Words from "../words/index.js";

/** Identifiers written by staff (call, question, option, rule, field, criterion ids): stable, URL-safe. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "lower-case letters, digits, - and _");

/** Call ids that would collide with the applicant's own pages under /apply. */
const reservedIds = ["my", "resume"];
export const CallId = Slug.refine((id) => !reservedIds.includes(id), "this id is reserved");

export const Kind = z.enum(["emergency", "grant"]);
export type Kind = z.infer<typeof Kind>;

/** The stages live with the moves between them; a call lists the ones it uses. */
export { Stage } from "../stage/stages.js";

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
const testsFor: Record<QuestionType, Rule["test"][]> = {
  single: ["in", "not_in"],
  multi: ["in", "not_in"],
  country: ["in", "not_in"],
  boolean: ["equals"],
  number: ["range"],
};

export const ConceptNoteField = z.object({
  id: Slug,
  label: LocalizedText,
  help: LocalizedText,
  maxWords: z.number().int().positive(),
  required: z.boolean().default(true),
});

export const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR");

export const Funding = z
  .object({
    currency: Currency,
    min: z.number().int().nonnegative(),
    max: z.number().int().positive(),
    /** The request may be at most this many times the applicant's current annual budget; null for no limit. */
    maxRatioToAnnualBudget: z.number().positive().nullable(),
    maxMonths: z.number().int().positive(),
    /**
     * The eligibility question (a `number` one) whose answer is the applicant's annual budget: the funding step
     * then reads it from the quiz instead of asking again. Without one, the funding step asks for it.
     */
    annualBudgetQuestion: Slug.optional(),
  })
  .refine((funding) => funding.min <= funding.max, {
    path: ["min"],
    message: "min must not exceed max",
    params: { key: "call.issue.min_max" },
  });

/** File types a budget may come in, by the MIME type the client declares and the app re-checks. */
export const BudgetFileType = z.enum([
  "text/csv",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
]);

export const BudgetFile = z.object({
  required: z.boolean(),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024),
  types: z.array(BudgetFileType).min(1),
});

/**
 * What a score means on a criterion, so that reviewers score alike: the words for a 1 (`low`), a 3 (`mid`)
 * and a 5 (`high`). Named rather than keyed by number: a key "1" would read as a list index in form paths.
 */
export const Scale = z.object({ low: LocalizedText, mid: LocalizedText, high: LocalizedText });
export type Scale = z.infer<typeof Scale>;

export const Criterion = z.object({
  id: Slug,
  label: LocalizedText,
  weight: z.number().positive(),
  min: z.literal(1).default(1),
  max: z.literal(5).default(5),
  scale: Scale.optional(),
});

/** A document a full application asks for (a detailed budget, a work plan): the budget file's rules, with a name. */
export const FullApplicationDocument = BudgetFile.extend({
  id: Slug,
  label: LocalizedText,
  help: LocalizedText.optional(),
});
export type FullApplicationDocument = z.infer<typeof FullApplicationDocument>;

/**
 * A grant call's second stage: what shortlisted organisations write and send, how reviewers score it, how many
 * days they have to submit, and the decision clock that a submitted full application starts.
 */
export const FullApplication = z.object({
  fields: z.array(ConceptNoteField).min(1),
  documents: z.array(FullApplicationDocument).default([]),
  rubric: z.object({ criteria: z.array(Criterion).min(1) }),
  /** Days from the invitation (the shortlisting) to the due date; a coordinator may extend one application's. */
  days: z.number().int().positive(),
  /** The second decision clock, from the full application's submission: as the call's own days. */
  decisionDays: z.number().int().positive(),
  reminderDays: z.number().int().positive(),
  escalationDays: z.number().int().positive(),
});
export type FullApplication = z.infer<typeof FullApplication>;

/** A call's own words for what happens after each decision. */
export const NextSteps = z.object({ approved: LocalizedText.optional(), declined: LocalizedText.optional() });
export type NextSteps = z.infer<typeof NextSteps>;

/** Language codes (BCP 47 base) applicants may write in. */
export const Language = z.string().regex(/^[a-z]{2,3}$/);

/** A call's whole configuration, as an admin writes it and as it is stored. */
export const Info = z
  .object({
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
    languages: z.array(Language).min(1),
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
    /** A grant call's second stage, for the shortlisted; without it, a call ends at the concept note. */
    fullApplication: FullApplication.optional(),
  })
  .superRefine((call, ctx) => {
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
export type InfoInput = z.input<typeof Info>;

export type Status = "open" | "closed";

/** Whether applications are accepted at `now`. */
export function status(call: Info, now = Clock.now()): Status {
  if (call.paused) return "closed";
  if (call.opensAt && now < new Date(call.opensAt)) return "closed";
  if (call.closesAt && now >= new Date(call.closesAt)) return "closed";
  return "open";
}

/**
 * A call as stored: its configuration and its version. Every save makes a new version and keeps the old ones,
 * so an application reads its call as it was when the application was made (`forApplication`).
 */
export type Stored = Info & { version: number };

function headItem(call: Info, version: number) {
  return {
    ...Dynamo.Key.call(call.id),
    ...Dynamo.Index.call(call.id),
    config: call,
    version,
    updatedAt: Clock.iso(),
  };
}

function versionItem(call: Info, version: number) {
  return { ...Dynamo.Key.callVersion(call.id, version), config: call, version, savedAt: Clock.iso() };
}

/** Calls stored before versions existed have no `version`: they are at their first. */
const versionOf = (item: Record<string, unknown>): number =>
  typeof item["version"] === "number" ? item["version"] : 1;

/** The version an admin edits when creating a call: none is stored yet. */
export const newCall = 0;

/** What storing a configuration answers. */
export const Saved = z.object({ id: CallId });

/** The settings that say how long a call keeps applicants' content: changing any needs a fresh code. */
export const retentionSettings = ["retentionDays", "approvedRetentionDays", "draftRetentionDays"] as const;

/**
 * Stores a call's configuration as its next version; the versions before stay, for the applications made under
 * them. `basedOn`: the version the admin edited; if someone saved since, nothing is stored and a
 * `CallChangedError` (409) says so; `newCall` (0) for a call the admin is creating; `"any"` for whatever is
 * there (a call that does not exist: `PreconditionFailedError`, 412). Without it the save replaces whatever is
 * there (seeding, scripts). `stepUp`, an admin's save: asked for (and so required) when the save changes a
 * retention setting of a stored call; the write still holds only on the version compared with.
 */
export async function put(
  input: InfoInput,
  options: { basedOn?: number | "any"; stepUp?: () => Promise<void> } = {},
): Promise<Stored> {
  const call = Info.parse(input);
  const head = await Dynamo.get(Dynamo.Key.call(call.id));
  if (!head) {
    if (options.basedOn === "any") throw new PreconditionFailedError("call.not_found");
    if (options.basedOn !== undefined && options.basedOn !== newCall) throw new CallChangedError();
    try {
      await Dynamo.transact([Dynamo.tx.putIfNew(headItem(call, 1)), Dynamo.tx.put(versionItem(call, 1))]);
    } catch (error) {
      if (Dynamo.isConditionFailure(error)) throw new CallChangedError(error);
      throw error;
    }
    return { ...call, version: 1 };
  }
  const current = versionOf(head);
  if (options.basedOn !== undefined && options.basedOn !== "any" && options.basedOn !== current) {
    throw new CallChangedError();
  }
  if ("stepUp" in options) {
    const stored = parseStored(Info, head["config"], "call");
    if (retentionSettings.some((name) => stored[name] !== call[name])) {
      if (!options.stepUp) throw new StepUpRequiredError();
      await options.stepUp();
    }
  }
  const next = current + 1;
  const writes = [
    // Only if no one saved between the read and this write: each version is one admin's whole call.
    Dynamo.tx.put(
      headItem(call, next),
      "version" in head ? Dynamo.when.equals("version", current) : Dynamo.when.missing("version"),
    ),
    Dynamo.tx.putIfNew(versionItem(call, next)),
  ];
  // A call stored before versions existed: its configuration becomes version 1, for the applications made then.
  if (!("version" in head)) writes.push(Dynamo.tx.putIfNew(versionItem(parseStored(Info, head["config"], "call"), 1)));
  try {
    await Dynamo.transact(writes);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new CallChangedError(error);
    throw error;
  }
  return { ...call, version: next };
}

/** Stores a call only if none with its id exists yet (seeding must not overwrite an admin's changes). */
export async function createIfMissing(input: InfoInput): Promise<boolean> {
  const call = Info.parse(input);
  try {
    await Dynamo.transact([Dynamo.tx.putIfNew(headItem(call, 1)), Dynamo.tx.putIfNew(versionItem(call, 1))]);
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}

/** The call with this id, at its current version, or undefined. Ids that could not be a call are not found. */
export async function fromID(id: string): Promise<Stored | undefined> {
  if (!Slug.safeParse(id).success) return undefined;
  const found = await Dynamo.get(Dynamo.Key.call(id), { consistent: false });
  return found ? { ...parseStored(Info, found["config"], "call"), version: versionOf(found) } : undefined;
}

/** The call with this id; a 404 problem when there is none. */
export async function get(id: string): Promise<Stored> {
  const call = await fromID(id);
  if (!call) throw new NotFoundError("call.not_found");
  return call;
}

/**
 * What stays as the call is now for every application, whatever version it was made under: when the call is
 * open, and how long content is kept. Everything else (questions, fields, funding and currency, budget-file
 * rules, rubric, stages, deadlines, the full application) is the application's version's, so its stored
 * answers, scores and counters keep their meaning.
 */
const liveSettings = [
  "opensAt",
  "closesAt",
  "paused",
  "nextSteps",
  "contact",
  "retentionDays",
  "approvedRetentionDays",
  "draftRetentionDays",
] as const satisfies readonly (keyof Info)[];

/** The call as an application made under `callVersion` sees it (the current one for applications made before versions). */
export async function forApplication(app: { callId: string; callVersion?: number | undefined }): Promise<Stored> {
  const current = await get(app.callId);
  if (app.callVersion === undefined || app.callVersion === current.version) return current;
  const found = await Dynamo.get(Dynamo.Key.callVersion(app.callId, app.callVersion), { consistent: false });
  if (!found) return current;
  const made = parseStored(Info, found["config"], "call");
  const live = Object.fromEntries(liveSettings.map((name) => [name, current[name]]));
  return { ...made, ...live, version: app.callVersion };
}

/** Every call, open ones first, then by closing date (rolling calls first), then by id. */
export async function list(now = Clock.now()): Promise<Info[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.calls);
  const calls = items.map((item) => parseStored(Info, item["config"], "call"));
  const rank = (call: Info) => (status(call, now) === "open" ? 0 : 1);
  return calls.sort(
    (a, b) => rank(a) - rank(b) || (a.closesAt ?? "").localeCompare(b.closesAt ?? "") || a.id.localeCompare(b.id),
  );
}

/* ---------- the public view: what `GET /api/v1/calls` shows, in the reader's language ---------- */

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
      z.object({ id: z.string(), label: z.string(), help: z.string(), maxWords: z.number(), required: z.boolean() }),
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
        z.object({ id: z.string(), label: z.string(), help: z.string(), maxWords: z.number(), required: z.boolean() }),
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
        help: pick(field.help, locale),
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
      help: pick(field.help, locale),
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
