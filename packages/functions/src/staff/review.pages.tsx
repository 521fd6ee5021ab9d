import * as Application from "@amparo/core/application";
import type * as Audit from "@amparo/core/audit";
import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { countryName, formatDate, formatNumber, languageName, pick, type MessageKey } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import type * as User from "@amparo/core/user";
import { fileSize, moneyIn } from "../shared/format.js";
import { ErrorSummary, Field, Notice, fieldMessage, type PageContext } from "../shared/pages.js";
import { DueDateForm, FullApplicationPart } from "./full-application.pages.js";
import { StaffLayout, dueDate } from "./layout.js";

/** Where the table's links lead: the list with the same call and filter, and the given sort and page. */
function tableHref(callId: string, query: Review.TableQuery, change: Partial<Review.TableQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams({ callId });
  if (next.stage) params.set("stage", next.stage);
  params.set("sort", next.sort);
  params.set("order", next.order);
  if (next.page > 1) params.set("page", String(next.page));
  return `/staff/applications?${params.toString()}`;
}

const sortLabels: Record<Review.TableSort, MessageKey> = {
  due: "staff.col.days_left",
  stage: "staff.col.stage",
  reviews: "staff.col.reviews_done",
  score: "staff.col.mean_weighted",
};

/**
 * A column header that sorts the table by following a link (no script): the first click on a column sorts it
 * ascending, a click on the sorted column turns the order round. The sorted one carries `aria-sort`.
 */
function SortHeader({
  page,
  callId,
  query,
  column,
}: {
  page: PageContext;
  callId: string;
  query: Review.TableQuery;
  column: Review.TableSort;
}) {
  const sorted = query.sort === column;
  const order = sorted && query.order === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={sorted ? (query.order === "asc" ? "ascending" : "descending") : undefined}>
      <a href={tableHref(callId, query, { sort: column, order, page: 1 })}>
        {page.t(sortLabels[column])}
        {sorted && <span aria-hidden="true">{query.order === "asc" ? " ▲" : " ▼"}</span>}
      </a>
    </th>
  );
}

/** Days left until the decision is due, under its date; overdue ones say by how long. */
function DaysLeft({ page, row }: { page: PageContext; row: Review.TableRow }) {
  if (row.daysLeft === null) return <>—</>;
  const overdue = row.daysLeft < 0 || row.overdue;
  return (
    <>
      <span class="note">{dueDate(page, row.decisionDueAt)}</span>
      <br />
      {overdue ? (
        <strong class="overdue">{page.plural("staff.table.overdue_by", Math.max(1, -row.daysLeft))}</strong>
      ) : (
        page.plural("staff.table.days_left", row.daysLeft)
      )}
    </>
  );
}

/**
 * A call's applications for its coordinators, as a table: filtered by stage with a GET form, sorted by the
 * column headers' links, one page at a time with links to the previous and next pages.
 */
export function ListPage({
  page,
  user,
  call,
  table,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  table: Review.TablePage;
}) {
  const { t } = page;
  const { query, rows } = table;
  const money = moneyIn(page, call.funding.currency);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.list.heading")}</h1>
      <form method="get" action="/staff/applications" class="actions">
        <input type="hidden" name="callId" value={call.id} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="order" value={query.order} />
        <label for="stage">{t("staff.list.filter")}</label>
        <select id="stage" name="stage">
          <option value="">{t("staff.list.all_stages")}</option>
          {call.stages
            .filter((option) => option !== "draft")
            .map((option) => (
              <option value={option} selected={option === query.stage}>
                {t(`staff.stage.${option}`)}
              </option>
            ))}
        </select>
        <button type="submit" class="secondary">
          {t("staff.list.filter")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t("staff.list.empty")}</p>
      ) : (
        <>
          {/* Above the table rather than its caption: on a phone the table scrolls sideways, this should not. */}
          <p id="applications-caption" class="note">
            {page.plural("staff.table.caption", table.total, {
              column: t(sortLabels[query.sort]),
              direction: t(query.order === "asc" ? "staff.table.asc" : "staff.table.desc"),
            })}
          </p>
          {/*
           * Issue 13: the table is one form. Ticked rows go, each with the version read, to a shortlist in one
           * post, or to a decline's confirmation page (the second button's own `formaction`): no script.
           */}
          <form method="post" action="/staff/applications/shortlist" id="bulk">
            <input type="hidden" name="callId" value={call.id} />
            <div class="scroll" role="region" aria-labelledby="applications-caption" tabindex={0}>
              <table class="applications" aria-labelledby="applications-caption">
                <thead>
                  <tr>
                    {/* Issue 12 (applicant identity): sealed, opened for this page's rows only. */}
                    <th scope="col">{t("staff.col.name")}</th>
                    <th scope="col">{t("staff.col.country")}</th>
                    <th scope="col">{t("staff.col.application")}</th>
                    <th scope="col">{t("staff.col.amount")}</th>
                    <SortHeader page={page} callId={call.id} query={query} column="due" />
                    <SortHeader page={page} callId={call.id} query={query} column="stage" />
                    <SortHeader page={page} callId={call.id} query={query} column="reviews" />
                    <SortHeader page={page} callId={call.id} query={query} column="score" />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr>
                      {/* Nothing of an application the viewer declared a conflict on is opened: a dash, not "not given". */}
                      <td>
                        {row.conflicted ? "—" : (row.name ?? <span class="note">{t("staff.identity.not_given")}</span>)}
                      </td>
                      <td>
                        {row.conflicted ? (
                          "—"
                        ) : row.country ? (
                          countryName(row.country, page.locale)
                        ) : (
                          <span class="note">{t("staff.identity.not_given")}</span>
                        )}
                      </td>
                      <td>
                        {row.conflicted ? (
                          // A declared conflict binds: no link to content the viewer may not open.
                          <>
                            {row.id.slice(0, 8)} <strong>{t("staff.list.conflicted")}</strong>
                          </>
                        ) : (
                          <>
                            {/* Issue 13: ticked for a bulk move; only what may still move, with the version shown. */}
                            {!Application.finalStages.includes(row.stage) && (
                              <input
                                type="checkbox"
                                class="pick"
                                name="items"
                                value={`${row.id}:${row.version}`}
                                aria-label={t("staff.bulk.select_one", { id: row.id.slice(0, 8) })}
                              />
                            )}{" "}
                            <a href={`/staff/applications/${row.id}`}>{row.id.slice(0, 8)}</a>
                          </>
                        )}
                      </td>
                      <td class="number">{row.amountRequested === null ? "—" : money(row.amountRequested)}</td>
                      <td>
                        <DaysLeft page={page} row={row} />
                      </td>
                      <td>{t(`staff.stage.${row.stage}`)}</td>
                      <td>{t("staff.table.reviews", { done: row.reviews, assigned: row.assigned })}</td>
                      <td class="number">{row.meanScore === null ? "—" : formatNumber(page.locale, row.meanScore)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="note" id="bulk-help">
              {t("staff.bulk.help")}
            </p>
            <p class="actions">
              {call.stages.includes("shortlisted") && (
                <button type="submit" class="secondary" aria-describedby="bulk-help">
                  {t("staff.bulk.shortlist")}
                </button>
              )}
              <button
                type="submit"
                class="secondary"
                formaction="/staff/applications/decline"
                aria-describedby="bulk-help"
              >
                {t("staff.bulk.decline")}
              </button>
            </p>
          </form>
        </>
      )}
      {table.pages > 1 && (
        <nav class="pages actions" aria-label={t("staff.table.pages")}>
          {query.page > 1 && (
            <a href={tableHref(call.id, query, { page: query.page - 1 })} rel="prev">
              {t("staff.table.previous")}
            </a>
          )}
          <span aria-current="page">{t("staff.table.page_of", { page: query.page, pages: table.pages })}</span>
          {query.page < table.pages && (
            <a href={tableHref(call.id, query, { page: query.page + 1 })} rel="next">
              {t("staff.table.next")}
            </a>
          )}
        </nav>
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
  identity,
  call,
}: {
  page: PageContext;
  user: User.Info;
  id: string;
  declared?: boolean;
  /** Issue 12: what the applicant gave for conflict checks (shown before the declaration only). */
  identity?: Application.Identity;
  /** The application's call (shown before the declaration only, as the API's `BeforeDeclaration` gives it). */
  call?: Call.Info;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.conflict.heading")}</h1>
      {declared ? (
        <p>{t("staff.conflict.declared")}</p>
      ) : (
        <form method="post" action={`/staff/applications/${id}/conflict`}>
          {call && <p>{t("staff.conflict.about", { id: id.slice(0, 8), call: pick(call.title, page.locale) })}</p>}
          <p>{t("staff.conflict.intro")}</p>
          {identity && (
            <>
              <p>{t("staff.identity.intro")}</p>
              <dl class="sent identity">
                <dt>{t("staff.identity.name")}</dt>
                <dd>{identity.name ?? t("staff.identity.not_given")}</dd>
                <dt>{t("staff.identity.country")}</dt>
                <dd>{identity.country ? countryName(identity.country, page.locale) : t("staff.identity.not_given")}</dd>
              </dl>
            </>
          )}
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
  /** A move was refused because someone else changed the application since the coordinator read it. */
  changed?: boolean;
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
  changed = false,
}: ApplicationPageProps) {
  const { t } = page;
  const own = view.reviews.find((review) => review.reviewerId === user.id);
  const final = Application.finalStages.includes(view.stage);
  // Issue 13: once the full application is sent, reviewers score it on the second rubric (the first round is over).
  const spec = call.fullApplication;
  const full = view.fullApplication;
  const round: Review.Round = spec && full?.submittedAt ? "full" : "concept";
  const ownOfRound = round === "full" ? view.rounds?.full.reviews.find((review) => review.reviewerId === user.id) : own;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.app.heading", { id: view.id.slice(0, 8) })}</h1>
      <Notice text={notice} />
      {changed && (
        <div class="summary" role="alert" aria-labelledby="changed">
          <h2 id="changed">{t("staff.changed.heading")}</h2>
          <p>{t("staff.changed.text", { stage: t(`staff.stage.${view.stage}`) })}</p>
        </div>
      )}
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path.split(".")[0]}`, text: fieldMessage(page, error) }))}
      />
      <Status page={page} view={view} />
      {view.decision && <DecisionMade page={page} call={call} view={view} />}
      {view.clock && (
        <DecisionClock
          page={page}
          clock={view.clock}
          final={final}
          waitsForFullUntil={
            view.stage === "shortlisted" && view.fullApplication && !view.fullApplication.submittedAt
              ? view.fullApplication.dueAt
              : undefined
          }
        />
      )}
      <NoteAndFunding page={page} call={call} view={view} />
      <BudgetFile page={page} view={view} />
      {spec && full && <FullApplicationPart page={page} spec={spec} view={view} full={full} />}
      {view.rounds ? (
        <>
          <Reviews page={page} user={user} view={view} emails={emails} round="concept" scores={view.rounds.concept} />
          <Reviews page={page} user={user} view={view} emails={emails} round="full" scores={view.rounds.full} />
        </>
      ) : (
        <Reviews page={page} user={user} view={view} emails={emails} />
      )}
      {view.review !== undefined && !final && (
        <ScoreForm
          page={page}
          id={view.id}
          own={ownOfRound}
          round={round}
          rubric={round === "full" ? spec!.rubric : call.rubric}
        />
      )}
      {view.allowedMoves !== undefined && (
        <>
          <Assignments
            page={page}
            id={view.id}
            assignments={view.assignments!}
            reviewers={reviewers}
            emails={emails}
            final={final}
            error={errors.find((error) => error.path === "reviewerIds")}
          />
          {full && !full.submittedAt && view.stage === "shortlisted" && (
            <DueDateForm page={page} id={view.id} full={full} error={errors.find((error) => error.path === "dueAt")} />
          )}
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
 * The decision as it was made: the outcome, when, the amount granted (sealed; opened with the application for
 * whoever may read it), and the coordinator's note, which only coordinators see (it is in the audit trail).
 */
function DecisionMade({ page, call, view }: { page: PageContext; call: Call.Info; view: Review.StaffView }) {
  const { t } = page;
  const decision = view.decision!;
  const date = formatDate(page.locale, decision.decidedAt);
  const note = view.events?.findLast((event) => event.type === "decided")?.note;
  return (
    <section aria-labelledby="decision">
      <h2 id="decision">{t("staff.decision.heading")}</h2>
      <p>
        {decision.outcome === "approved"
          ? t("staff.decision.approved", {
              date,
              amount: decision.amount === undefined ? "—" : moneyIn(page, call.funding.currency)(decision.amount),
            })
          : t("staff.decision.declined", { date })}
      </p>
      {note && (
        <>
          <h3>{t("staff.decision.note")}</h3>
          <p class="prose">{note}</p>
        </>
      )}
    </section>
  );
}

/**
 * The decision clock: when the decision is due, whether the reviewers were reminded and the coordinators
 * warned (or when they will be, unless it is decided or withdrawn), and whether it waits on the applicant.
 */
function DecisionClock({
  page,
  clock,
  final,
  waitsForFullUntil,
}: {
  page: PageContext;
  clock: Review.DecisionClock;
  final: boolean;
  /** The full application's due date while the shortlisted applicant writes it: the clock is stopped meanwhile. */
  waitsForFullUntil?: string | undefined;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  const step = (done: string | undefined, planned: string | undefined) =>
    done
      ? t("staff.clock.sent", { date: date(done) })
      : planned && !final && !waitsForFullUntil
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
              {waitsForFullUntil
                ? t("staff.clock.waiting_full", { date: date(waitsForFullUntil) })
                : clock.pausedAt
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
          {t("staff.app.budget", { name: file.fileName, size: fileSize(file.size, page) })}
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
  round,
  scores = { reviews: view.reviews, meanScore: view.meanScore },
}: {
  page: PageContext;
  user: User.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  /** Issue 13: in a call with a second stage, each round's reviews under their own heading, with their mean. */
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
function ScoreForm({
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
function Assignments({
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
          <Field id="messageToApplicant" label={t("staff.move.message")}>
            <textarea id="messageToApplicant" name="messageToApplicant" rows={3} maxlength={1000} />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.move.submit")}</button>
          </p>
        </form>
      )}
    </>
  );
}

/** A decision as the coordinator asked for it, before it is confirmed. */
export interface DecisionInput {
  to: "approved" | "declined";
  version: number;
  note?: string;
  amount?: number;
  messageToApplicant?: string;
}

/**
 * The step between choosing a decision and making it: the outcome, the amount and the words that go with it,
 * repeated, with a button that makes it (the same version, so a page gone stale is still refused) and a way back.
 */
export function ConfirmPage({
  page,
  user,
  call,
  id,
  decision,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  decision: DecisionInput;
}) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.confirm.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p>{t("staff.confirm.intro")}</p>
      <dl class="confirm">
        <dt>{t("staff.confirm.outcome")}</dt>
        <dd>
          <strong>{t(`staff.stage.${decision.to}`)}</strong>
        </dd>
        {decision.to === "approved" && (
          <>
            <dt>{t("staff.confirm.amount")}</dt>
            <dd>
              <strong>{decision.amount === undefined ? "—" : money(decision.amount)}</strong>
            </dd>
          </>
        )}
        <dt>{t("staff.confirm.note")}</dt>
        <dd class="prose">{decision.note || t("staff.confirm.none")}</dd>
        <dt>{t("staff.confirm.message")}</dt>
        <dd class="prose">{decision.messageToApplicant || t("staff.confirm.none")}</dd>
      </dl>
      <form method="post" action={`/staff/applications/${id}/transition`}>
        <input type="hidden" name="confirm" value="yes" />
        <input type="hidden" name="to" value={decision.to} />
        <input type="hidden" name="version" value={String(decision.version)} />
        {decision.note && <input type="hidden" name="note" value={decision.note} />}
        {decision.amount !== undefined && <input type="hidden" name="amount" value={String(decision.amount)} />}
        {decision.messageToApplicant && (
          <input type="hidden" name="messageToApplicant" value={decision.messageToApplicant} />
        )}
        <p class="actions">
          <button type="submit">{t("staff.confirm.submit")}</button>
          <a href={`/staff/applications/${id}`}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
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
      return t(event["round"] === "full" ? "staff.event.scored_full" : "staff.event.scored", {
        score: Number(event["weightedScore"]),
        recommendation: String(event["recommendation"]),
      });
    case "due_extended": {
      const date = (value: unknown) => (typeof value === "string" ? formatDate(page.locale, value) : "?");
      return t("staff.event.due_extended", { from: date(event["from"]), to: date(event["dueAt"]) });
    }
    case "document_downloaded":
      return t("staff.event.document_downloaded", { document: String(event["documentId"]) });
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
    case "full_submitted":
      return t(`staff.event.${event.type}`);
    default:
      return event.type;
  }
}
