import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import * as Stage from "@amparo/core/stage";
import { formatDate } from "@amparo/core/i18n";
import { CallTag, Layout, type PageContext } from "../shared/pages.js";
import { SentIdentity, identityPath } from "./identity.pages.js";
import {
  paths,
  BackLink,
  namedMessage,
  Locked,
  Alert,
  PartHeading,
  SentAnswers,
  SentFunding,
  Status,
} from "./application-blocks.js";
import { SendForm, SendProblems } from "./part-sending.js";
import { SentPartFile, SentTexts } from "./part-components.js";
import { Rounds, SentAnswer } from "./application-more-info.pages.js";

/**
 * Everything the application sends, part by part, each with a link to change it while it can be changed:
 * the eligibility answers (until the first submission), the concept note, the funding and the budget file.
 */
function Sent({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  const { t } = page;
  const editable = Stage.isEditable(app.stage);
  const open = Application.openQuestion(app);
  const answered = Application.conversation(app).filter((round) => round.answeredAt);
  const parts = [
    // While more information is asked for, the answer is sent with the rest; once sent, every round stays listed.
    ...(open
      ? [
          {
            id: "part-more-info",
            title: t("my.step.more_info"),
            href: paths.moreInfo,
            body: <SentAnswer page={page} app={app} />,
          },
        ]
      : answered.length > 0
        ? [
            {
              id: "part-more-info",
              title: t("more_info.history"),
              href: undefined,
              body: <Rounds page={page} rounds={answered} language={app.language} />,
            },
          ]
        : []),
    {
      id: "part-answers",
      title: t("my.step.answers"),
      href: app.stage === "draft" ? paths.answers : undefined,
      body: <SentAnswers page={page} call={call} app={app} />,
    },
    // Who the applicant is: what reviewers see first, to recognise a conflict of interest.
    {
      id: "part-identity",
      title: t("my.step.identity"),
      href: editable ? identityPath : undefined,
      body: <SentIdentity page={page} identity={app.identity} />,
    },
    {
      id: "part-note",
      title: t("my.step.note"),
      href: editable ? paths.conceptNote : undefined,
      body: <SentTexts page={page} part={Application.conceptNotePart} call={call} app={app} />,
    },
    {
      id: "part-funding",
      title: t("my.step.funding"),
      href: editable ? paths.funding : undefined,
      body: <SentFunding page={page} call={call} app={app} />,
    },
    {
      id: "part-budget",
      title: t("my.step.budget"),
      href: editable ? paths.budget : undefined,
      body: <SentPartFile page={page} slotId="budget" file={app.budgetFile} />,
    },
  ];
  return (
    <>
      {parts.map((part) => (
        <section class="part" aria-labelledby={part.id}>
          <PartHeading id={part.id} title={part.title} page={page} {...(part.href ? { href: part.href } : {})} />
          {part.body}
        </section>
      ))}
    </>
  );
}

/**
 * Everything that will be sent, part by part with a link to change each, then what is missing or wrong, or
 * the button; once sent, the same parts read-only, to check or print.
 */
export function ReviewPage({
  page,
  call,
  app,
  problems,
  alert,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  problems: FieldError[];
  /** Why the submission just posted was not made (changed elsewhere, the call closed). */
  alert?: string;
}) {
  const { t } = page;
  const editable = Stage.isEditable(app.stage);
  const linkFor = (path: string) =>
    path.startsWith("fields")
      ? paths.moreInfo
      : path.startsWith("conceptNote")
        ? paths.conceptNote
        : path.startsWith("funding")
          ? paths.funding
          : paths.budget;
  return (
    <Layout page={page}>
      <CallTag page={page} call={call} />
      <h1>{t("review.heading")}</h1>
      <Status page={page} app={app} call={call} />
      <Alert text={alert} />
      {editable ? <p class="lead">{t("review.intro")}</p> : <Locked page={page} app={app} />}
      {editable && (
        <SendProblems
          page={page}
          problems={problems}
          hrefOf={(problem) => linkFor(problem.path)}
          nameOf={(problem) => namedMessage(page, call, problem)}
        />
      )}
      <Sent page={page} call={call} app={app} />
      {editable && problems.length === 0 && (
        <SendForm app={app} action={paths.review} ready={t("review.ready")} submit={t("review.submit")} />
      )}
      {!editable && <p class="note print-hint">{t("review.print")}</p>}
      <BackLink page={page} />
    </Layout>
  );
}

/**
 * Withdrawal asks once more, and says what is deleted and on which day (`deletedOn`, as the retention sweep will
 * count it from a withdrawal now).
 */
export function WithdrawPage({ page, call, deletedOn }: { page: PageContext; call: Call.Info; deletedOn: string }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("withdraw.heading")}</h1>
      <p>{page.plural("withdraw.text", call.retentionDays, { date: formatDate(page.locale, deletedOn) })}</p>
      <p>{t("withdraw.kept")}</p>
      <form method="post" action={paths.withdraw} class="actions">
        <button type="submit">{t("withdraw.confirm")}</button>
        <a href={paths.overview}>{t("my.back")}</a>
      </form>
    </Layout>
  );
}
