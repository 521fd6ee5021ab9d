// What keeps an application from being submitted, and what a submission answers once made.
import { z } from "zod";
import type * as Call from "../call/index.js";
import type { FieldError } from "../error/index.js";
import { isEditable, Stage } from "../stage/stages.js";
import { budgetFilePart } from "./budget-upload.js";
import { conceptNotePart, fundingProblems } from "./editing.js";
import { moreInfoProblems } from "./more-info.js";
import { partProblems } from "./part.js";
import type { Info } from "./record.js";

/**
 * Everything that keeps the application from being submitted, all at once: its parts' problems and the funding's,
 * and, while more information is asked for, a missing answer.
 */
export function submissionProblems(call: Call.Info, app: Info): FieldError[] {
  const funding = app.funding
    ? fundingProblems(call, app.funding).map((problem) => ({ ...problem, path: `funding.${problem.path}` }))
    : [{ path: "funding", message: "submit.funding_missing" } satisfies FieldError];
  return [
    ...moreInfoProblems(call, app),
    ...partProblems(conceptNotePart, call, app),
    ...funding,
    ...partProblems(budgetFilePart, call, app),
  ];
}

/** What a submission answers: the same every time it is asked again. */
export const Submission = z.object({
  stage: Stage,
  submittedAt: z.string(),
  decisionDueAt: z.string(),
});
export type Submission = z.infer<typeof Submission>;

/** The submission's answer, if the application has already been submitted and not sent back for changes. */
export function submissionOf(app: Pick<Info, "stage" | "submittedAt" | "decisionDueAt">): Submission | undefined {
  if (isEditable(app.stage) || !app.submittedAt || !app.decisionDueAt) return undefined;
  return { stage: app.stage, submittedAt: app.submittedAt, decisionDueAt: app.decisionDueAt };
}
