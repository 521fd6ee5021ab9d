import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { ForbiddenError, NotFoundError } from "../error/index.js";
import { pick, type Locale } from "../i18n/index.js";
import * as User from "../user/index.js";
import { figures } from "./counters.js";
import { type CallReport, type Figures, type Pipeline, PipelineQuery } from "./schema.js";
import { suppress } from "./suppress.js";

/**
 * The funders' pipeline report: per call and calendar year, from the counters only (`figures`), never from
 * applications. What leaves here carries no application id, name, email, file name or text: only counts,
 * sums, the call's id and title and eligibility rule ids.
 */

/** Who may read reports; each only for the calls they work on (admins: every call). */
export const readers: User.Role[] = ["funder", "coordinator", "admin"];

/**
 * Up to when the year's breakdowns count submissions. A past year's: all of it, to its 31 December. The
 * current year's (and a future one's): up to the end of the last full month (`through`, `YYYY-MM`), so they
 * change only when a month ends and two reports a day apart never differ by one person. In January that is
 * December of the year before: the year's breakdowns are empty until its first month is over. Months are
 * calendar months in UTC, as the counters count them.
 */
export function breakdownsAsOf(year: number, now: Date): { asOf: string; through?: string } {
  if (year < now.getUTCFullYear()) return { asOf: `${year}-12-31` };
  // Day 0 of this month is the last day of the one before.
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const asOf = lastDay.toISOString().slice(0, 10);
  return { asOf, through: asOf.slice(0, 7) };
}

/** The median of a histogram of whole days (keys) to counts; null when it is empty. */
export function medianOf(histogram: Record<string, number>): number | null {
  const bins = Object.entries(histogram)
    .map(([days, count]) => [Number(days), count] as const)
    .filter(([days, count]) => Number.isFinite(days) && count > 0)
    .sort(([a], [b]) => a - b);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  // The value at a 0-based rank of the sorted decisions.
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, count] of bins) {
      seen += count;
      if (rank < seen) return days;
    }
    return bins.at(-1)![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** One call's figures as a reader sees them: breakdowns suppressed and rounded, the rest exact. */
export function callReport(raw: Figures, title: string): CallReport {
  const decided = raw.decisions.approved + raw.decisions.declined;
  return {
    callId: raw.callId,
    title,
    stages: raw.stages,
    months: raw.months,
    decisions: raw.decisions,
    decidedWithinDeadline: {
      count: raw.decidedWithinDeadline,
      share: decided === 0 ? null : Math.round((raw.decidedWithinDeadline / decided) * 1000) / 1000,
    },
    overdue: raw.overdue,
    medianDaysToDecision: medianOf(raw.daysToDecision),
    amounts: raw.amounts,
    ineligibleByRule: raw.ineligibleByRule,
    breakdowns: { country: suppress(raw.breakdowns.country), targetGroup: suppress(raw.breakdowns.targetGroup) },
  };
}

/**
 * The pipeline report for `user`: one call (404 when unknown or not theirs, the same answer for both) or every
 * call they work on, for one calendar year (default: `now`'s). Reviewers and anyone else: 403.
 */
export async function pipeline(
  user: User.Info,
  query: z.input<typeof PipelineQuery>,
  now = Clock.now(),
): Promise<Pipeline> {
  if (!user.roles.some((role) => readers.includes(role))) throw new ForbiddenError("report.role");
  const { callId, year = now.getUTCFullYear() } = PipelineQuery.parse(query);

  let calls: Call.Info[];
  if (callId !== undefined) {
    const call = await Call.fromID(callId);
    if (!call || !User.worksOn(user, call.id)) throw new NotFoundError("report.call_not_found");
    calls = [call];
  } else {
    calls = (await Call.list(now)).filter((call) => User.worksOn(user, call.id));
  }

  const { asOf, through } = breakdownsAsOf(year, now);
  const locale = User.localeOf(user);
  const reports = await Promise.all(
    calls.map(async (call) =>
      callReport(await figures(call.id, year, through ? { breakdownsThrough: through } : {}), pick(call.title, locale)),
    ),
  );
  return { generatedAt: now.toISOString(), year, breakdownsAsOf: asOf, calls: reports };
}

/* ---------- CSV ---------- */

/** The CSV's column names, in the reader's language (a file for people and spreadsheets, not for the API). */
const columns: Record<Locale, string[]> = {
  en: ["call", "title", "section", "key", "value"],
  es: ["convocatoria", "título", "sección", "clave", "valor"],
  pt: ["chamada", "título", "seção", "chave", "valor"],
};

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)`), so such a cell
 * gets a leading `'`, which spreadsheets read as "text".
 */
const formulaStart = /^[=+\-@\t\r]/;
export const neutralise = (cell: string) => (formulaStart.test(cell) ? `'${cell}` : cell);

type Row = [section: string, key: string, value: string | number | null];

function rowsOf(report: Pipeline, call: CallReport): Row[] {
  const rows: Row[] = [
    ["report", "year", report.year],
    ["report", "generatedAt", report.generatedAt],
    ["report", "breakdownsAsOf", report.breakdownsAsOf],
  ];
  for (const [stage, count] of Object.entries(call.stages)) rows.push(["stages", stage, count ?? 0]);
  for (const month of call.months) {
    for (const field of ["submitted", "decided", "decidedWithinDeadline", "overdue"] as const) {
      rows.push([`months.${field}`, month.month, month[field]]);
    }
  }
  rows.push(
    ["decisions", "approved", call.decisions.approved],
    ["decisions", "declined", call.decisions.declined],
    ["decidedWithinDeadline", "count", call.decidedWithinDeadline.count],
    ["decidedWithinDeadline", "share", call.decidedWithinDeadline.share],
    ["overdue", "count", call.overdue],
    ["medianDaysToDecision", "days", call.medianDaysToDecision],
    ["amounts", "requested", call.amounts.requested],
    ["amounts", "approved", call.amounts.approved],
    ["amounts", "currency", call.amounts.currency],
  );
  for (const [rule, count] of Object.entries(call.ineligibleByRule)) rows.push(["ineligibleByRule", rule, count]);
  for (const [country, cell] of Object.entries(call.breakdowns.country)) rows.push(["country", country, cell]);
  for (const [group, cell] of Object.entries(call.breakdowns.targetGroup)) rows.push(["targetGroup", group, cell]);
  return rows;
}

/**
 * The report as one tidy table (call, title, section, key, value: one figure a row), UTF-8 with a byte order
 * mark so spreadsheet programs read Spanish and Portuguese correctly, every cell a spreadsheet could run as a
 * formula neutralised. Empty values (a share with nothing decided) are empty cells.
 */
export function pipelineCsv(report: Pipeline, locale: Locale): string {
  const records = report.calls.flatMap((call) =>
    rowsOf(report, call).map(([section, key, value]) =>
      [call.callId, call.title, section, key, value === null ? "" : String(value)].map(neutralise),
    ),
  );
  return stringify(records, { bom: true, header: true, columns: columns[locale], record_delimiter: "windows" });
}

/** The CSV's file name: the call (or `all-calls`) and the year; call ids are slugs, safe in a header. */
export function pipelineCsvName(report: Pipeline, callId?: string): string {
  return `pipeline-${callId ?? "all-calls"}-${report.year}.csv`;
}
