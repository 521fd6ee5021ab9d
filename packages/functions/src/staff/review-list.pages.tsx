import type * as Call from "@amparo/core/call";
import { countryName, formatNumber, pick, type MessageKey } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { type PageContext } from "../shared/pages.js";
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
  // The list's two actions, and the rows each may apply to: a box only where one of them can, a button only
  // where some shown row can take it.
  const bulkMoves = (stage: Stage.Stage) =>
    Stage.allowedMoves(call, stage).filter((to) => to === "shortlisted" || to === "declined");
  const canShortlist = rows.some((row) => !row.conflicted && bulkMoves(row.stage).includes("shortlisted"));
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
           * The table is one form. Ticked rows go, each with the version read, to a shortlist in one
           * post, or to a decline's confirmation page (the second button's own `formaction`): no script.
           */}
          <form method="post" action="/staff/applications/shortlist" id="bulk">
            <input type="hidden" name="callId" value={call.id} />
            <div class="scroll" role="region" aria-labelledby="applications-caption" tabindex={0}>
              <table class="applications stacked" aria-labelledby="applications-caption">
                <thead>
                  <tr>
                    {/* The applicant's identity: sealed, opened for this page's rows only. */}
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
                      <td data-label={t("staff.col.name")}>
                        {row.conflicted ? "—" : (row.name ?? <span class="note">{t("staff.identity.not_given")}</span>)}
                      </td>
                      <td data-label={t("staff.col.country")}>
                        {row.conflicted ? (
                          "—"
                        ) : row.country ? (
                          <>
                            {countryName(row.country, page.locale)}
                            {row.countryFromQuiz && <span class="note"> {t("staff.identity.from_quiz")}</span>}
                          </>
                        ) : (
                          <span class="note">{t("staff.identity.not_given")}</span>
                        )}
                      </td>
                      <td data-label={t("staff.col.application")}>
                        {row.conflicted ? (
                          // A declared conflict binds: no link to content the viewer may not open.
                          <>
                            {row.id.slice(0, 8)} <strong>{t("staff.list.conflicted")}</strong>
                          </>
                        ) : (
                          <>
                            {/* Ticked for a bulk move; only what one may apply to, with the version shown. */}
                            {bulkMoves(row.stage).length > 0 && (
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
                      <td class="number" data-label={t("staff.col.amount")}>
                        {row.amountRequested === null ? "—" : money(row.amountRequested)}
                        {row.amountApproved !== null && (
                          <>
                            <br />
                            <strong class="granted">
                              {t("staff.table.approved", { amount: money(row.amountApproved) })}
                            </strong>
                          </>
                        )}
                      </td>
                      <td data-label={t("staff.col.days_left")}>
                        <DaysLeft page={page} row={row} />
                      </td>
                      <td data-label={t("staff.col.stage")}>{t(`staff.stage.${row.stage}`)}</td>
                      <td data-label={t("staff.col.reviews_done")}>
                        {t("staff.table.reviews", { done: row.reviews, assigned: row.assigned })}
                      </td>
                      <td class="number" data-label={t("staff.col.mean_weighted")}>
                        {row.meanScore === null ? "—" : formatNumber(page.locale, row.meanScore)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="note" id="bulk-help">
              {t("staff.bulk.help")}
            </p>
            <p class="actions">
              {canShortlist && (
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
        <a href={`/staff/ledger?callId=${encodeURIComponent(call.id)}`}>{t("staff.ledger.heading")}</a>
      </p>
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}
