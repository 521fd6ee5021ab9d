import type * as Call from "@amparo/core/call";
import { formatDate, formatMoney, formatNumber, pick } from "@amparo/core/i18n";
import { nextQuarter, type CallReport, type Pipeline, type QuarterReport } from "@amparo/core/report";
import type * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import type { PageContext } from "../shared/pages.js";
import { StaffLayout } from "../shared/staff-layout.js";
import {
  breakdownsOf,
  callTitle,
  momentName,
  monthColumns,
  monthName,
  quarterName,
  shownCell,
  type Shown,
} from "./figures.js";

/** One bar of a chart and one row of its table: a label, the figure as drawn (a hidden one draws no bar), as shown. */
interface Row {
  label: string;
  value: Shown;
  shown: string;
}

/** How many years back the filter offers; older years can still be asked for in the address. */
const yearsOffered = 5;

/**
 * The funders' pipeline report: filters, then per call its closed months (flows and amounts) and its closed
 * quarters (breakdowns), each a frozen snapshot, shown as tables (and the submissions as a bar chart drawn on
 * the server: an inline SVG, so nothing loads and nothing runs). Every figure is a cell as the API gives it,
 * so the page, the API, the CSV and the spreadsheet say the same. No application, name or text.
 */
export function ReportsPage({
  page,
  user,
  report,
  calls,
  query,
  now,
}: {
  page: PageContext;
  user: User.Info;
  report: Pipeline;
  /** The calls this person may report on, for the filter and for localised titles and labels. */
  calls: Call.Info[];
  query: { callId?: string | undefined; year: number };
  now: Date;
}) {
  const { t } = page;
  const thisYear = now.getUTCFullYear();
  const years = Array.from({ length: yearsOffered }, (_, index) => thisYear - index);
  if (!years.includes(query.year)) years.push(query.year);
  const search = new URLSearchParams({
    ...(query.callId ? { callId: query.callId } : {}),
    year: String(query.year),
  }).toString();
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("report.heading")}</h1>
      <p class="lead">{t("report.intro")}</p>
      <form method="get" action="/staff/reports" class="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading" class="visually-hidden">
          {t("report.filter.heading")}
        </h2>
        <div class="field">
          <label class="label" for="callId">
            {t("report.filter.call")}
          </label>
          <select id="callId" name="callId">
            <option value="" selected={!query.callId}>
              {t("report.filter.all_calls")}
            </option>
            {calls.map((call) => (
              <option value={call.id} selected={call.id === query.callId}>
                {pick(call.title, page.locale)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="label" for="year">
            {t("report.filter.year")}
          </label>
          <select id="year" name="year">
            {years.map((year) => (
              <option value={String(year)} selected={year === query.year}>
                {String(year)}
              </option>
            ))}
          </select>
        </div>
        <p class="actions">
          <button type="submit">{t("report.filter.show")}</button>
        </p>
      </form>
      <p class="note">
        {t("report.as_of", { year: String(report.year), date: formatDate(page.locale, report.generatedAt) })}
      </p>
      <p class="no-print">
        <a href={`/staff/reports/pipeline.xlsx?${search}`} download>
          {t("report.xlsx")}
        </a>{" "}
        <span class="note">{t("report.print")}</span>
      </p>
      <p class="no-print note">
        <a href={`/staff/reports/pipeline.csv?${search}`} download>
          {t("report.csv")}
        </a>
      </p>
      {report.calls.length === 0 ? (
        <p>{t("report.none")}</p>
      ) : (
        report.calls.map((figures) => (
          <CallSection
            page={page}
            figures={figures}
            call={calls.find((call) => call.id === figures.callId)}
            next={nextQuarter(report.year, new Date(report.generatedAt))}
          />
        ))
      )}
    </StaffLayout>
  );
}

function CallSection({
  page,
  figures,
  call,
  next,
}: {
  page: PageContext;
  figures: CallReport;
  call: Call.Info | undefined;
  /** The year's next quarter to be frozen, if any: when its breakdowns will show. */
  next: { quarter: string; by: Date } | undefined;
}) {
  const { t, locale } = page;
  const id = `call-${figures.callId}`;
  const count = (cell: Shown) => shownCell(page, cell, (value) => formatNumber(locale, value));
  const submitted = figures.months.map((month) => ({
    label: monthName(locale, month.month),
    value: month.submitted,
    shown: count(month.submitted),
  }));
  const columns = monthColumns.map((column): [string, (month: CallReport["months"][number]) => string] => [
    t(column.heading),
    (month) =>
      shownCell(page, column.cell(month), (value) =>
        column.kind === "money" ? formatMoney(locale, value, month.amounts.currency) : formatNumber(locale, value),
      ),
  ]);
  return (
    <section class="report" aria-labelledby={id}>
      <h2 id={id}>{callTitle(page, figures, call)}</h2>
      <Figure
        page={page}
        id={`${id}-months`}
        heading={t("report.months.heading")}
        help={[t("report.months.award_note"), t("report.months.reports_note")]}
        rows={submitted}
        // A month of <5 everywhere is an answer too: the table lists it.
        always
        stacked
      >
        {/* Fifteen columns do not fit a phone: the table scrolls on its own, reachable by keyboard. */}
        <div class="scroll" tabindex={0} role="region" aria-label={t("report.months.heading")}>
          <table>
            <caption class="visually-hidden">{t("report.months.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.col.month")}</th>
                {columns.map(([heading]) => (
                  <th scope="col" class="number">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.months.map((month) => (
                <tr>
                  <th scope="row">{monthName(locale, month.month)}</th>
                  {columns.map(([, value]) => (
                    <td class="number">{value(month)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Figure>
      <section class="figure" aria-labelledby={`${id}-quarters`}>
        <h3 id={`${id}-quarters`}>{t("report.quarters.heading")}</h3>
        {figures.quarters.map((quarter) => (
          <QuarterSection page={page} id={id} quarter={quarter} call={call} />
        ))}
        {/* Rather than "nothing yet": when the next breakdowns will be there, or that none will come. */}
        {next ? (
          <p class="note">
            {t("report.quarters.next", { quarter: quarterName(page, next.quarter), date: momentName(locale, next.by) })}
          </p>
        ) : (
          figures.quarters.length === 0 && <p class="note">{t("report.quarters.none")}</p>
        )}
      </section>
    </section>
  );
}

/**
 * One quarter's breakdowns: the cells with a figure (or withheld) in a table, and every listed category under 5
 * (0 included) named in one line beneath it, so a long list of countries stays readable.
 */
function QuarterSection({
  page,
  id,
  quarter,
  call,
}: {
  page: PageContext;
  id: string;
  quarter: QuarterReport;
  call: Call.Info | undefined;
}) {
  const { t, locale } = page;
  const breakdowns = breakdownsOf(page, quarter, call);
  return (
    <>
      <h4 id={`${id}-${quarter.quarter}`}>{quarterName(page, quarter.quarter)}</h4>
      {breakdowns.length === 0 && <p class="note">{t("report.quarters.no_categories")}</p>}
      {breakdowns.map((breakdown) => {
        const rows = breakdown.rows.map((row) => ({
          ...row,
          shown: shownCell(page, row.value, (value) => formatNumber(locale, value)),
        }));
        return (
          <div class="breakdown">
            <h5>{t(breakdown.heading)}</h5>
            {rows.length > 0 && (
              <FigureTable heading={[t(breakdown.column), t("report.col.submissions")]} rows={rows} />
            )}
            {breakdown.small.length > 0 && (
              <p class="note">
                {t("report.under_five", { count: String(breakdown.small.length) })} {breakdown.small.join(", ")}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}

/** A figure's heading, then its chart and its table side by side (stacked on a narrow screen). */
function Figure({
  page,
  id,
  heading,
  help,
  rows,
  always = false,
  stacked = false,
  children,
}: {
  page: PageContext;
  id: string;
  heading: string;
  /** Notes under the heading, one paragraph each. */
  help?: string[];
  rows: Row[];
  /** Draw even when every figure is hidden. */
  always?: boolean;
  /** The chart above its table rather than beside it (a table too wide to share the line). */
  stacked?: boolean;
  children: Child;
}) {
  const empty = rows.length === 0 || (!always && rows.every((row) => typeof row.value !== "number"));
  return (
    <section class="figure" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {help?.map((note) => (
        <p class="note">{note}</p>
      ))}
      {empty ? (
        <p class="note">{page.t("report.empty")}</p>
      ) : (
        <div class={stacked ? "chart-table stacked" : "chart-table"}>
          <BarChart title={`${heading}: ${page.t("report.chart.note")}`} rows={rows} />
          <div>{children}</div>
        </div>
      )}
    </section>
  );
}

const rowHeight = 44;
const longestLabel = 34;

/**
 * Horizontal bars drawn on the server. No viewBox: text keeps its size at any width, and bar lengths are
 * percentages of the chart's width. Each row is a label and its figure on one line, the bar under them; a
 * hidden figure draws no bar.
 */
function BarChart({ title, rows }: { title: string; rows: Row[] }) {
  const max = Math.max(1, ...rows.map((row) => (typeof row.value === "number" ? row.value : 0)));
  const percent = (value: number) => `${Math.max(value > 0 ? 0.5 : 0, (value / max) * 100).toFixed(2)}%`;
  return (
    <svg
      class="chart"
      role="img"
      width="100%"
      height={String(rows.length * rowHeight)}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{title}</title>
      {rows.map((row, index) => {
        const y = index * rowHeight;
        return (
          <g aria-hidden="true">
            <text x="0" y={String(y + 15)} class="label">
              {row.label.length > longestLabel ? `${row.label.slice(0, longestLabel - 1)}…` : row.label}
            </text>
            <text x="100%" y={String(y + 15)} class="value" text-anchor="end">
              {row.shown}
            </text>
            <rect x="0" y={String(y + 21)} width="100%" height="14" class="track" />
            {typeof row.value === "number" && (
              <rect x="0" y={String(y + 21)} width={percent(row.value)} height="14" class="bar" />
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The same rows as the chart, as a two-column table. */
function FigureTable({ heading, rows }: { heading: [string, string]; rows: Row[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{heading[0]}</th>
          <th scope="col" class="number">
            {heading[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">{row.label}</th>
            <td class="number">{row.shown}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
