import * as Application from "@amparo/core/application";
import type * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import type * as Contact from "@amparo/core/contact";
import * as Stage from "@amparo/core/stage";
import { CallTag, Layout, Notice, type PageContext, Text } from "../shared/pages.js";
import { identityPath } from "./identity.pages.js";
import { FullInvitation } from "./full-invitation.pages.js";
import { paths, Status } from "./application-blocks.js";
import { AwardSection } from "./award-blocks.js";
import { StepList } from "./part-sending.js";

/** The application's home: status in neutral words, what is still needed, and the way to each part. */
export function OverviewPage({
  page,
  call,
  app,
  report,
  notice,
  contact,
  award,
}: {
  page: PageContext;
  call: Call.Info;
  app: Application.Info;
  report: Application.WordReport;
  notice?: string;
  /** The grant, once approved (`Award.view`). */
  award?: Award.AwardView | undefined;
  /** What the applicant should know of their contact address (`Contact.status`). */
  contact?: Contact.Status | undefined;
}) {
  const { t } = page;
  const editable = Stage.isEditable(app.stage);
  const writing =
    app.stage === "shortlisted" && !!call.fullApplication && Application.fullApplicationState(app) === "writing";
  const steps = [
    // Asked for more information: the answer comes first, and the other steps stay open for what it asks to change.
    ...(Application.openQuestion(app)
      ? [
          {
            href: paths.moreInfo,
            label: t("my.step.more_info"),
            done: Application.moreInfoProblems(call, app).length === 0,
            optional: false,
          },
        ]
      : []),
    ...(app.stage === "draft"
      ? [{ href: paths.answers, label: t("my.step.answers"), done: true, optional: false }]
      : []),
    { href: identityPath, label: t("my.step.identity"), done: !!app.identity, optional: true },
    { href: paths.conceptNote, label: t("my.step.note"), done: report.complete, optional: false },
    { href: paths.funding, label: t("my.step.funding"), done: !!app.funding, optional: false },
    { href: paths.budget, label: t("my.step.budget"), done: !!app.budgetFile, optional: !call.budgetFile.required },
  ];
  return (
    <Layout page={page}>
      <CallTag page={page} call={call} />
      <h1>{t("my.heading")}</h1>
      <Notice text={notice} />
      {/* The grant right after the news: it holds the one thing to do now, above the general next steps. */}
      <Status page={page} app={app} call={call}>
        {award && <AwardSection page={page} call={call} view={award} />}
      </Status>
      {contact && contact !== "confirmed" && <p class="note">{t(`my.contact_status.${contact}`)}</p>}
      <FullInvitation page={page} call={call} app={app} />
      {editable ? (
        <>
          <h2>{t("my.todo")}</h2>
          <StepList page={page} steps={steps} />
          <p class="actions">
            <a class="button" href={paths.review}>
              {t("my.review")}
            </a>
          </p>
        </>
      ) : (
        <>
          {/* Not while a full application is being written: that part can still change. */}
          {!writing && <p class="note">{t("my.locked")}</p>}
          {app.submittedAt && (
            <>
              <p>
                <a href={paths.review}>{t("my.what_sent")}</a>
              </p>
              <p class="note print-hint">{t("review.print")}</p>
            </>
          )}
        </>
      )}
      {call.contact && (
        <section aria-labelledby="contact">
          <h2 id="contact">{t("my.contact.heading")}</h2>
          <p class="prose">
            <Text text={call.contact} locale={page.locale} />
          </p>
        </section>
      )}
      {!Stage.isFinal(app.stage) && (
        <p class="no-print">
          <a href={paths.withdraw}>{t("my.withdraw")}</a>
        </p>
      )}
      <form method="post" action={paths.signOut}>
        <button type="submit" class="secondary">
          {t("my.signout")}
        </button>
      </form>
    </Layout>
  );
}
