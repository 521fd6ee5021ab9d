import * as Application from "@amparo/core/application";
import type * as Audit from "@amparo/core/audit";
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, languageName, pick } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import type * as User from "@amparo/core/user";
import { megabytes, moneyIn } from "../shared/format.js";
import { ErrorSummary, Field, Notice, fieldMessage, type PageContext } from "../shared/pages.js";
import { StaffLayout, dueDate } from "./layout.js";

/** A call's applications for its coordinators, filtered by stage, with review counts and mean scores. */
export function ListPage({
  page,
  user,
  call,
  stage,
  items,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  stage?: Call.Stage;
  items: {
    id: string;
    stage: Call.Stage;
    decisionDueAt: string | null;
    reviews: number;
    meanScore: number | null;
    conflicted: boolean;
    overdue: boolean;
  }[];
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.list.heading")}</h1>
      <form method="get" action="/staff/applications" class="actions">
        <input type="hidden" name="callId" value={call.id} />
        <label for="stage">{t("staff.list.filter")}</label>
        <select id="stage" name="stage">
          <option value="">{t("staff.list.all_stages")}</option>
          {call.stages
            .filter((option) => option !== "draft")
            .map((option) => (
              <option value={option} selected={option === stage}>
                {t(`staff.stage.${option}`)}
              </option>
            ))}
        </select>
        <button type="submit" class="secondary">
          {t("staff.list.filter")}
        </button>
      </form>
      {items.length === 0 ? (
        <p>{t("staff.list.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.col.application")}</th>
              <th scope="col">{t("staff.col.stage")}</th>
              <th scope="col">{t("staff.col.due")}</th>
              <th scope="col">{t("staff.col.reviews")}</th>
              <th scope="col">{t("staff.col.mean")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  {item.conflicted ? (
                    // A declared conflict binds: no link to content the viewer may not open.
                    <>
                      {item.id.slice(0, 8)} <strong>{t("staff.list.conflicted")}</strong>
                    </>
                  ) : (
                    <a href={`/staff/applications/${item.id}`}>{item.id.slice(0, 8)}</a>
                  )}
                </td>
                <td>{t(`staff.stage.${item.stage}`)}</td>
                <td>
                  {dueDate(page, item.decisionDueAt)}
                  {item.overdue && (
                    <>
                      {" "}
                      <strong class="overdue">{t("staff.list.overdue")}</strong>
                    </>
                  )}
                </td>
                <td>{item.reviews}</td>
                <td>{item.meanScore ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}
/** Before any content: an assigned reviewer declares a conflict of interest, or none. */
export function ConflictPage({
  page,
  user,
  id,
  declared = false,
}: {
  page: PageContext;
  user: User.Info;
  id: string;
  declared?: boolean;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.conflict.heading")}</h1>
      {declared ? (
        <p>{t("staff.conflict.declared")}</p>
      ) : (
        <form method="post" action={`/staff/applications/${id}/conflict`}>
          <p>{t("staff.conflict.intro")}</p>
          <fieldset>
            <legend>{t("staff.conflict.heading")}</legend>
            <div class="choice">
              <input type="radio" id="conflict-no" name="conflict" value="no" required />
              <label for="conflict-no">{t("staff.conflict.none")}</label>
            </div>
            <div class="choice">
              <input type="radio" id="conflict-yes" name="conflict" value="yes" />
              <label for="conflict-yes">{t("staff.conflict.yes")}</label>
            </div>
          </fieldset>
          <Field id="note" label={t("staff.conflict.note")}>
            <textarea id="note" name="note" rows={3} />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.conflict.submit")}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

export interface ApplicationPageProps {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  reviewers?: Reviewer[];
  notice?: string;
  errors?: FieldError[];
}

/** A reviewer a coordinator may assign, with the number of reviews they have open. */
export interface Reviewer {
  id: string;
  email: string;
  open: number;
}

/** One application for staff: content (never contact details), reviews, and what the viewer may do. */
export function ApplicationPage({
  page,
  user,
  call,
  view,
  emails,
  reviewers = [],
  notice,
  errors = [],
}: ApplicationPageProps) {
  const { t } = page;
  const own = view.reviews.find((review) => review.reviewerId === user.id);
  const final = Application.finalStages.includes(view.stage);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.app.heading", { id: view.id.slice(0, 8) })}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path.split(".")[0]}`, text: fieldMessage(page, error) }))}
      />
      <Status page={page} view={view} />
      {view.clock && <DecisionClock page={page} clock={view.clock} final={final} />}
      <NoteAndFunding page={page} call={call} view={view} />
      <BudgetFile page={page} view={view} />
      <Reviews page={page} user={user} view={view} emails={emails} own={own} />
      {view.review !== undefined && !final && <ScoreForm page={page} call={call} id={view.id} own={own} />}
      {view.allowedMoves !== undefined && (
        <>
          <Assignments
            page={page}
            id={view.id}
            assignments={view.assignments!}
            reviewers={reviewers}
            emails={emails}
            final={final}
          />
          <MoveForm page={page} call={call} view={view} allowedMoves={view.allowedMoves} />
          <AuditTrail page={page} events={view.events!} emails={emails} />
        </>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

/** Where the application stands: its stage, writing language, and when it was sent and is due. */
function Status({ page, view }: { page: PageContext; view: Review.StaffView }) {
  const { t } = page;
  return (
    <p>
      <strong>{t("staff.col.stage")}:</strong> {t(`staff.stage.${view.stage}`)}.{" "}
      {t("staff.app.language", { language: languageName(view.language, page.locale) })}.{" "}
      {view.submittedAt &&
        t("staff.app.submitted", {
          date: formatDate(page.locale, view.submittedAt),
          due: dueDate(page, view.decisionDueAt),
        })}
    </p>
  );
}

/**
 * The decision clock: when the decision is due, whether the reviewers were reminded and the coordinators
 * warned (or when they will be, unless it is decided or withdrawn), and whether it waits on the applicant.
 */
function DecisionClock({ page, clock, final }: { page: PageContext; clock: Review.Clock; final: boolean }) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  const step = (done: string | undefined, planned: string | undefined) =>
    done
      ? t("staff.clock.sent", { date: date(done) })
      : planned && !final
        ? t("staff.clock.planned", { date: date(planned) })
        : "—";
  return (
    <section aria-labelledby="clock">
      <h2 id="clock">{t("staff.clock.heading")}</h2>
      <table class="clock">
        <tbody>
          <tr>
            <th scope="row">{t("staff.clock.due")}</th>
            <td>
              {date(clock.decisionDueAt)}
              {clock.overdueAt && (
                <>
                  {" "}
                  <strong class="overdue">{t("staff.clock.overdue", { date: date(clock.overdueAt) })}</strong>
                </>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.reminder")}</th>
            <td>{step(clock.remindedAt, clock.reminderAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.escalation")}</th>
            <td>{step(clock.escalatedAt, clock.escalationAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.paused")}</th>
            <td>
              {clock.pausedAt
                ? t("staff.clock.paused_since", { date: date(clock.pausedAt) })
                : t("staff.clock.not_paused")}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The concept note, field by field in the applicant's language, then the funding asked for. */
function NoteAndFunding({ page, call, view }: { page: PageContext; call: Call.Info; view: Review.StaffView }) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
  return (
    <>
      <h2>{t("staff.app.note")}</h2>
      {call.conceptNote.fields.map((field) => (
        <section>
          <h3>{pick(field.label, page.locale)}</h3>
          <p class="prose" lang={view.language}>
            {view.conceptNote.fields[field.id] ?? "—"}
          </p>
        </section>
      ))}
      <p>
        {view.funding
          ? t("staff.app.funding", {
              amount: money(view.funding.amount),
              months: view.funding.months,
              budget: money(view.funding.annualBudget),
            })
          : t("staff.app.no_funding")}
      </p>
    </>
  );
}

/**
 * The budget file's download through this app (checked bytes, recorded), with any warning about it placed
 * before the link, so it is read before the file is opened; or that there is none.
 */
function BudgetFile({ page, view }: { page: PageContext; view: Review.StaffView }) {
  const { t } = page;
  if (!view.budgetFile) return <p>{t("staff.app.no_budget")}</p>;
  const file = view.budgetFile;
  return (
    <>
      {(file.warnings ?? []).map((warning) => (
        <p role="note">
          <strong>
            {t(`staff.app.budget_warning.${warning.code}`, { cells: warning.cells, first: warning.first })}
          </strong>
        </p>
      ))}
      <p>
        <a href={`/staff/applications/${view.id}/budget-file`} rel="noreferrer" download={file.fileName}>
          {t("staff.app.budget", { name: file.fileName, size: megabytes(file.size, page) })}
        </a>
      </p>
    </>
  );
}

/**
 * The reviews so far. Coordinators see who wrote each; a reviewer sees their own by their address and the
 * others by number, and only once they have scored.
 */
function Reviews({
  page,
  user,
  view,
  emails,
  own,
}: {
  page: PageContext;
  user: User.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  own: Review.Review | undefined;
}) {
  const { t } = page;
  const coordinator = view.allowedMoves !== undefined;
  return (
    <>
      <h2>{t("staff.app.reviews")}</h2>
      {view.review !== undefined && !own && <p class="note">{t("staff.app.others_hidden")}</p>}
      {view.reviews.length === 0 ? (
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
            {view.reviews.map((review, index) => (
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

/** The reviewer's own score: 1 to 5 for each rubric criterion, a recommendation and a comment. */
function ScoreForm({ page, call, id, own }: { page: PageContext; call: Call.Info; id: string; own?: Review.Review }) {
  const { t } = page;
  return (
    <form method="post" action={`/staff/applications/${id}/score`}>
      <h2>{t("staff.score.heading")}</h2>
      {call.rubric.criteria.map((criterion) => (
        <fieldset>
          <legend>
            {pick(criterion.label, page.locale)} (×{criterion.weight})
          </legend>
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
function Assignments({
  page,
  id,
  assignments,
  reviewers,
  emails,
  final,
}: {
  page: PageContext;
  id: string;
  assignments: NonNullable<Review.StaffView["assignments"]>;
  reviewers: Reviewer[];
  emails: Map<string, string>;
  final: boolean;
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
          <fieldset>
            <legend>{t("staff.assign.heading")}</legend>
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
 * The coordinator's move or decision: the stages the call allows from here, a note (a decline needs one) and
 * an amount (an approval needs one). The version read is sent back, so a stale page is refused.
 */
function MoveForm({
  page,
  call,
  view,
  allowedMoves,
}: {
  page: PageContext;
  call: Call.Info;
  view: Review.StaffView;
  allowedMoves: Call.Stage[];
}) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
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
                <option value={stage}>{t(`staff.stage.${stage}`)}</option>
              ))}
            </select>
          </Field>
          <Field id="note" label={t("staff.move.note")}>
            <textarea id="note" name="note" rows={3} />
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

/** Everything that happened to the application, when (UTC), by whom, with any note. */
function AuditTrail({
  page,
  events,
  emails,
}: {
  page: PageContext;
  events: Audit.Event[];
  emails: Map<string, string>;
}) {
  const { t } = page;
  const when = new Intl.DateTimeFormat(page.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <h2>{t("staff.app.audit")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.col.when")}</th>
            <th scope="col">{t("staff.col.who")}</th>
            <th scope="col">{t("staff.col.what")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>{when.format(new Date(event.at))}</td>
              <td>
                {event.actor === "applicant" || event.actor === "system"
                  ? t(`staff.actor.${event.actor}`)
                  : (emails.get(event.actor.slice(5)) ?? "?")}
              </td>
              <td>
                {eventText(page, event, emails)}
                {event.note && <span class="note"> — {event.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** What one audit event says, in the reader's language. */
function eventText(page: PageContext, event: Audit.Event, emails: Map<string, string>): string {
  const { t } = page;
  const stage = (value: unknown) => (typeof value === "string" ? t(`staff.stage.${value as Call.Stage}`) : "");
  switch (event.type) {
    case "assigned":
      return t("staff.event.assigned", { reviewer: emails.get(String(event["reviewerId"])) ?? "?" });
    case "scored":
      return t("staff.event.scored", {
        score: Number(event["weightedScore"]),
        recommendation: String(event["recommendation"]),
      });
    case "moved":
      return t("staff.event.moved", { from: stage(event["from"]), stage: stage(event["stage"]) });
    case "decided":
      return t("staff.event.decided", { stage: stage(event["stage"]) });
    case "created":
    case "submitted":
    case "resubmitted":
    case "withdrawn":
    case "no_conflict_declared":
    case "conflict_declared":
    case "viewed":
    case "budget_file_downloaded":
      return t(`staff.event.${event.type}`);
    default:
      return event.type;
  }
}
