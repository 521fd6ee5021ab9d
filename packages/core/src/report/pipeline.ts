import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { ForbiddenError, NotFoundError } from "../error/index.js";
import { pick, type StaffLocale } from "../i18n/index.js";
import * as User from "../user/index.js";
import { type CallReport, type Pipeline, PipelineQuery } from "./schema.js";
import { stored } from "./store.js";

/**
 * The funders' pipeline report: per call, the frozen snapshots of the closed periods of one calendar year
 * (`store.ts`, made by a schedule), never applications and never a live figure; reading writes nothing. What leaves here carries no application id, name,
 * email, file name or text: only shown cells, the call's id, title and currency.
 */

/** Who may read reports; each only for the calls they work on (admins: every call). */
export const readers: User.Role[] = ["funder", "coordinator", "admin"];

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

  const locale = User.localeOf(user);
  const reports = await Promise.all(
    calls.map(async (call): Promise<CallReport> => ({
      callId: call.id,
      title: pick(call.title, locale),
      currency: call.funding.currency,
      ...(await stored(call.id, year, now)),
    })),
  );
  return { generatedAt: now.toISOString(), year, calls: reports };
}

/* ---------- CSV ---------- */

/** The CSV's column names, in the reader's language (a file for people and spreadsheets, not for the API). */
const columns: Record<StaffLocale, string[]> = {
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

/** The month fields in the order the page shows them. */
export const monthFields = [
  "submitted",
  "decided",
  "approved",
  "declined",
  "decidedWithinDeadline",
  "overdue",
  "medianDaysToDecision",
  "grantsActivated",
] as const;

function rowsOf(report: Pipeline, call: CallReport): Row[] {
  const rows: Row[] = [
    ["report", "year", report.year],
    ["report", "generatedAt", report.generatedAt],
    ["report", "currency", call.currency],
  ];
  for (const month of call.months) {
    for (const field of monthFields) rows.push([`months.${field}`, month.month, month[field]]);
    rows.push(
      ["months.reports.due", month.month, month.reports.due],
      ["months.reports.onTime", month.month, month.reports.onTime],
      ["months.reports.late", month.month, month.reports.late],
      ["months.amounts.requested", month.month, month.amounts.requested],
      ["months.amounts.approved", month.month, month.amounts.approved],
      ["months.amounts.agreed", month.month, month.amounts.agreed],
      ["months.amounts.paid", month.month, month.amounts.paid],
      ["months.amounts.currency", month.month, month.amounts.currency],
    );
  }
  for (const quarter of call.quarters) {
    for (const [country, cell] of Object.entries(quarter.breakdowns.country)) {
      rows.push([`quarters.country.${quarter.quarter}`, country, cell]);
    }
    for (const [group, cell] of Object.entries(quarter.breakdowns.targetGroup)) {
      rows.push([`quarters.targetGroup.${quarter.quarter}`, group, cell]);
    }
  }
  return rows;
}

/**
 * The report as one tidy table (call, title, section, key, value: one figure a row), UTF-8 with a byte order
 * mark so spreadsheet programs read Spanish and Portuguese correctly, every cell a spreadsheet could run as a
 * formula neutralised. Every value is one the page shows: a number, `<5` or `withheld`.
 */
export function pipelineCsv(report: Pipeline, locale: StaffLocale): string {
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
