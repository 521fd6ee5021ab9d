import type * as Call from "@amparo/core/call";
import { countryName, pick, type Locale, type MessageKey } from "@amparo/core/i18n";
import type { Cell, MonthReport, QuarterReport } from "@amparo/core/report";
import type { PageContext } from "../shared/pages.js";

// What the report page and its spreadsheet both show, defined once so that the two cannot show different
// figures, labels or orders: the month columns, the breakdowns' rows, and the names of months, quarters and
// target groups.

/** A figure as the report gives it: a number, `<5` or `withheld` (a median is never `<5`). */
export type Shown = Cell | number;

/** How a month column's numbers read: a count, a number of days, or an amount in the month's currency. */
export type Kind = "count" | "days" | "money";

export interface MonthColumn {
  heading: MessageKey;
  kind: Kind;
  cell: (month: MonthReport) => Shown;
}

/** The month table's columns after the month, in the page's order. */
export const monthColumns: MonthColumn[] = [
  { heading: "report.months.submitted", kind: "count", cell: (month) => month.submitted },
  { heading: "report.months.decided", kind: "count", cell: (month) => month.decided },
  { heading: "report.months.approved", kind: "count", cell: (month) => month.approved },
  { heading: "report.months.declined", kind: "count", cell: (month) => month.declined },
  { heading: "report.months.within", kind: "count", cell: (month) => month.decidedWithinDeadline },
  { heading: "report.months.overdue", kind: "count", cell: (month) => month.overdue },
  { heading: "report.months.median", kind: "days", cell: (month) => month.medianDaysToDecision },
  { heading: "report.months.activated", kind: "count", cell: (month) => month.grantsActivated },
  { heading: "report.months.reports_due", kind: "count", cell: (month) => month.reports.due },
  { heading: "report.months.reports_on_time", kind: "count", cell: (month) => month.reports.onTime },
  { heading: "report.months.reports_late", kind: "count", cell: (month) => month.reports.late },
  { heading: "report.amounts.requested", kind: "money", cell: (month) => month.amounts.requested },
  { heading: "report.amounts.approved", kind: "money", cell: (month) => month.amounts.approved },
  { heading: "report.amounts.agreed", kind: "money", cell: (month) => month.amounts.agreed },
  { heading: "report.amounts.paid", kind: "money", cell: (month) => month.amounts.paid },
];

/** A cell in the reader's language: a formatted figure, `<5`, or the word for withheld. */
export function shownCell(page: PageContext, cell: Shown, format: (value: number) => string): string {
  if (cell === "<5") return "<5";
  if (cell === "withheld") return page.t("report.withheld");
  return format(cell);
}

/** `2026-03` as "Mar 2026" in the reader's language: short, so five columns fit a phone. */
export function monthName(locale: Locale, month: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** `2026-Q3` as "Q3 2026" in the reader's language. */
export function quarterName(page: PageContext, quarter: string): string {
  return page.t("report.quarter", { quarter: quarter.slice(6), year: quarter.slice(0, 4) });
}

/** A target group by its answer's label in the call's questions; its value if no question offers it. */
export function optionLabel(call: Call.Info | undefined, value: string, locale: Locale): string {
  for (const question of call?.eligibility.questions ?? []) {
    const option = question.options?.find((candidate) => candidate.value === value);
    if (option) return pick(option.label, locale);
  }
  return value;
}

/** A call's title in the reader's language; the report's own when the call is not among the reader's. */
export function callTitle(page: PageContext, figures: { title: string }, call: Call.Info | undefined): string {
  return call ? pick(call.title, page.locale) : figures.title;
}

export interface Breakdown {
  key: "country" | "group";
  heading: MessageKey;
  column: MessageKey;
  /** The categories with a figure or withheld, largest first (withheld last), then by name. */
  rows: { label: string; value: Shown }[];
  /** The categories under 5 (0 included), by name. */
  small: string[];
}

/** A withheld or hidden cell sorts below every shown one. */
const rank = (value: Shown) => (typeof value === "number" ? value : -1);

/** One quarter's breakdowns that list any category: by country, then by target group. */
export function breakdownsOf(page: PageContext, quarter: QuarterReport, call: Call.Info | undefined): Breakdown[] {
  const { locale } = page;
  const all = [
    {
      key: "country" as const,
      heading: "report.country.heading" as const,
      column: "report.col.country" as const,
      cells: quarter.breakdowns.country,
      label: (code: string) => countryName(code, locale),
    },
    {
      key: "group" as const,
      heading: "report.group.heading" as const,
      column: "report.col.group" as const,
      cells: quarter.breakdowns.targetGroup,
      label: (value: string) => optionLabel(call, value, locale),
    },
  ];
  return all
    .filter((breakdown) => Object.keys(breakdown.cells).length > 0)
    .map(({ cells, label, ...breakdown }) => ({
      ...breakdown,
      rows: Object.entries(cells)
        .filter(([, cell]) => cell !== "<5")
        .map(([key, cell]) => ({ label: label(key), value: cell }))
        .sort((a, b) => rank(b.value) - rank(a.value) || a.label.localeCompare(b.label, locale)),
      small: Object.entries(cells)
        .filter(([, cell]) => cell === "<5")
        .map(([key]) => label(key))
        .sort((a, b) => a.localeCompare(b, locale)),
    }));
}

/**
 * A moment in UTC, saying so, in the long date style of the page's other dates ("January 2, 2027 at 01:00 UTC"):
 * staff accounts keep no time zone.
 */
export function momentName(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}
