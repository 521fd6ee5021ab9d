// What keeps an application from being submitted, and what a submission answers once made.
import { z } from "zod";
import type * as Call from "../call/index.js";
import type { FieldError } from "../error/index.js";
import { isEditable, Stage } from "../stage/stages.js";
import { fundingProblems, wordReport } from "./editing.js";
import type { Info } from "./record.js";

/** Everything that keeps the application from being submitted, all at once. */
export function submissionProblems(call: Call.Info, app: Info): FieldError[] {
  const problems: FieldError[] = [];
  const words = wordReport(call, app);
  for (const field of call.conceptNote.fields) {
    const report = words.fields[field.id]!;
    if (field.required && report.words === 0) {
      problems.push({
        path: `conceptNote.${field.id}`,
        message: "submit.field_missing",
        params: { field: field.label },
      });
    } else if (!report.ok) {
      problems.push({
        path: `conceptNote.${field.id}`,
        message: "submit.field_too_long",
        params: { field: field.label, words: report.words, max: report.maxWords },
      });
    }
  }
  if (!app.funding) problems.push({ path: "funding", message: "submit.funding_missing" });
  else
    problems.push(
      ...fundingProblems(call, app.funding).map((problem) => ({ ...problem, path: `funding.${problem.path}` })),
    );
  if (call.budgetFile.required && !app.budgetFile)
    problems.push({ path: "budgetFile", message: "submit.budget_missing" });
  return problems;
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
