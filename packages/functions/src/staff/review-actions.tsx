import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatNumber, pick } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import type * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { described, Field, fieldMessage, type PageContext } from "../shared/pages.js";
import { moveLabel } from "./award-section.js";

/** A reviewer a coordinator may assign, with the number of reviews they have open. */
export interface Reviewer {
  id: string;
  email: string;
  open: number;
}

/**
 * The reviews so far. Coordinators see who wrote each; a reviewer sees their own by their address and the
 * others by number, and only once they have scored.
 */
export function Reviews({
  page,
  user,
  view,
  emails,
  round,
  scores = { reviews: view.reviews, meanScore: view.meanScore },
}: {
  page: PageContext;
  user: User.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  /** In a call with a second stage, each round's reviews under their own heading, with their mean. */
  round?: Review.Round;
  scores?: Review.RoundScores;
}) {
  const { t } = page;
  const coordinator = view.allowedMoves !== undefined;
  const own = scores.reviews.find((review) => review.reviewerId === user.id);
  return (
    <>
      <h2>
        {t(round === "full" ? "staff.rounds.full" : round === "concept" ? "staff.rounds.concept" : "staff.app.reviews")}
      </h2>
      {round && scores.meanScore !== null && (
        <p>{t("staff.rounds.mean", { score: formatNumber(page.locale, scores.meanScore) })}</p>
      )}
      {view.review !== undefined && !own && <p class="note">{t("staff.app.others_hidden")}</p>}
      {scores.reviews.length === 0 ? (
        <p>{t("staff.app.no_reviews")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.col.reviewer")}</th>
              <th scope="col">{t("staff.col.score")}</th>
              <th scope="col">{t("staff.col.recommendation")}</th>
              <th scope="col">{t("staff.col.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {scores.reviews.map((review, index) => (
              <tr>
                <td>
                  {coordinator
                    ? (emails.get(review.reviewerId) ?? "?")
                    : review.reviewerId === user.id
                      ? user.email
                      : `#${index + 1}`}
                </td>
                <td>{review.weightedScore}</td>
                <td>{t(`staff.score.${review.recommendation}`)}</td>
                <td>{review.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * The reviewer's own score: 1 to 5 for each rubric criterion, a recommendation and a comment. In a call with a
 * second stage, once the full application is sent, it is the full application's, on its own rubric (`round`).
 */
export function ScoreForm({
  page,
  id,
  own,
  round,
  rubric,
}: {
  page: PageContext;
  id: string;
  own?: Review.Review | undefined;
  round: Review.Round;
  rubric: Call.Info["rubric"];
}) {
  const { t } = page;
  return (
    <form method="post" action={`/staff/applications/${id}/score`}>
      <h2>{t(round === "full" ? "staff.score.heading_full" : "staff.score.heading")}</h2>
      <input type="hidden" name="round" value={round} />
      {rubric.criteria.map((criterion) => (
        <fieldset>
          <legend>
            {pick(criterion.label, page.locale)} (×{criterion.weight})
          </legend>
          {criterion.scale && (
            <dl class="scale-meanings">
              {(
                [
                  ["1", criterion.scale.low],
                  ["3", criterion.scale.mid],
                  ["5", criterion.scale.high],
                ] as const
              ).map(([score, meaning]) => (
                <>
                  <dt>{score}</dt>
                  <dd>{pick(meaning, page.locale)}</dd>
                </>
              ))}
            </dl>
          )}
          <div class="scale">
            {[1, 2, 3, 4, 5].map((value) => (
              <span class="choice">
                <input
                  type="radio"
                  id={`${criterion.id}-${value}`}
                  name={`score-${criterion.id}`}
                  value={String(value)}
                  checked={own?.scores[criterion.id] === value}
                  required={value === 1}
                />
                <label for={`${criterion.id}-${value}`}>{value}</label>
              </span>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>{t("staff.score.recommendation")}</legend>
        {(["fund", "maybe", "decline"] as const).map((value) => (
          <div class="choice">
            <input
              type="radio"
              id={`recommendation-${value}`}
              name="recommendation"
              value={value}
              checked={own?.recommendation === value}
              required={value === "fund"}
            />
            <label for={`recommendation-${value}`}>{t(`staff.score.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id="comment" label={t("staff.score.comment")}>
        <textarea id="comment" name="comment" rows={5}>
          {own?.comment ?? ""}
        </textarea>
      </Field>
      <p class="actions">
        <button type="submit">{t("staff.score.submit")}</button>
      </p>
    </form>
  );
}

/**
 * The coordinator's assignment of reviewers, each shown with their open reviews; once the application is
 * decided or withdrawn, only the list of who was assigned.
 */
export function Assignments({
  page,
  id,
  assignments,
  reviewers,
  emails,
  final,
  error,
}: {
  page: PageContext;
  id: string;
  assignments: NonNullable<Review.StaffView["assignments"]>;
  reviewers: Reviewer[];
  emails: Map<string, string>;
  final: boolean;
  /** Why the last assignment was refused (nobody ticked), shown in the fieldset. */
  error?: FieldError | undefined;
}) {
  const { t } = page;
  return (
    <>
      <h2>{t("staff.assign.heading")}</h2>
      <p class="note">{t("staff.assign.intro")}</p>
      {reviewers.length === 0 ? (
        <p>{t("staff.assign.none")}</p>
      ) : final ? (
        <ul>
          {assignments.map((assignment) => (
            <li>
              {emails.get(assignment.reviewerId) ?? "?"} —{" "}
              {t("staff.assign.assigned", { status: t(`staff.queue.${assignment.status}`) })}
            </li>
          ))}
        </ul>
      ) : (
        <form method="post" action={`/staff/applications/${id}/assign`}>
          <fieldset id="reviewerIds" aria-describedby={error ? "reviewerIds-error" : undefined}>
            <legend>{t("staff.assign.heading")}</legend>
            {error && (
              <p class="error" id="reviewerIds-error">
                {fieldMessage(page, error)}
              </p>
            )}
            {reviewers.map((reviewer, index) => {
              const assignment = assignments.find((item) => item.reviewerId === reviewer.id);
              return (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`reviewer-${index}`}
                    name="reviewerIds"
                    value={reviewer.id}
                    checked={!!assignment}
                    disabled={!!assignment}
                  />
                  <label for={`reviewer-${index}`}>
                    {t("staff.assign.workload", { email: reviewer.email, count: reviewer.open })}
                    {assignment &&
                      ` — ${t("staff.assign.assigned", { status: t(`staff.queue.${assignment.status}`) })}`}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("staff.assign.submit")}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

/**
 * The coordinator's move or decision: the stages the call allows from here, the message the applicant reads (the
 * question, when asking for more information), a note for staff (a decline needs one) and an amount (an approval
 * needs one). The version read is sent back, so a stale page is refused.
 */
export function MoveForm({
  page,
  call,
  view,
  allowedMoves,
  errors = [],
  typed = {},
}: {
  page: PageContext;
  call: Call.Info;
  view: Review.StaffView;
  allowedMoves: Stage.Stage[];
  /** Why the last move was refused, shown at the field it names. */
  errors?: FieldError[];
  /** What was typed in the refused move. */
  typed?: Record<string, string>;
}) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
  const errorOf = (path: string) => {
    const error = errors.find((item) => item.path === path);
    return error ? fieldMessage(page, error) : undefined;
  };
  const message = errorOf("messageToApplicant");
  const note = errorOf("note");
  return (
    <>
      <h2>{t("staff.move.heading")}</h2>
      {allowedMoves.length === 0 ? (
        <p>{t("staff.move.none")}</p>
      ) : (
        <form method="post" action={`/staff/applications/${view.id}/transition`}>
          <input type="hidden" name="version" value={String(view.version)} />
          <Field id="to" label={t("staff.move.to")}>
            <select id="to" name="to">
              {allowedMoves.map((stage) => (
                <option value={stage} selected={typed["to"] === stage}>
                  {moveLabel(page, view.stage, stage)}
                </option>
              ))}
            </select>
          </Field>
          {/* Two audiences, two fields, whatever the stage chosen: without JavaScript the form cannot change. */}
          <Field
            id="messageToApplicant"
            label={t("staff.move.message")}
            help={t("staff.move.message_help")}
            {...(message ? { error: message } : {})}
          >
            <textarea
              id="messageToApplicant"
              name="messageToApplicant"
              rows={4}
              maxlength={1000}
              {...described("messageToApplicant", { help: true, error: message })}
            >
              {typed["messageToApplicant"] ?? ""}
            </textarea>
          </Field>
          <Field
            id="note"
            label={t("staff.move.note")}
            help={t("staff.move.note_help")}
            {...(note ? { error: note } : {})}
          >
            <textarea id="note" name="note" rows={3} {...described("note", { help: true, error: note })}>
              {typed["note"] ?? ""}
            </textarea>
          </Field>
          <Field
            id="amount"
            label={
              <>
                {t("staff.move.amount", {
                  currency: call.funding.currency,
                  max: money(Math.min(view.funding?.amount ?? call.funding.max, call.funding.max)),
                })}
              </>
            }
          >
            <input type="text" inputmode="numeric" id="amount" name="amount" autocomplete="off" />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.move.submit")}</button>
          </p>
        </form>
      )}
    </>
  );
}
