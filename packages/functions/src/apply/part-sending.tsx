// What sends an application or one of its parts: the steps still to take, what keeps it from being sent (each
// linked to the page that fixes it), and the button.
import type * as Application from "@amparo/core/application";
import type { FieldError } from "@amparo/core/error";
import type { PageContext } from "../shared/pages.js";
import { VersionField } from "./application-blocks.js";

/** The steps still to take before sending, each linked to its page and marked done, optional or to do. */
export function StepList({
  page,
  steps,
}: {
  page: PageContext;
  steps: { href: string; label: string; done: boolean; optional?: boolean }[];
}) {
  const { t } = page;
  return (
    <ul class="steps">
      {steps.map((step) => (
        <li>
          <a href={step.href}>{step.label}</a>{" "}
          <span class="note">
            ({step.done ? t("my.step.done") : step.optional ? t("my.step.optional") : t("my.step.todo")})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What keeps the application (or one of its parts) from being sent, each linked to the page that fixes it. */
export function SendProblems({
  page,
  problems,
  hrefOf,
  nameOf,
}: {
  page: PageContext;
  problems: FieldError[];
  hrefOf: (problem: FieldError) => string;
  nameOf: (problem: FieldError) => string;
}) {
  if (problems.length === 0) return null;
  return (
    <div class="summary" role="alert" aria-labelledby="problems">
      <h2 id="problems">{page.t("review.problems")}</h2>
      <ul>
        {problems.map((problem) => (
          <li>
            <a href={hrefOf(problem)}>{nameOf(problem)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The button that sends, at the version the page was read at, with the sentence that says it is ready. */
export function SendForm({
  app,
  action,
  ready,
  submit,
}: {
  app: Application.Info;
  action: string;
  ready: string;
  submit: string;
}) {
  return (
    <form method="post" action={action}>
      <VersionField app={app} />
      <p>{ready}</p>
      <p class="actions">
        <button type="submit">{submit}</button>
      </p>
    </form>
  );
}
