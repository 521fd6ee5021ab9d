import type * as Call from "@amparo/core/call";
import { formatDate, type MessageKey } from "@amparo/core/i18n";
import { nextQuarter, type Pipeline } from "@amparo/core/report";
import type { Workbook as ExcelWorkbook, Worksheet } from "exceljs";
import type { PageContext } from "../shared/pages.js";
import {
  breakdownsOf,
  callTitle,
  momentName,
  monthColumns,
  monthName,
  quarterName,
  type Kind,
  type Shown,
} from "./figures.js";

/** The spreadsheet's media type. */
export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The spreadsheet's file name: the call (or `all-calls`) and the year; call ids are slugs, safe in a header. */
export const pipelineXlsxName = (report: Pipeline, callId?: string) =>
  `pipeline-${callId ?? "all-calls"}-${report.year}.xlsx`;

/**
 * The month table's headings in a sheet, where two columns cannot both be called "Approved" (the page tells
 * them apart by their currency sign).
 */
const sheetHeading: Partial<Record<MessageKey, MessageKey>> = {
  "report.amounts.requested": "report.col.amount_requested",
  "report.amounts.approved": "report.col.amount_approved",
  "report.amounts.agreed": "report.col.amount_agreed",
  "report.amounts.paid": "report.col.amount_paid",
};

/** A figure as a cell: a number formatted as its kind, else the page's words (`<5`, withheld) aligned right. */
function setFigure(sheet: Worksheet, row: number, column: number, page: PageContext, shown: Shown, format: string) {
  const cell = sheet.getCell(row, column);
  if (typeof shown === "number") {
    cell.value = shown;
    cell.numFmt = format;
  } else {
    cell.value = shown === "withheld" ? page.t("report.withheld") : shown;
    cell.alignment = { horizontal: "right" };
  }
}

/** Spreadsheet number formats; `#,##0` reads "1,000" or "1.000" as the reader's spreadsheet is set. */
function numberFormat(kind: Kind, value: Shown, currency: string): string {
  if (kind === "money") return `#,##0 "${currency.replace(/[^A-Z]/g, "")}"`;
  if (kind === "days" && typeof value === "number" && !Number.isInteger(value)) return "#,##0.0";
  return "#,##0";
}

/** A sheet with a bold, frozen header row that filters, and columns wide enough for their headings. */
function sheetOf(workbook: ExcelWorkbook, name: string, headings: string[], widths: number[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(headings).font = { bold: true };
  headings.forEach((heading, index) => {
    sheet.getColumn(index + 1).width = Math.max(widths[index] ?? 12, heading.length + 2);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headings.length } };
  return sheet;
}

/**
 * The report as a spreadsheet for people, in the reader's language: an "About" sheet (what the figures are,
 * when they were generated, when the next breakdowns come), then one sheet per section of the page (the
 * months; submissions by country; by group served), one row per month or category, with the page's column
 * names, call titles, month and quarter names. Figures are numbers with a number format; `<5` and withheld read
 * as on the page. Every figure is a cell of `report`, as on the page, and nothing else.
 */
export async function pipelineWorkbook(
  page: PageContext,
  report: Pipeline,
  calls: Call.Info[],
): Promise<Uint8Array<ArrayBuffer>> {
  // The workbook class only, loaded on the first download: the package's entry also brings its CSV and
  // streaming readers and writers, which would double the report function's bundle.
  const { default: Workbook } = await import("exceljs/lib/doc/workbook.js");
  const { t, locale } = page;
  const workbook = new Workbook();
  workbook.creator = "Amparo";
  workbook.created = workbook.modified = new Date(report.generatedAt);
  const callOf = (callId: string) => calls.find((call) => call.id === callId);

  const about = workbook.addWorksheet(t("report.sheet.about"));
  about.getColumn(1).width = 100;
  const next = nextQuarter(report.year, new Date(report.generatedAt));
  const lines = [
    t("report.heading"),
    t("report.as_of", { year: String(report.year), date: formatDate(locale, report.generatedAt) }),
    ...(next
      ? [t("report.quarters.next", { quarter: quarterName(page, next.quarter), date: momentName(locale, next.by) })]
      : []),
    ...(report.calls.length === 0 ? [t("report.none")] : []),
  ];
  for (const line of lines) about.addRow([line]).alignment = { wrapText: true, vertical: "top" };
  about.getRow(1).font = { bold: true, size: 14 };

  const months = sheetOf(
    workbook,
    t("report.sheet.months"),
    [
      t("report.col.call"),
      t("report.col.month"),
      ...monthColumns.map((column) => t(sheetHeading[column.heading] ?? column.heading)),
    ],
    [30, 12],
  );
  for (const figures of report.calls) {
    const title = callTitle(page, figures, callOf(figures.callId));
    for (const month of figures.months) {
      const row = months.addRow([title, monthName(locale, month.month)]).number;
      monthColumns.forEach((column, index) => {
        const shown = column.cell(month);
        setFigure(months, row, index + 3, page, shown, numberFormat(column.kind, shown, month.amounts.currency));
      });
    }
  }

  const sheets = {
    country: sheetOf(
      workbook,
      t("report.sheet.country"),
      [t("report.col.call"), t("report.col.quarter"), t("report.col.country"), t("report.col.submissions")],
      [30, 12, 24],
    ),
    group: sheetOf(
      workbook,
      t("report.sheet.group"),
      [t("report.col.call"), t("report.col.quarter"), t("report.col.group"), t("report.col.submissions")],
      [30, 12, 30],
    ),
  };
  for (const figures of report.calls) {
    const call = callOf(figures.callId);
    const title = callTitle(page, figures, call);
    for (const quarter of figures.quarters) {
      for (const breakdown of breakdownsOf(page, quarter, call)) {
        const sheet = sheets[breakdown.key];
        const rows = [...breakdown.rows, ...breakdown.small.map((label) => ({ label, value: "<5" as const }))];
        for (const { label, value } of rows) {
          const row = sheet.addRow([title, quarterName(page, quarter.quarter), label]).number;
          setFigure(sheet, row, 4, page, value, "#,##0");
        }
      }
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
