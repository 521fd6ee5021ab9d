import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatTypedNumber } from "@amparo/core/i18n";
import * as Stage from "@amparo/core/stage";
import { moneyIn } from "../shared/format.js";
import {
  ErrorSummary,
  Field,
  Layout,
  Notice,
  described,
  fieldMessage,
  type PageContext,
  draftFormId,
} from "../shared/pages.js";
import { paths, BackLink, namedMessage, Locked, Alert, VersionField, SentFunding } from "./application-blocks.js";

/** The funding fields the page asks for: the annual budget only when a rule needs it and the quiz did not ask it. */
export function fundingFields(call: Call.Info, app: Pick<Application.Info, "answers">) {
  return Application.needsAnnualBudget(call) && Application.annualBudgetFromAnswers(call, app) === undefined
    ? (["amount", "annualBudget", "months"] as const)
    : (["amount", "months"] as const);
}

/** A number the applicant could type into each funding field, for the message when theirs is unreadable. */
export function fundingExample(call: Call.Info, name: "amount" | "annualBudget" | "months"): string {
  const { min, max, maxMonths } = call.funding;
  if (name === "months") return String(Math.min(maxMonths, 6));
  if (name === "annualBudget") return "20000";
  return String(Math.max(min, Math.round((min + max) / 2 / 500) * 500));
}

/** What the applicant asks for, with the call's rules stated before any error; read-only once sent. */
export function FundingPage({
  page,
  call,
  app,
  values,
  errors = [],
  saved = false,
  changed = false,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  values?: Record<string, string>;
  errors?: FieldError[];
  saved?: boolean;
  changed?: boolean;
}) {
  const { t } = page;
  const rules = call.funding;
  const money = moneyIn(page, rules.currency);
  if (!Stage.isEditable(app.stage)) {
    return (
      <Layout page={page}>
        <h1>{t("funding.heading")}</h1>
        <Locked page={page} app={app} />
        <SentFunding page={page} call={call} app={app} />
        <BackLink page={page} />
      </Layout>
    );
  }
  const fromQuiz = Application.annualBudgetFromAnswers(call, app);
  const current = values ?? {
    amount: app.funding ? formatTypedNumber(page.locale, app.funding.amount) : "",
    annualBudget:
      app.funding?.annualBudget !== undefined ? formatTypedNumber(page.locale, app.funding.annualBudget) : "",
    months: app.funding ? formatTypedNumber(page.locale, app.funding.months) : "",
  };
  const labels = {
    amount: t("funding.amount", { currency: rules.currency }),
    annualBudget: t("funding.annual_budget", { currency: rules.currency }),
    months: t("funding.months"),
  };
  // Someone applying alone has no organisation's budget: saying 0 is fine spares them a question that stops them.
  const help: Record<string, string | undefined> = { annualBudget: t("funding.annual_budget.hint") };
  const errorsFor = (name: string) => errors.filter((error) => error.path === name);
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action: paths.funding }}>
      <h1>{t("funding.heading")}</h1>
      <p class="lead">
        {t("funding.rules", { min: money(rules.min), max: money(rules.max), months: rules.maxMonths })}
        {rules.maxRatioToAnnualBudget !== null && <> {t("call.ratio", { ratio: rules.maxRatioToAnnualBudget })}</>}
      </p>
      {fromQuiz !== undefined && (
        <p>
          {t("funding.from_quiz", { amount: money(fromQuiz) })}
          {app.stage === "draft" && (
            <>
              {" "}
              <a href={paths.answers}>{t("funding.from_quiz.change")}</a>
            </>
          )}
        </p>
      )}
      <Notice text={saved ? t("funding.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path}`, text: namedMessage(page, call, error) }))}
      />
      <form method="post" action={paths.funding} id={draftFormId} autocomplete="off" novalidate>
        <VersionField app={app} />
        {fundingFields(call, app).map((name) => {
          // One field can break several rules (the amount: below the minimum and above the ratio).
          const own = errorsFor(name)
            .map((error) => fieldMessage(page, error))
            .join(" ");
          return (
            <Field id={name} label={labels[name]} help={help[name]} error={own || undefined}>
              <input
                type="text"
                inputmode="numeric"
                id={name}
                name={name}
                dir="auto"
                value={current[name] ?? ""}
                autocomplete="off"
                {...described(name, { help: help[name], error: own })}
                class={own ? "invalid" : undefined}
              />
            </Field>
          );
        })}
        <p class="actions">
          <button type="submit">{t("funding.save")}</button>
        </p>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}
