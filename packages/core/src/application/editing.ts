// The applicant's edits before submission (eligibility answers, concept note, funding, identity), each
// checked against the call and written only if no other tab changed the application meanwhile.
import { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import * as Dynamo from "../dynamo/index.js";
import * as Eligibility from "../eligibility/index.js";
import { ApplicationChangedError, StageConflictError, UnprocessableError, type FieldError } from "../error/index.js";
import { editableStages, isEditable } from "../stage/stages.js";
import { notEligible } from "./create.js";
import { partWordReport, savePartTexts, TextsInput, type Part, type WordReport } from "./part.js";
import { Funding, FundingInput, Identity, sealContent, type Info } from "./record.js";

/**
 * Writes an applicant's edit if the application is still at `app.version` and editable: the conditional
 * write that keeps two tabs from overwriting each other. Bumps the version. Exported for the application's
 * own modules (`budget-upload.ts`).
 */
export async function saveEdit(app: Info, changes: Dynamo.Changes): Promise<number> {
  try {
    await Dynamo.update(
      Dynamo.Key.application(app.id),
      {
        ...changes,
        set: { ...changes.set, version: app.version + 1, updatedAt: Clock.iso() },
      },
      Dynamo.when.all(Dynamo.when.equals("version", app.version), Dynamo.when.oneOf("stage", editableStages)),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  return app.version + 1;
}

/** Refuses (409) a change to an application the applicant may no longer edit. */
export function requireEditable(app: Info) {
  if (!isEditable(app.stage)) throw new StageConflictError("application.not_editable", "error.not_editable");
}

/* ------------------------------- eligibility answers ------------------------------- */

/**
 * Changes a draft's eligibility answers (a mistyped annual budget, a wrong country): checked again, and
 * refused with every reason (422) if they no longer meet the call's rules, so nothing ineligible is kept.
 * Only before the first submission: the report counters count who applied from the answers sent then.
 */
export async function saveAnswers(app: Info, answers: Eligibility.Answers): Promise<void> {
  if (app.stage !== "draft") throw new StageConflictError("application.not_editable", "error.not_editable");
  const call = await Call.forApplication(app);
  const result = Eligibility.check(call, answers);
  if (!result.eligible) throw notEligible(result);
  await saveEdit(app, { set: { sealed: await sealContent({ ...app, answers: result.answers }) } });
}

/* ---------------------------------- concept note ---------------------------------- */

/** The concept note: the call's note fields, written while the application is editable. */
export const conceptNotePart: Part = {
  name: "concept_note",
  messages: {
    unknownField: "application.unknown_field",
    tooLong: "error.note_too_long",
    fileMissing: "submit.budget_missing",
  },
  paths: { text: (id) => `conceptNote.${id}`, file: (id) => `conceptNote.${id}` },
  fields: (call) => call.conceptNote.fields,
  files: () => [],
  requireWritable: (_call, app) => requireEditable(app),
  read: (app) => ({
    texts: app.conceptNote,
    ...(app.wordCounts ? { wordCounts: app.wordCounts } : {}),
    files: {},
    pending: {},
  }),
  async write(app, next) {
    const wordCounts = next.wordCounts ?? {};
    await saveEdit(app, {
      set: { sealed: await sealContent({ ...app, conceptNote: next.texts, wordCounts }), wordCounts },
    });
  },
};

/** What the concept note's save takes: its fields' text. */
export const ConceptNoteInput = TextsInput;

/** Word counts per concept-note field, and whether the note could be submitted. */
export function wordReport(call: Call.Info, app: Info): WordReport {
  return partWordReport(conceptNotePart, call, app);
}

/** Saves the concept note draft, over a word limit or not, with its word counts (`savePartTexts`). */
export async function saveConceptNote(app: Info, input: TextsInput): Promise<WordReport> {
  requireEditable(app);
  return savePartTexts(conceptNotePart, await Call.forApplication(app), app, input);
}

/* ------------------------------------ funding ------------------------------------ */

/** Every funding rule the request breaks, each named. */
export function fundingProblems(call: Call.Info, funding: Funding): FieldError[] {
  const rules = call.funding;
  const problems: FieldError[] = [];
  const money = { currency: rules.currency };
  if (funding.amount < rules.min) {
    problems.push({ path: "amount", message: "funding.below_min", params: { ...money, min: rules.min } });
  }
  if (funding.amount > rules.max) {
    problems.push({ path: "amount", message: "funding.above_max", params: { ...money, max: rules.max } });
  }
  const ratio = rules.maxRatioToAnnualBudget;
  const budget = funding.annualBudget;
  if (ratio !== null && budget === undefined) {
    problems.push({ path: "annualBudget", message: "funding.annual_budget_missing" });
  } else if (ratio !== null && budget !== undefined && funding.amount > ratio * budget) {
    problems.push({ path: "amount", message: "funding.above_ratio", params: { ratio, limit: ratio * budget } });
  }
  if (funding.months > rules.maxMonths) {
    problems.push({ path: "months", message: "funding.too_many_months", params: { max: rules.maxMonths } });
  }
  return problems;
}

/** What saving the funding answers: every rule is met. */
export const FundingSaved = z.object({ ok: z.literal(true) });

/**
 * Whether one of the call's funding rules reads the applicant's annual budget (a ratio of the amount to it): only
 * then is it asked for and required, so that a person applying alone is not asked a question that does not apply.
 */
export function needsAnnualBudget(call: Pick<Call.Info, "funding">): boolean {
  return call.funding.maxRatioToAnnualBudget !== null;
}

/** The annual budget the applicant gave in the call's quiz, when the call asks it there. */
export function annualBudgetFromAnswers(call: Call.Info, app: Pick<Info, "answers">): number | undefined {
  const question = call.funding.annualBudgetQuestion;
  const answer = question === undefined ? undefined : app.answers[question];
  return typeof answer === "number" ? answer : undefined;
}

/**
 * Stores what the applicant asks for, if it meets every funding rule; otherwise names each broken rule (422). The
 * annual budget defaults to the quiz's answer; a call whose rules need it and has neither names it as missing.
 */
export async function setFunding(app: Info, input: FundingInput): Promise<void> {
  const parsed = FundingInput.parse(input);
  requireEditable(app);
  const call = await Call.forApplication(app);
  const annualBudget = parsed.annualBudget ?? annualBudgetFromAnswers(call, app);
  const funding: Funding = { ...parsed, ...(annualBudget !== undefined ? { annualBudget } : {}) };
  const problems = fundingProblems(call, funding);
  if (problems.length > 0) {
    throw new UnprocessableError("funding.rules_broken", "error.funding_rules", problems);
  }
  await saveEdit(app, { set: { sealed: await sealContent({ ...app, funding }) } });
}

/* ------------------------------------ identity ------------------------------------ */

/**
 * What the applicant sends about who they are: each part optional; an empty name (or none) clears it. The name
 * is at most 200 characters once trimmed; the country an ISO 3166-1 code of the quiz's list.
 */
export const IdentityInput = z.object({
  name: z.string().trim().max(200).optional(),
  country: Country.Code.optional(),
});
export type IdentityInput = z.input<typeof IdentityInput>;

/** Stores (sealed) how the applicant wants reviewers to know them, replacing what was given before. */
export async function setIdentity(app: Info, input: IdentityInput): Promise<Identity | undefined> {
  const parsed = IdentityInput.parse(input);
  requireEditable(app);
  const identity: Identity = {
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.country ? { country: parsed.country } : {}),
  };
  const given = identity.name || identity.country ? identity : undefined;
  const { identity: _before, ...rest } = app;
  await saveEdit(app, { set: { sealed: await sealContent({ ...rest, ...(given ? { identity: given } : {}) }) } });
  return given;
}

/** What saving the identity answers: what is kept now (nothing, when both were left empty). */
export const IdentitySaved = z.object({ identity: Identity.optional() });
