// The questions a coordinator asked for more information, each beside the applicant's answer: every round kept,
// so a second question is read with the first and what was said to it.
import type * as Application from "@amparo/core/application";
import { formatDate } from "@amparo/core/i18n";
import type * as Stage from "@amparo/core/stage";
import type { PageContext } from "../shared/pages.js";

/** One row per round: the question and when it was asked, its answer and when it was sent (or that none was). */
export function Conversation({
  page,
  rounds,
  stage,
  language,
}: {
  page: PageContext;
  rounds: Application.MoreInfoRound[];
  stage: Stage.Stage;
  /** The application's language: the answer is in it, the question in whatever the coordinator wrote. */
  language: string;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  return (
    <section aria-labelledby="more-info">
      <h2 id="more-info">{t("staff.more_info.heading")}</h2>
      <table class="stacked conversation">
        <thead>
          <tr>
            <th scope="col">{t("staff.more_info.question")}</th>
            <th scope="col">{t("staff.more_info.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((round, index) => {
            const last = index === rounds.length - 1;
            return (
              <tr>
                <td data-label={t("staff.more_info.question")}>
                  <p class="note">
                    {t("staff.more_info.round", { number: index + 1 })} ·{" "}
                    {t("staff.more_info.asked", { date: date(round.askedAt) })}
                  </p>
                  <p class="prose">{round.question}</p>
                </td>
                <td data-label={t("staff.more_info.answer")}>
                  {round.answeredAt ? (
                    <>
                      <p class="note">{t("staff.more_info.answered", { date: date(round.answeredAt) })}</p>
                      <p class="prose" lang={language}>
                        {round.answer || "—"}
                      </p>
                    </>
                  ) : (
                    <p class="note">
                      {last && stage === "more_info" ? t("staff.more_info.waiting") : t("staff.more_info.unanswered")}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
