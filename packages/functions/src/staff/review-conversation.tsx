// The questions a coordinator asked for more information, each beside the applicant's answer: every round kept,
// so a second question is read with the first and what was said to it.
import type * as Application from "@amparo/core/application";
import { formatDate } from "@amparo/core/i18n";
import type * as Stage from "@amparo/core/stage";
import type { PageContext } from "../shared/pages.js";

/**
 * One row per round: the question and when it was asked, its answer and when it was sent (or that none was). The
 * application's requests for more information by default; a grant report's rounds name their own heading and what
 * an open round waits for.
 */
export function Conversation({
  page,
  rounds,
  stage,
  language,
  heading = { id: "more-info", text: page.t("staff.more_info.heading") },
  waiting = stage === "more_info" ? page.t("staff.more_info.waiting") : undefined,
}: {
  page: PageContext;
  rounds: Application.MoreInfoRound[];
  /** The application's stage: in `more_info`, the last round waits for the applicant. */
  stage?: Stage.Stage;
  /** The application's language: the answer is in it, the question in whatever the coordinator wrote. */
  language: string;
  heading?: { id: string; text: string };
  /** What the last round, unanswered, waits for; earlier unanswered rounds (or none waiting) read as unanswered. */
  waiting?: string | undefined;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  return (
    <section aria-labelledby={heading.id}>
      <h2 id={heading.id}>{heading.text}</h2>
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
                    <p class="note">{last && waiting ? waiting : t("staff.more_info.unanswered")}</p>
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
