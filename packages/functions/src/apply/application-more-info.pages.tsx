// The answer to a request for more information: the question repeated where it is answered, with the answer's
// own field (a part of the application), and the earlier questions with what was answered to them.
import * as Application from "@amparo/core/application";
import { formatDate } from "@amparo/core/i18n";
import { Layout, Notice, type PageContext, draftFormId } from "../shared/pages.js";
import { paths, BackLink, namedMessage, Locked, Alert, type WrittenPartProps } from "./application-blocks.js";
import { PartTextsForm } from "./part-components.js";

/** One question as the applicant reads it: when it was asked, and its words as the coordinator wrote them. */
function Question({ page, round, id }: { page: PageContext; round: Application.MoreInfoRound; id?: string }) {
  return (
    <div class="question" {...(id ? { id } : {})}>
      <p class="note">{page.t("more_info.asked", { date: formatDate(page.locale, round.askedAt) })}</p>
      <p class="prose">{round.question}</p>
    </div>
  );
}

/** Rounds asked before, read-only: each question, then the answer sent to it (or that none was). */
export function Rounds({
  page,
  rounds,
  language,
}: {
  page: PageContext;
  rounds: Application.MoreInfoRound[];
  language: string;
}) {
  const { t } = page;
  return (
    <dl class="sent rounds">
      {rounds.map((round) => (
        <>
          <dt>{t("more_info.question")}</dt>
          <dd>
            <Question page={page} round={round} />
          </dd>
          <dt>{t("more_info.your_answer")}</dt>
          {round.answeredAt ? (
            <dd>
              <p class="note">{t("more_info.answered", { date: formatDate(page.locale, round.answeredAt) })}</p>
              <p class="prose" lang={language}>
                {round.answer || "—"}
              </p>
            </dd>
          ) : (
            <dd class="note">{t("more_info.not_answered")}</dd>
          )}
        </>
      ))}
    </dl>
  );
}

/** The open question and the answer written so far, as the review page lists it with the other parts. */
export function SentAnswer({ page, app }: { page: PageContext; app: Application.Info }) {
  const open = Application.openQuestion(app);
  if (!open) return null;
  const answer = Application.draftAnswer(app).trim();
  return (
    <dl class="sent">
      <dt>{page.t("more_info.question")}</dt>
      <dd>
        <Question page={page} round={open} />
      </dd>
      <dt>{page.t("more_info.your_answer")}</dt>
      {answer ? (
        <dd class="prose" lang={app.language}>
          {answer}
        </dd>
      ) : (
        <dd class="note">{page.t("review.not_written")}</dd>
      )}
    </dl>
  );
}

/**
 * The question and the answer box while more information is asked for; once the answer is sent (or nothing is
 * asked), every round read-only.
 */
export function MoreInfoPage({
  page,
  call,
  app,
  report,
  saved = false,
  problems = [],
  changed = false,
  unsaved,
}: WrittenPartProps) {
  const { t } = page;
  const rounds = Application.conversation(app);
  const open = Application.openQuestion(app);
  const earlier = open ? rounds.slice(0, -1) : rounds;
  const history = earlier.length > 0 && (
    <section aria-labelledby="earlier">
      <h2 id="earlier">{t(open ? "more_info.earlier" : "more_info.history")}</h2>
      <Rounds page={page} rounds={earlier} language={app.language} />
    </section>
  );
  if (!open) {
    return (
      <Layout page={page}>
        <h1>{t("more_info.history")}</h1>
        <Locked page={page} app={app} text={t("more_info.none")} />
        {history}
        <BackLink page={page} />
      </Layout>
    );
  }
  return (
    <Layout page={page} switchForm={{ id: draftFormId, action: paths.moreInfo }}>
      <h1>{t("more_info.heading")}</h1>
      <p class="lead">{t("more_info.intro")}</p>
      <Notice text={saved ? t("more_info.saved") : undefined} />
      <Alert text={changed ? t("changed.elsewhere") : undefined} />
      <section class="asked" aria-labelledby="question">
        <h2 id="question">{t("more_info.question")}</h2>
        <Question page={page} round={open} />
      </section>
      <PartTextsForm
        page={page}
        part={Application.moreInfoAnswerPart}
        call={call}
        app={app}
        report={report}
        action={paths.moreInfo}
        problems={problems}
        nameOf={(problem) => namedMessage(page, call, problem)}
        unsaved={unsaved}
      >
        <a href={paths.review}>{t("more_info.send")}</a>
      </PartTextsForm>
      {history}
      <BackLink page={page} />
    </Layout>
  );
}
