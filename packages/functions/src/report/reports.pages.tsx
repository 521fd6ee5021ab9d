import * as Report from "@amparo/core/report";
import type * as Call from "@amparo/core/call";
import { countryName, formatDate, formatMoney, formatNumber, pick, type Locale } from "@amparo/core/i18n";
import type { CallReport, MonthFigures, Pipeline } from "@amparo/core/report";
import type * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import type { PageContext } from "../shared/pages.js";
import { StaffLayout } from "../shared/staff-layout.js";

/** One bar of a chart and one row of its table: a label, the figure as drawn (`<5` draws no bar), as shown. */
interface Row {
  label: string;
  value: number | "<5";
  shown: string;
  /** A second, smaller figure drawn over the first (decided within the deadline, over decided). */
  part?: { value: number; shown: string };
}

/** The stages in the order an application moves through them (from core, through the report module, which loads no decryption). */
const stageOrder = Report.Stage.options;

/** How many years back the filter offers; older years can still be asked for in the address. */
const yearsOffered = 5;

/**
 * The funders' pipeline report: filters, then per call a summary and each figure twice, as a bar chart drawn
 * on the server (an inline SVG, so nothing loads and nothing runs) and as a table with the same numbers for
 * screen readers and for copying. Everything here is a count or a sum: no application, name or text.
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
  const csv = `/staff/reports/pipeline.csv?${new URLSearchParams({
    ...(query.callId ? { callId: query.callId } : {}),
    year: String(query.year),
  }).toString()}`;
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
        {t("report.as_of", {
          year: String(report.year),
          date: formatDate(page.locale, report.generatedAt),
          asOf: formatDate(page.locale, report.breakdownsAsOf),
        })}
      </p>
      <p class="no-print">
        <a href={csv} download>
          {t("report.csv")}
        </a>{" "}
        <span class="note">{t("report.print")}</span>
      </p>
      {report.calls.length === 0 ? (
        <p>{t("report.none")}</p>
      ) : (
        report.calls.map((figures) => (
          <CallSection page={page} figures={figures} call={calls.find((call) => call.id === figures.callId)} />
        ))
      )}
    </StaffLayout>
  );
}

function CallSection({ page, figures, call }: { page: PageContext; figures: CallReport; call: Call.Info | undefined }) {
  const { t, locale } = page;
  const id = `call-${figures.callId}`;
  const number = (value: number) => formatNumber(locale, value);
  const money = (value: number) => formatMoney(locale, value, figures.amounts.currency);
  const stages = stageOrder
    .filter((stage) => figures.stages[stage] !== undefined)
    .map((stage) => ({
      label: t(`staff.stage.${stage}`),
      value: figures.stages[stage]!,
      shown: number(figures.stages[stage]!),
    }));
  const active = activeMonths(figures.months);
  const months = active.map((month) => ({
    label: monthName(locale, month.month),
    value: month.decided,
    shown: number(month.decided),
    part: { value: month.decidedWithinDeadline, shown: number(month.decidedWithinDeadline) },
  }));
  const amounts = [
    {
      label: t("report.amounts.requested"),
      value: figures.amounts.requested,
      shown: money(figures.amounts.requested),
    },
    { label: t("report.amounts.approved"), value: figures.amounts.approved, shown: money(figures.amounts.approved) },
  ];
  const rules = Object.entries(figures.ineligibleByRule).map(([rule, count]) => ({
    label: ruleReason(call, rule, locale),
    value: count,
    shown: number(count),
  }));
  const cells = (breakdown: Record<string, number | "<5">, label: (key: string) => string) =>
    Object.entries(breakdown)
      .map(([key, value]) => ({ label: label(key), value, shown: value === "<5" ? "<5" : number(value) }))
      .sort((a, b) => rank(b.value) - rank(a.value) || a.label.localeCompare(b.label, locale));
  const share = figures.decidedWithinDeadline.share;
  return (
    <section class="report" aria-labelledby={id}>
      <h2 id={id}>{call ? pick(call.title, locale) : figures.title}</h2>
      <h3>{t("report.summary.heading")}</h3>
      <dl class="figures">
        <div>
          <dt>{t("report.summary.approved")}</dt>
          <dd>{number(figures.decisions.approved)}</dd>
        </div>
        <div>
          <dt>{t("report.summary.declined")}</dt>
          <dd>{number(figures.decisions.declined)}</dd>
        </div>
        <div>
          <dt>{t("report.summary.within")}</dt>
          <dd>
            {number(figures.decidedWithinDeadline.count)}
            {share !== null && ` (${new Intl.NumberFormat(locale, { style: "percent" }).format(share)})`}
          </dd>
        </div>
        <div>
          <dt>{t("report.summary.overdue")}</dt>
          <dd>{number(figures.overdue)}</dd>
        </div>
        <div>
          <dt>{t("report.summary.median")}</dt>
          <dd>{figures.medianDaysToDecision === null ? "—" : number(figures.medianDaysToDecision)}</dd>
        </div>
      </dl>
      <Figure page={page} id={`${id}-stages`} heading={t("report.funnel.heading")} rows={stages}>
        <FigureTable heading={[t("report.col.stage"), t("report.col.applications")]} rows={stages} />
      </Figure>
      <Figure
        page={page}
        id={`${id}-months`}
        heading={t("report.months.heading")}
        rows={months}
        legend={[t("report.months.within"), t("report.months.decided")]}
        // Months with submissions and no decision yet still belong in the table.
        always
        stacked
      >
        {months.length > 0 && (
          // Five columns may not fit a phone: the table scrolls on its own, reachable by keyboard.
          <div class="scroll" tabindex={0} role="region" aria-label={t("report.months.heading")}>
            <table>
              <caption class="visually-hidden">{t("report.months.heading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.col.month")}</th>
                  <th scope="col" class="number">
                    {t("report.months.submitted")}
                  </th>
                  <th scope="col" class="number">
                    {t("report.months.decided")}
                  </th>
                  <th scope="col" class="number">
                    {t("report.months.within")}
                  </th>
                  <th scope="col" class="number">
                    {t("report.months.overdue")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {active.map((month) => (
                  <tr>
                    <th scope="row">{monthName(locale, month.month)}</th>
                    <td class="number">{number(month.submitted)}</td>
                    <td class="number">{number(month.decided)}</td>
                    <td class="number">{number(month.decidedWithinDeadline)}</td>
                    <td class="number">{number(month.overdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Figure>
      <Figure page={page} id={`${id}-amounts`} heading={t("report.amounts.heading")} rows={amounts} always>
        <FigureTable heading={[t("report.col.what"), t("report.col.amount")]} rows={amounts} />
      </Figure>
      <Figure
        page={page}
        id={`${id}-ineligible`}
        heading={t("report.ineligible.heading")}
        help={t("report.ineligible.help")}
        rows={rules}
      >
        <FigureTable heading={[t("report.col.rule"), t("report.col.attempts")]} rows={rules} />
      </Figure>
      {[
        {
          key: "country",
          heading: t("report.country.heading"),
          column: t("report.col.country"),
          rows: cells(figures.breakdowns.country, (code) => countryName(code, locale)),
        },
        {
          key: "group",
          heading: t("report.group.heading"),
          column: t("report.col.group"),
          rows: cells(figures.breakdowns.targetGroup, (value) => optionLabel(call, value, locale)),
        },
      ].map((breakdown) => (
        <Figure page={page} id={`${id}-${breakdown.key}`} heading={breakdown.heading} rows={breakdown.rows}>
          <FigureTable heading={[breakdown.column, t("report.col.submissions")]} rows={breakdown.rows} />
        </Figure>
      ))}
    </section>
  );
}

/**
 * The months from the first to the last with anything in them: a year's counters list all twelve, and the
 * months before the first submission or after today would only be empty rows. Empty months in between stay.
 */
function activeMonths(months: MonthFigures[]): MonthFigures[] {
  const busy = (month: MonthFigures) => month.submitted + month.decided + month.overdue > 0;
  const first = months.findIndex(busy);
  return first === -1 ? [] : months.slice(first, months.findLastIndex(busy) + 1);
}

/** A hidden cell sorts below every shown one. */
const rank = (value: number | "<5") => (value === "<5" ? 0.5 : value);

/** A figure's heading, then its chart and its table side by side (stacked on a narrow screen). */
function Figure({
  page,
  id,
  heading,
  help,
  rows,
  legend,
  always = false,
  stacked = false,
  children,
}: {
  page: PageContext;
  id: string;
  heading: string;
  help?: string;
  rows: Row[];
  legend?: [string, string];
  /** Draw even when every figure is zero (amounts: zero is an answer, not an absence). */
  always?: boolean;
  /** The chart above its table rather than beside it (a table too wide to share the line). */
  stacked?: boolean;
  children: Child;
}) {
  const empty = rows.length === 0 || (!always && rows.every((row) => row.value === 0));
  return (
    <section class="figure" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {help && <p class="note">{help}</p>}
      {empty ? (
        <p class="note">{page.t("report.empty")}</p>
      ) : (
        <div class={stacked ? "chart-table stacked" : "chart-table"}>
          <BarChart title={`${heading}: ${page.t("report.chart.note")}`} rows={rows} legend={legend} />
          <div>{children}</div>
        </div>
      )}
    </section>
  );
}

const rowHeight = 44;
const legendHeight = 52;
const longestLabel = 34;

/**
 * Horizontal bars drawn on the server. No viewBox: text keeps its size at any width, and bar lengths are
 * percentages of the chart's width. Each row is a label and its figure on one line, the bar under them.
 */
function BarChart({ title, rows, legend }: { title: string; rows: Row[]; legend?: [string, string] | undefined }) {
  const max = Math.max(1, ...rows.map((row) => (row.value === "<5" ? 0 : row.value)));
  const top = legend ? legendHeight : 0;
  const percent = (value: number) => `${Math.max(value > 0 ? 0.5 : 0, (value / max) * 100).toFixed(2)}%`;
  return (
    <svg
      class="chart"
      role="img"
      width="100%"
      height={String(top + rows.length * rowHeight)}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{title}</title>
      {legend && (
        <g aria-hidden="true">
          <rect x="0" y="6" width="14" height="14" class="bar" />
          <text x="20" y="18" class="label">
            {legend[0]}
          </text>
          <rect x="0" y="30" width="14" height="14" class="bar whole" />
          <text x="20" y="42" class="label">
            {legend[1]}
          </text>
        </g>
      )}
      {rows.map((row, index) => {
        const y = top + index * rowHeight;
        return (
          <g aria-hidden="true">
            <text x="0" y={String(y + 15)} class="label">
              {row.label.length > longestLabel ? `${row.label.slice(0, longestLabel - 1)}…` : row.label}
            </text>
            <text x="100%" y={String(y + 15)} class="value" text-anchor="end">
              {row.part ? `${row.part.shown} / ${row.shown}` : row.shown}
            </text>
            <rect x="0" y={String(y + 21)} width="100%" height="14" class="track" />
            {row.value !== "<5" && (
              <rect
                x="0"
                y={String(y + 21)}
                width={percent(row.value)}
                height="14"
                class={row.part ? "bar whole" : "bar"}
              />
            )}
            {row.part && <rect x="0" y={String(y + 21)} width={percent(row.part.value)} height="14" class="bar" />}
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

/** `2026-03` as "Mar 2026" in the reader's language: short, so five columns fit a phone. */
function monthName(locale: Locale, month: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** An eligibility rule by the reason it gives, in the reader's language; its id if the call no longer has it. */
function ruleReason(call: Call.Info | undefined, ruleId: string, locale: Locale): string {
  const rule = call?.eligibility.rules.find((candidate) => candidate.id === ruleId);
  return rule ? pick(rule.reason, locale) : ruleId;
}

/** A target group by its answer's label in the call's questions; its value if no question offers it. */
function optionLabel(call: Call.Info | undefined, value: string, locale: Locale): string {
  for (const question of call?.eligibility.questions ?? []) {
    const option = question.options?.find((candidate) => candidate.value === value);
    if (option) return pick(option.label, locale);
  }
  return value;
}
